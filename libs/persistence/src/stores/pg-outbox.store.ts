import { Client } from 'pg';
import { type DataSource } from 'typeorm';

interface OutboxRow {
  id: string;
  topic: string;
  key: string | null;
  payload: string;
  headers: Record<string, string>;
}

/** A fixed key for the advisory lock that makes one relay at a time publish (keeps per-key order). */
const RELAY_LOCK_KEY = 4_711_001;

/** PostgreSQL outbox: read in write order under an advisory lock; LISTEN/NOTIFY wakes the relay. */
export class PgOutboxStore {
  private listener: Client | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly databaseUrl: string,
  ) {}

  async publishNext(limit: number, publish: (records: OutboxRow[]) => Promise<void>): Promise<number> {
    return this.db.transaction(async (m) => {
      const [lock] = await m.query<{ ok: boolean }[]>(`SELECT pg_try_advisory_xact_lock($1) AS ok`, [
        RELAY_LOCK_KEY,
      ]);
      if (!lock.ok) return 0;
      const rows = await m.query<OutboxRow[]>(
        // ORDER BY the column, not the text alias: "10" < "9" as text broke per-key order.
        `SELECT o.id::text AS id, o.topic, o.key, o.payload, o.headers FROM outbox o
         WHERE o.published_at IS NULL ORDER BY o.id LIMIT $1`,
        [limit],
      );
      if (rows.length === 0) return 0;
      await publish(rows);
      await m.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [
        rows.map((r) => r.id),
      ]);
      return rows.length;
    });
  }

  async waitForNews(timeoutMs: number): Promise<void> {
    await this.listen();
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.wake = done;
    });
  }

  private async listen(): Promise<void> {
    if (this.listener) return;
    const client = new Client({ connectionString: this.databaseUrl });
    client.on('notification', () => this.wake?.());
    client.on('error', () => {
      this.listener = null;
    });
    await client.connect();
    await client.query('LISTEN hub_outbox');
    this.listener = client;
  }

  interrupt(): void {
    this.wake?.();
  }

  async close(): Promise<void> {
    this.wake?.();
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }
}
