import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Intake channels: the policy registry a cited 文号 links to, Open311 locations on messages, and
 * import jobs for the State Council portal's export files.
 */
export class IntakeChannels1764403200000 implements MigrationInterface {
  name = 'IntakeChannels1764403200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE policy (
        id            uuid        NOT NULL DEFAULT gen_random_uuid(),
        doc_no        text        NOT NULL,
        title         text        NOT NULL,
        drafter_code  text        NOT NULL,
        issued_on     date,
        topics        text[]      NOT NULL DEFAULT '{}',
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_policy PRIMARY KEY (id),
        CONSTRAINT uq_policy_doc_no UNIQUE (doc_no)
      )`);
    await q.query(
      `COMMENT ON TABLE policy IS 'Policy registry: 文号 (canonical form), title, drafting department'`,
    );
    await q.query(
      `ALTER TABLE message ADD COLUMN policy_id uuid CONSTRAINT fk_message_policy REFERENCES policy (id)`,
    );
    await q.query(
      `ALTER TABLE message ADD COLUMN latitude double precision, ADD COLUMN longitude double precision`,
    );
    await q.query(`ALTER TABLE message ADD COLUMN service_code text`);
    await q.query(
      `ALTER TABLE case_record ADD COLUMN policy_id uuid CONSTRAINT fk_case_record_policy REFERENCES policy (id)`,
    );
    await q.query(
      `ALTER TABLE case_record ADD COLUMN latitude double precision, ADD COLUMN longitude double precision`,
    );
    await q.query(`ALTER TABLE case_record ADD COLUMN service_code text`);
    await q.query(`CREATE INDEX ix_case_record_received_at ON case_record (received_at DESC)`);
    await q.query(`
      CREATE TABLE import_job (
        id           uuid        NOT NULL,
        channel      text        NOT NULL,
        file_name    text        NOT NULL,
        status       text        NOT NULL,
        total        integer     NOT NULL DEFAULT 0,
        processed    integer     NOT NULL DEFAULT 0,
        accepted     integer     NOT NULL DEFAULT 0,
        duplicate    integer     NOT NULL DEFAULT 0,
        rejected     integer     NOT NULL DEFAULT 0,
        rows         jsonb       NOT NULL DEFAULT '[]'::jsonb,
        error        text,
        created_at   timestamptz NOT NULL DEFAULT now(),
        finished_at  timestamptz,
        CONSTRAINT pk_import_job PRIMARY KEY (id),
        CONSTRAINT ck_import_job_status CHECK (status IN ('running', 'done', 'failed'))
      )`);
  }

  down(): Promise<void> {
    return Promise.reject(new Error('migrations are forward-only'));
  }
}
