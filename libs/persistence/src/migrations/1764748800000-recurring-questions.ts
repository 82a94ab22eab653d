import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Recurring questions (共性问题): clusters of messages asking the same thing across channels, the
 * pairs staff marked "not the same question", and shared answers (统一回应) with their review.
 */
export class RecurringQuestions1764748800000 implements MigrationInterface {
  name = 'RecurringQuestions1764748800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE question_cluster (
        id            uuid        NOT NULL,
        title         text        NOT NULL,
        title_by      text,
        key_terms     text[]      NOT NULL DEFAULT '{}',
        member_count  integer     NOT NULL DEFAULT 0,
        first_at      timestamptz NOT NULL,
        last_at       timestamptz NOT NULL,
        merged_into   uuid,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_question_cluster PRIMARY KEY (id),
        CONSTRAINT fk_question_cluster_merged_into FOREIGN KEY (merged_into) REFERENCES question_cluster (id)
      )`);
    await q.query(
      `COMMENT ON COLUMN question_cluster.title_by IS 'Who set the title: null while it is generated from the key terms'`,
    );
    await q.query(`
      CREATE TABLE cluster_member (
        case_id          uuid        NOT NULL,
        cluster_id       uuid        NOT NULL,
        similarity       real,
        matched_case_id  uuid,
        placed_by        text        NOT NULL,
        placed_at        timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_cluster_member PRIMARY KEY (case_id),
        CONSTRAINT fk_cluster_member_case FOREIGN KEY (case_id) REFERENCES case_record (id) ON DELETE CASCADE,
        CONSTRAINT fk_cluster_member_cluster FOREIGN KEY (cluster_id) REFERENCES question_cluster (id)
      )`);
    await q.query(`CREATE INDEX ix_cluster_member_cluster_id ON cluster_member (cluster_id)`);
    await q.query(`
      CREATE TABLE cluster_separation (
        case_a      uuid        NOT NULL,
        case_b      uuid        NOT NULL,
        created_by  text        NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_cluster_separation PRIMARY KEY (case_a, case_b),
        CONSTRAINT ck_cluster_separation_order CHECK (case_a < case_b)
      )`);
    await q.query(
      `COMMENT ON TABLE cluster_separation IS 'Pairs staff marked "not the same question": never clustered together again'`,
    );
    await q.query(`
      CREATE TABLE shared_answer (
        id               uuid        NOT NULL,
        cluster_id       uuid        NOT NULL,
        department_code  text        NOT NULL,
        text             text        NOT NULL,
        policy_id        uuid,
        service_item     jsonb,
        status           text        NOT NULL DEFAULT 'pending',
        drafted_by       text        NOT NULL,
        drafted_at       timestamptz NOT NULL DEFAULT now(),
        reviewed_by      text,
        reviewed_at      timestamptz,
        review_comment   text,
        CONSTRAINT pk_shared_answer PRIMARY KEY (id),
        CONSTRAINT fk_shared_answer_cluster FOREIGN KEY (cluster_id) REFERENCES question_cluster (id),
        CONSTRAINT fk_shared_answer_department FOREIGN KEY (department_code) REFERENCES department (code),
        CONSTRAINT ck_shared_answer_status CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn'))
      )`);
    await q.query(`CREATE INDEX ix_shared_answer_cluster_id ON shared_answer (cluster_id, status)`);
    await q.query(
      `COMMENT ON TABLE shared_answer IS 'One reviewed answer (统一回应) for a recurring question; public on the board FAQ once approved'`,
    );
  }

  down(): Promise<void> {
    return Promise.reject(new Error('migrations are forward-only'));
  }
}
