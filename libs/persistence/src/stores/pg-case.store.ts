import { type DataSource } from 'typeorm';
import { Topics, type CaseCreatedDataV1, type CaseEventV1, type ReceivedMessageV1 } from '@hub/contracts';
import { writeOutbox } from './outbox-writer';
import { claimEvent } from './processed-event';

export const CASE_SERVICE_CONSUMER = 'case-service';

/** PostgreSQL side of the case service: case, timeline and `case.created` outbox row in one transaction. */
export class PgCaseStore {
  constructor(private readonly db: DataSource) {}

  async openCase(received: ReceivedMessageV1, created: CaseEventV1<CaseCreatedDataV1>): Promise<boolean> {
    return this.db.transaction(async (m) => {
      if (!(await claimEvent(m, CASE_SERVICE_CONSUMER, `received:${received.messageId}`))) return false;
      const d = created.data;
      await m.query(
        `INSERT INTO case_record (id, message_id, channel, external_ref, status, department_code, title, content, kind,
                                  urgency, tracking_code, policy_doc_no, street, received_at, due_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [
          created.caseId,
          received.messageId,
          created.channel,
          created.externalRef,
          created.status,
          created.departmentCode,
          d.title,
          d.content,
          d.kind,
          d.urgency,
          d.trackingCode,
          d.policyDocNo,
          d.street,
          d.receivedAt,
          created.dueAt,
          created.version,
        ],
      );
      await m.query(
        `INSERT INTO case_timeline (case_id, type, occurred_at, actor, data) VALUES ($1, $2, $3, $4, $5)`,
        [
          created.caseId,
          created.type,
          created.occurredAt,
          `channel:${created.channel}`,
          JSON.stringify({ externalRef: created.externalRef, personalDataKinds: received.personalDataKinds }),
        ],
      );
      await writeOutbox(m, { topic: Topics.caseEvents, key: created.caseId, payload: created });
      return true;
    });
  }
}
