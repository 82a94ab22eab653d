import { type DataSource } from 'typeorm';
import { Topics, type ReceivedMessageV1 } from '@hub/contracts';
import { writeOutbox } from './outbox-writer';

interface ReceivedRecordShape {
  event: ReceivedMessageV1;
  contact: { name?: string | null; phone?: string | null; email?: string | null };
  found: { kind: string; value: string }[];
}

interface ExistingRow {
  id: string;
  case_id: string;
  tracking_code: string | null;
}

/** PostgreSQL side of intake: message, personal data and outbox row in one transaction. */
export class PgIntakeStore {
  constructor(private readonly db: DataSource) {}

  async saveReceived(
    record: ReceivedRecordShape,
  ): Promise<
    | { created: true }
    | { created: false; existing: { messageId: string; caseId: string; trackingCode: string | null } }
  > {
    const e = record.event;
    return this.db.transaction(async (m) => {
      const inserted: unknown[] = await m.query(
        `INSERT INTO message (id, channel, external_ref, case_id, tracking_code, kind, urgency, title, content,
                              policy_doc_no, address, street, received_at, source_due_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT ON CONSTRAINT uq_message_channel_external_ref DO NOTHING RETURNING 1`,
        [
          e.messageId,
          e.channel,
          e.externalRef,
          e.caseId,
          e.trackingCode,
          e.kind,
          e.urgency,
          e.title,
          e.content,
          e.policyDocNo,
          e.address,
          e.street,
          e.receivedAt,
          e.sourceDueAt,
        ],
      );
      if (inserted.length === 0) {
        const [row] = await m.query<ExistingRow[]>(
          `SELECT id, case_id, tracking_code FROM message WHERE channel = $1 AND external_ref = $2`,
          [e.channel, e.externalRef],
        );
        return {
          created: false,
          existing: { messageId: row.id, caseId: row.case_id, trackingCode: row.tracking_code },
        };
      }
      const { name, phone, email } = record.contact;
      if (name || phone || email || record.found.length > 0) {
        await m.query(
          `INSERT INTO personal_data (message_id, name, phone, email, found) VALUES ($1, $2, $3, $4, $5)`,
          [
            e.messageId,
            name ?? null,
            phone ?? null,
            email ?? null,
            JSON.stringify(record.found.map((f) => ({ kind: f.kind, value: f.value }))),
          ],
        );
      }
      await writeOutbox(m, { topic: Topics.messagesReceived, key: e.caseId, payload: e });
      return { created: true };
    });
  }
}
