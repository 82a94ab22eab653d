import { type DataSource } from 'typeorm';
import { Topics, type ReceivedMessageV1 } from '@hub/contracts';

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

/**
 * PostgreSQL side of intake. The message, its personal data and its outbox row are written by one
 * statement (data-modifying CTEs): atomic without an explicit transaction, and one round trip. The
 * same channel and source id a second time inserts nothing; `ON CONFLICT` waits for a concurrent
 * writer of the same id, so the follow-up read always finds the message that won.
 */
export class PgIntakeStore {
  constructor(private readonly db: DataSource) {}

  async saveReceived(
    record: ReceivedRecordShape,
  ): Promise<
    | { created: true }
    | { created: false; existing: { messageId: string; caseId: string; trackingCode: string | null } }
  > {
    const e = record.event;
    const { name, phone, email } = record.contact;
    const hasPersonalData = Boolean(name || phone || email || record.found.length > 0);
    const [{ created }] = await this.db.query<{ created: number }[]>(
      `WITH m AS (
         INSERT INTO message (id, channel, external_ref, case_id, tracking_code, kind, urgency, title, content,
                              policy_doc_no, address, street, received_at, source_due_at,
                              policy_id, latitude, longitude, service_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
                 $25, $22, $23, $24)
         ON CONFLICT ON CONSTRAINT uq_message_channel_external_ref DO NOTHING
         RETURNING id
       ), pd AS (
         INSERT INTO personal_data (message_id, name, phone, email, found)
         SELECT id, $15, $16, $17, $18::jsonb FROM m WHERE $19::boolean
       ), ob AS (
         INSERT INTO outbox (topic, key, payload) SELECT $20, $4, $21 FROM m
       )
       SELECT count(*)::int AS created FROM m`,
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
        name ?? null,
        phone ?? null,
        email ?? null,
        JSON.stringify(record.found.map((f) => ({ kind: f.kind, value: f.value }))),
        hasPersonalData,
        Topics.messagesReceived,
        JSON.stringify(e),
        e.location?.latitude ?? null,
        e.location?.longitude ?? null,
        e.serviceCode,
        e.policyId,
      ],
    );
    if (created === 1) return { created: true };
    const [row] = await this.db.query<ExistingRow[]>(
      `SELECT id, case_id, tracking_code FROM message WHERE channel = $1 AND external_ref = $2`,
      [e.channel, e.externalRef],
    );
    return {
      created: false,
      existing: { messageId: row.id, caseId: row.case_id, trackingCode: row.tracking_code },
    };
  }
}
