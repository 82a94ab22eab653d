import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The department workflow: accounts, the case's deadlines and workflow state, replies under review,
 * follow-up feedback, SLA notifications, dispatcher corrections kept as training examples, and the
 * append-only, hash-chained audit log.
 */
export class CaseWorkflow1764576000000 implements MigrationInterface {
  name = 'CaseWorkflow1764576000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_account (
        username         text        NOT NULL,
        display_name     text        NOT NULL,
        password_hash    text        NOT NULL,
        role             text        NOT NULL,
        department_code  text,
        active           boolean     NOT NULL DEFAULT true,
        demo             boolean     NOT NULL DEFAULT false,
        failed_attempts  integer     NOT NULL DEFAULT 0,
        locked_until     timestamptz,
        last_login_at    timestamptz,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_user_account PRIMARY KEY (username),
        CONSTRAINT fk_user_account_department FOREIGN KEY (department_code) REFERENCES department (code),
        CONSTRAINT ck_user_account_role
          CHECK (role IN ('admin', 'dispatcher', 'staff', 'lead', 'supervisor', 'analyst', 'integration')),
        CONSTRAINT ck_user_account_department CHECK ((role IN ('staff', 'lead')) = (department_code IS NOT NULL))
      )`);
    await q.query(
      `COMMENT ON TABLE user_account IS 'Local accounts (scrypt hashes, lockout); demo rows exist in local mode only'`,
    );
    await q.query(`
      ALTER TABLE case_record
        ADD COLUMN first_response_due_at timestamptz,
        ADD COLUMN warn_at               timestamptz,
        ADD COLUMN deadlines             jsonb,
        ADD COLUMN accepted_at           timestamptz,
        ADD COLUMN replied_at            timestamptz,
        ADD COLUMN closed_at             timestamptz,
        ADD COLUMN return_count          integer NOT NULL DEFAULT 0,
        ADD COLUMN arbitrated            boolean NOT NULL DEFAULT false,
        ADD COLUMN merged_into           uuid,
        ADD COLUMN supervised_at         timestamptz,
        ADD COLUMN extension_request     jsonb,
        ADD COLUMN extended_days         integer NOT NULL DEFAULT 0,
        ADD COLUMN reopen_count          integer NOT NULL DEFAULT 0,
        ADD COLUMN sla_warned_for        timestamptz,
        ADD COLUMN sla_breached_for      timestamptz,
        ADD CONSTRAINT fk_case_record_merged_into FOREIGN KEY (merged_into) REFERENCES case_record (id)`);
    await q.query(
      `COMMENT ON COLUMN case_record.sla_warned_for IS 'The due time a warning went out for: once per deadline, also across restarts'`,
    );
    await q.query(`CREATE INDEX ix_case_record_sla ON case_record (warn_at) WHERE replied_at IS NULL`);
    await q.query(`
      CREATE TABLE case_reply (
        id                bigserial   NOT NULL,
        case_id           uuid        NOT NULL,
        text              text        NOT NULL,
        shared_answer_id  text,
        status            text        NOT NULL DEFAULT 'pending',
        submitted_by      text        NOT NULL,
        submitted_at      timestamptz NOT NULL,
        reviewed_by       text,
        reviewed_at       timestamptz,
        review_comment    text,
        CONSTRAINT pk_case_reply PRIMARY KEY (id),
        CONSTRAINT fk_case_reply_case FOREIGN KEY (case_id) REFERENCES case_record (id) ON DELETE CASCADE,
        CONSTRAINT ck_case_reply_status CHECK (status IN ('pending', 'rejected', 'approved'))
      )`);
    await q.query(`CREATE INDEX ix_case_reply_case_id ON case_reply (case_id, id DESC)`);
    await q.query(
      `COMMENT ON TABLE case_reply IS 'Reply drafts (答复) and their review (审核); only an approved one is ever public'`,
    );
    await q.query(`
      CREATE TABLE case_feedback (
        id            bigserial   NOT NULL,
        case_id       uuid        NOT NULL,
        ticket_id     text        NOT NULL,
        visited_at    timestamptz NOT NULL,
        reached       boolean     NOT NULL,
        resolved      text,
        satisfaction  text,
        comment       text,
        received_at   timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_case_feedback PRIMARY KEY (id),
        CONSTRAINT fk_case_feedback_case FOREIGN KEY (case_id) REFERENCES case_record (id) ON DELETE CASCADE,
        CONSTRAINT uq_case_feedback_visit UNIQUE (ticket_id, visited_at)
      )`);
    await q.query(`CREATE INDEX ix_case_feedback_case_id ON case_feedback (case_id, visited_at DESC)`);
    await q.query(`
      CREATE TABLE notification (
        id               bigserial   NOT NULL,
        case_id          uuid        NOT NULL,
        kind             text        NOT NULL,
        role             text        NOT NULL,
        department_code  text,
        text             text        NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        read_at          timestamptz,
        CONSTRAINT pk_notification PRIMARY KEY (id),
        CONSTRAINT fk_notification_case FOREIGN KEY (case_id) REFERENCES case_record (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_notification_recipient ON notification (role, department_code, id DESC)`);
    await q.query(`
      CREATE TABLE training_example (
        id          bigserial   NOT NULL,
        case_id     uuid,
        title       text,
        content     text        NOT NULL,
        label       text        NOT NULL,
        source      text        NOT NULL,
        created_by  text        NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_training_example PRIMARY KEY (id),
        CONSTRAINT uq_training_example_case UNIQUE (case_id),
        CONSTRAINT ck_training_example_source CHECK (source IN ('correction', 'import'))
      )`);
    await q.query(
      `COMMENT ON TABLE training_example IS 'Labelled messages for the classifier: dispatcher corrections (latest wins per case) and imports'`,
    );
    await q.query(`
      CREATE TABLE audit_log (
        id           bigserial   NOT NULL,
        occurred_at  timestamptz NOT NULL,
        actor        text        NOT NULL,
        action       text        NOT NULL,
        case_id      uuid,
        body         text        NOT NULL,
        prev_hash    text        NOT NULL,
        hash         text        NOT NULL,
        CONSTRAINT pk_audit_log PRIMARY KEY (id)
      )`);
    await q.query(`CREATE INDEX ix_audit_log_case_id ON audit_log (case_id, id)`);
    await q.query(
      `COMMENT ON TABLE audit_log IS 'Append-only: every action and every view of unmasked personal data; hash = sha256(prev_hash || body)'`,
    );
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
      END $$`);
    await q.query(
      `CREATE TRIGGER tr_audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
       FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
    );
  }

  down(): Promise<void> {
    return Promise.reject(new Error('migrations are forward-only'));
  }
}
