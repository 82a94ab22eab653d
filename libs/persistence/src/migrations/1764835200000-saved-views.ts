import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Saved views (保存的视图): a user's named filter sets of a list page, kept on the server so they
 * follow the user to another machine. Keyed by username without a foreign key: accounts of the
 * OIDC provider have views too and no `user_account` row.
 */
export class SavedViews1764835200000 implements MigrationInterface {
  name = 'SavedViews1764835200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE saved_view (
        id          uuid        NOT NULL,
        username    text        NOT NULL,
        page        text        NOT NULL,
        name        text        NOT NULL,
        query       text        NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_saved_view PRIMARY KEY (id),
        CONSTRAINT uq_saved_view_owner_name UNIQUE (username, page, name),
        CONSTRAINT ck_saved_view_name CHECK (length(name) BETWEEN 1 AND 60),
        CONSTRAINT ck_saved_view_query CHECK (length(query) <= 2000)
      )`);
    await q.query(
      `COMMENT ON TABLE saved_view IS 'A user''s named filter set of a list page (the page''s URL query string)'`,
    );
  }

  down(): Promise<void> {
    return Promise.reject(new Error('migrations are forward-only'));
  }
}
