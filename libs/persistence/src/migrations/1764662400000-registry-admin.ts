import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Registry administration: 一网通办 service items on policies, a policy's drafter must be a unit,
 * communities (居委会) of street offices for the segmenter's user dictionary, imported training
 * examples keyed by their own id, classifier roll-back history, and classifier training jobs (the
 * API queues them, the triage service runs them).
 */
export class RegistryAdmin1764662400000 implements MigrationInterface {
  name = 'RegistryAdmin1764662400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE policy ADD COLUMN service_items jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await q.query(
      `COMMENT ON COLUMN policy.service_items IS 'The matching 一网通办 service items: [{name, url}]'`,
    );
    // NOT VALID: enforced for every write from now on without failing on rows loaded before.
    await q.query(
      `ALTER TABLE policy ADD CONSTRAINT fk_policy_drafter FOREIGN KEY (drafter_code) REFERENCES department (code) NOT VALID`,
    );
    await q.query(`ALTER TABLE department ADD COLUMN communities text[] NOT NULL DEFAULT '{}'`);
    await q.query(
      `COMMENT ON COLUMN department.communities IS 'Communities (居委会) of a street office: user-dictionary words for segmentation'`,
    );
    await q.query(`ALTER TABLE training_example ADD COLUMN external_id text`);
    await q.query(
      `CREATE UNIQUE INDEX uq_training_example_external_id ON training_example (source, external_id) WHERE external_id IS NOT NULL`,
    );
    await q.query(`ALTER TABLE classifier_model ADD COLUMN previous_version integer`);
    await q.query(
      `COMMENT ON COLUMN classifier_model.previous_version IS 'The version that was active when this one was last activated (not by a roll-back): where a roll-back goes'`,
    );
    await q.query(`
      CREATE TABLE classifier_training (
        id            uuid        NOT NULL DEFAULT gen_random_uuid(),
        status        text        NOT NULL DEFAULT 'queued',
        activate      boolean     NOT NULL DEFAULT false,
        requested_by  text        NOT NULL,
        requested_at  timestamptz NOT NULL DEFAULT now(),
        started_at    timestamptz,
        finished_at   timestamptz,
        version       integer,
        error         text,
        CONSTRAINT pk_classifier_training PRIMARY KEY (id),
        CONSTRAINT fk_classifier_training_version FOREIGN KEY (version) REFERENCES classifier_model (version),
        CONSTRAINT ck_classifier_training_status CHECK (status IN ('queued', 'running', 'done', 'failed'))
      )`);
    // One job at a time: at most one row may be queued or running.
    await q.query(
      `CREATE UNIQUE INDEX uq_classifier_training_pending ON classifier_training ((true)) WHERE status IN ('queued', 'running')`,
    );
    await q.query(
      `COMMENT ON TABLE classifier_training IS 'Classifier training jobs: queued by an admin through the API, claimed and run by one triage instance'`,
    );
  }

  down(): Promise<void> {
    return Promise.reject(new Error('migrations are forward-only'));
  }
}
