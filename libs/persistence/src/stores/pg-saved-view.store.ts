import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';

/** A user's named filter set of a list page (保存的视图). */
export interface SavedView {
  id: string;
  page: string;
  name: string;
  /** The page's URL query string without `?`, e.g. `status=all&channel=hotline`. */
  query: string;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, page, name, query, created_at AS "createdAt", updated_at AS "updatedAt"`;

/** Saved views, always read and written for one owner: nobody reaches another user's. */
export class PgSavedViewStore {
  constructor(private readonly db: DataSource) {}

  async list(username: string, page: string): Promise<SavedView[]> {
    return this.db.query<SavedView[]>(
      `SELECT ${COLUMNS} FROM saved_view WHERE username = $1 AND page = $2 ORDER BY name`,
      [username, page],
    );
  }

  /**
   * Saves a view under its name: a new one, or the same name's query replaced. Refused (null)
   * when the owner already has `max` views of the page and the name is new.
   */
  async save(
    username: string,
    view: { page: string; name: string; query: string },
    max: number,
  ): Promise<{ view: SavedView; created: boolean } | null> {
    const rows = await this.db.query<(SavedView & { created: boolean })[]>(
      `WITH existing AS (
         SELECT count(*) AS n, bool_or(name = $4) AS same_name FROM saved_view WHERE username = $2 AND page = $3
       )
       INSERT INTO saved_view (id, username, page, name, query)
       SELECT $1, $2, $3, $4, $5 FROM existing WHERE existing.same_name OR existing.n < $6
       ON CONFLICT ON CONSTRAINT uq_saved_view_owner_name
         DO UPDATE SET query = EXCLUDED.query, updated_at = now()
       RETURNING ${COLUMNS}, (xmax = 0) AS created`,
      [randomUUID(), username, view.page, view.name, view.query, max],
    );
    const [row] = rows;
    if (!row) return null;
    const { created, ...saved } = row;
    return { view: saved, created };
  }

  /** Deletes the owner's view; false when the owner has no view with this id. */
  async delete(username: string, id: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(
      `WITH d AS (DELETE FROM saved_view WHERE id = $1 AND username = $2 RETURNING 1) SELECT 1 FROM d`,
      [id, username],
    );
    return rows.length > 0;
  }
}
