import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Triage: the unit directory, how each case got its unit, and versioned classifier models. */
export class Triage1764489600000 implements MigrationInterface {
  name = 'Triage1764489600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE department (
        code        text        NOT NULL,
        kind        text        NOT NULL,
        name        text        NOT NULL,
        name_en     text,
        duties      text        NOT NULL DEFAULT '',
        active      boolean     NOT NULL DEFAULT true,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_department PRIMARY KEY (code),
        CONSTRAINT ck_department_kind CHECK (kind IN ('department', 'street'))
      )`);
    await q.query(
      `COMMENT ON TABLE department IS 'Units that receive cases: departments (委办局) and street offices (街道办事处)'`,
    );
    await q.query(`ALTER TABLE case_record ADD COLUMN routing jsonb`);
    await q.query(`
      CREATE TABLE classifier_model (
        id            uuid        NOT NULL DEFAULT gen_random_uuid(),
        version       serial      NOT NULL,
        labels        text[]      NOT NULL,
        model         jsonb       NOT NULL,
        metrics       jsonb       NOT NULL DEFAULT '{}'::jsonb,
        trained_on    integer     NOT NULL,
        active        boolean     NOT NULL DEFAULT false,
        created_at    timestamptz NOT NULL DEFAULT now(),
        activated_at  timestamptz,
        CONSTRAINT pk_classifier_model PRIMARY KEY (id),
        CONSTRAINT uq_classifier_model_version UNIQUE (version)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_classifier_model_active ON classifier_model (active) WHERE active`);
  }

  down(): Promise<void> {
    return Promise.reject(new Error('migrations are forward-only'));
  }
}
