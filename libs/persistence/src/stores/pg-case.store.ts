import { type DataSource } from 'typeorm';
import { Topics, type CaseCreatedDataV1, type CaseEventV1, type ReceivedMessageV1 } from '@hub/contracts';

export const CASE_SERVICE_CONSUMER = 'case-service';

/**
 * PostgreSQL side of the case service. Opening a case claims the consumer's processed-event key and
 * writes the case, its first timeline entry and its `case.created` outbox row in one statement: the
 * key commits with the effect, so a redelivery (or a crash and replay) never opens a second case.
 */
export class PgCaseStore {
  constructor(private readonly db: DataSource) {}

  async openCase(
    received: ReceivedMessageV1,
    created: CaseEventV1<CaseCreatedDataV1>,
    deadlines: { firstResponseDueAt: Date; answer: { warnAt: Date }; explanation: object },
  ): Promise<boolean> {
    const d = created.data;
    const [{ opened }] = await this.db.query<{ opened: number }[]>(
      `WITH claim AS (
         INSERT INTO processed_event (consumer, event_key) VALUES ($1, $2)
         ON CONFLICT ON CONSTRAINT pk_processed_event DO NOTHING
         RETURNING 1
       ), c AS (
         INSERT INTO case_record (id, message_id, channel, external_ref, status, department_code, title, content, kind,
                                  urgency, tracking_code, policy_doc_no, street, received_at, due_at, version,
                                  policy_id, latitude, longitude, service_code, first_response_due_at, warn_at, deadlines)
         SELECT $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                m.policy_id, m.latitude, m.longitude, m.service_code, $25, $26, $27::jsonb
         FROM claim LEFT JOIN message m ON m.id = $4
         RETURNING id
       ), t AS (
         INSERT INTO case_timeline (case_id, type, occurred_at, actor, data) SELECT id, $19, $20, $21, $22::jsonb FROM c
       ), ob AS (
         INSERT INTO outbox (topic, key, payload) SELECT $23, $3, $24 FROM c
       )
       SELECT count(*)::int AS opened FROM c`,
      [
        CASE_SERVICE_CONSUMER,
        `received:${received.messageId}`,
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
        created.type,
        created.occurredAt,
        `channel:${created.channel}`,
        JSON.stringify({ externalRef: created.externalRef, personalDataKinds: received.personalDataKinds }),
        Topics.caseEvents,
        JSON.stringify(created),
        deadlines.firstResponseDueAt,
        deadlines.answer.warnAt,
        JSON.stringify(deadlines.explanation),
      ],
    );
    return opened === 1;
  }
}
