import { type DataSource } from 'typeorm';

interface Counts {
  total: number;
  processed: number;
  accepted: number;
  duplicate: number;
  rejected: number;
}

interface JobRow extends Counts {
  id: string;
  file_name: string;
  status: 'running' | 'done' | 'failed';
  rows: { row: number; status: 'accepted' | 'duplicate' | 'rejected'; referralId: string | null }[];
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
}

/** Import jobs in PostgreSQL (table `import_job`): progress is visible to every API instance. */
export class PgImportJobStore {
  constructor(private readonly db: DataSource) {}

  async create(job: { id: string; channel: string; fileName: string; total: number }): Promise<void> {
    await this.db.query(
      `INSERT INTO import_job (id, channel, file_name, status, total) VALUES ($1, $2, $3, 'running', $4)`,
      [job.id, job.channel, job.fileName, job.total],
    );
  }

  async progress(id: string, c: Counts): Promise<void> {
    await this.db.query(
      `UPDATE import_job SET processed = $2, accepted = $3, duplicate = $4, rejected = $5 WHERE id = $1`,
      [id, c.processed, c.accepted, c.duplicate, c.rejected],
    );
  }

  async finish(id: string, c: Counts, rows: unknown[]): Promise<void> {
    await this.db.query(
      `UPDATE import_job SET status = 'done', processed = $2, accepted = $3, duplicate = $4, rejected = $5, rows = $6,
              finished_at = now() WHERE id = $1`,
      [id, c.processed, c.accepted, c.duplicate, c.rejected, JSON.stringify(rows)],
    );
  }

  async fail(id: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE import_job SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`,
      [id, error],
    );
  }

  /** Jobs left `running` by a process that stopped are marked failed (call at start). */
  async failAbandoned(): Promise<number> {
    const res: unknown[] = await this.db.query(
      `UPDATE import_job SET status = 'failed', error = 'the API stopped before the import finished; import the file again (rows already received are reported as duplicates)', finished_at = now()
       WHERE status = 'running' AND created_at < now() - interval '1 hour' RETURNING 1`,
    );
    return res.length;
  }

  async get(id: string) {
    const [j] = await this.db.query<JobRow[]>(`SELECT * FROM import_job WHERE id = $1`, [id]);
    if (!j) return null;
    return {
      id: j.id,
      fileName: j.file_name,
      status: j.status,
      total: j.total,
      processed: j.processed,
      accepted: j.accepted,
      duplicate: j.duplicate,
      rejected: j.rejected,
      rows: j.rows,
      error: j.error,
      createdAt: j.created_at.toISOString(),
      finishedAt: j.finished_at?.toISOString() ?? null,
    };
  }
}
