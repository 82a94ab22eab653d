import { type DataSource } from 'typeorm';

interface Policy {
  id: string;
  docNo: string;
}

/**
 * The policy registry for intake, read from table `policy` and cached for a minute: a few hundred
 * rows that change rarely, asked about on every message. The match rule is the caller's.
 */
export class PgPolicyRegistry {
  private cache: { at: number; policies: Policy[] } | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly matcher: (policies: Policy[], candidates: string[]) => Policy | null,
    private readonly ttlMs = 60_000,
  ) {}

  async match(candidates: string[]): Promise<Policy | null> {
    if (candidates.length === 0) return null;
    return this.matcher(await this.all(), candidates);
  }

  private async all(): Promise<Policy[]> {
    if (!this.cache || Date.now() - this.cache.at > this.ttlMs) {
      const rows = await this.db.query<{ id: string; doc_no: string }[]>(`SELECT id, doc_no FROM policy`);
      this.cache = { at: Date.now(), policies: rows.map((r) => ({ id: r.id, docNo: r.doc_no })) };
    }
    return this.cache.policies;
  }
}
