import { type DataSource } from 'typeorm';

/** Answers whether PostgreSQL answers and the schema is migrated (for `/health`). */
export async function databaseIsUp(db: DataSource): Promise<{ up: boolean; detail: string }> {
  try {
    const [row] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM schema_migration`);
    return { up: true, detail: `${row.n} migration(s) applied` };
  } catch (e) {
    return { up: false, detail: e instanceof Error ? e.message : String(e) };
  }
}
