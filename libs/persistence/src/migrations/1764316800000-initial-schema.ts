import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The first schema: received messages with their personal data kept apart, cases with their
 * timeline, the transactional outbox and the processed-event keys of idempotent consumers.
 * Singular table names and explicit constraint names from the start.
 */
export class InitialSchema1764316800000 implements MigrationInterface {
  name = 'InitialSchema1764316800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE message (
        id              uuid        NOT NULL,
        channel         text        NOT NULL,
        external_ref    text        NOT NULL,
        case_id         uuid        NOT NULL,
        tracking_code   text,
        kind            text,
        urgency         text        NOT NULL DEFAULT 'normal',
        title           text,
        content         text        NOT NULL,
        policy_doc_no   text,
        address         text,
        street          text,
        received_at     timestamptz NOT NULL,
        source_due_at   timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_message PRIMARY KEY (id),
        CONSTRAINT uq_message_channel_external_ref UNIQUE (channel, external_ref),
        CONSTRAINT uq_message_case_id UNIQUE (case_id),
        CONSTRAINT uq_message_tracking_code UNIQUE (tracking_code),
        CONSTRAINT ck_message_channel CHECK (channel IN ('hotline', 'board', 'portal', 'open311')),
        CONSTRAINT ck_message_urgency CHECK (urgency IN ('normal', 'urgent'))
      )`);
    await q.query(
      `COMMENT ON TABLE message IS 'Every citizen message as received, text masked; raw personal data lives in personal_data'`,
    );
    await q.query(`
      CREATE TABLE personal_data (
        message_id  uuid        NOT NULL,
        name        text,
        phone       text,
        email       text,
        found       jsonb       NOT NULL DEFAULT '[]'::jsonb,
        created_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_personal_data PRIMARY KEY (message_id),
        CONSTRAINT fk_personal_data_message FOREIGN KEY (message_id) REFERENCES message (id) ON DELETE CASCADE
      )`);
    await q.query(
      `COMMENT ON TABLE personal_data IS 'Protected store: contact details and personal data found in the text; read only through audited routes'`,
    );
    await q.query(`
      CREATE TABLE case_record (
        id               uuid        NOT NULL,
        message_id       uuid        NOT NULL,
        channel          text        NOT NULL,
        external_ref     text        NOT NULL,
        status           text        NOT NULL,
        department_code  text,
        title            text,
        content          text        NOT NULL,
        kind             text,
        urgency          text        NOT NULL DEFAULT 'normal',
        tracking_code    text,
        policy_doc_no    text,
        street           text,
        received_at      timestamptz NOT NULL,
        due_at           timestamptz,
        version          integer     NOT NULL DEFAULT 1,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_case_record PRIMARY KEY (id),
        CONSTRAINT uq_case_record_message_id UNIQUE (message_id),
        CONSTRAINT fk_case_record_message FOREIGN KEY (message_id) REFERENCES message (id)
      )`);
    await q.query(`CREATE INDEX ix_case_record_external_ref ON case_record (external_ref)`);
    await q.query(`CREATE INDEX ix_case_record_status ON case_record (status)`);
    await q.query(`CREATE INDEX ix_case_record_department_code ON case_record (department_code)`);
    await q.query(`CREATE INDEX ix_case_record_created_at ON case_record (created_at DESC, id)`);
    await q.query(`
      CREATE TABLE case_timeline (
        id           bigserial   NOT NULL,
        case_id      uuid        NOT NULL,
        type         text        NOT NULL,
        occurred_at  timestamptz NOT NULL,
        actor        text        NOT NULL,
        data         jsonb       NOT NULL DEFAULT '{}'::jsonb,
        CONSTRAINT pk_case_timeline PRIMARY KEY (id),
        CONSTRAINT fk_case_timeline_case FOREIGN KEY (case_id) REFERENCES case_record (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_case_timeline_case_id ON case_timeline (case_id, id)`);
    await q.query(`
      CREATE TABLE outbox (
        id            bigserial   NOT NULL,
        topic         text        NOT NULL,
        key           text,
        payload       text        NOT NULL,
        headers       jsonb       NOT NULL DEFAULT '{}'::jsonb,
        created_at    timestamptz NOT NULL DEFAULT now(),
        published_at  timestamptz,
        CONSTRAINT pk_outbox PRIMARY KEY (id)
      )`);
    await q.query(`CREATE INDEX ix_outbox_unpublished ON outbox (id) WHERE published_at IS NULL`);
    await q.query(`
      CREATE FUNCTION notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('hub_outbox', '');
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER tr_outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox()`,
    );
    await q.query(`
      CREATE TABLE processed_event (
        consumer      text        NOT NULL,
        event_key     text        NOT NULL,
        processed_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_processed_event PRIMARY KEY (consumer, event_key)
      )`);
  }

  down(): Promise<void> {
    return Promise.reject(new Error('migrations are forward-only'));
  }
}
