import { type DataSource, type EntityManager } from 'typeorm';
import {
  type AuditEntry,
  canonicalJson,
  chainHash,
  type ChainCheck,
  GENESIS_HASH,
  verifyChain,
} from '@hub/audit';

/** Serialises appends: each entry must see the hash of the one before it. */
const AUDIT_LOCK = 7_1001;

/**
 * The audit log (append-only: a trigger refuses UPDATE, DELETE and TRUNCATE; hash-chained: each
 * entry seals the one before it). Append inside the transaction of the action it records.
 */
export class PgAuditLog {
  constructor(private readonly db: DataSource) {}

  /** Appends inside the caller's transaction; the lock is held until it commits. */
  static async append(m: EntityManager, entry: AuditEntry): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock($1)`, [AUDIT_LOCK]);
    const [last] = await m.query<{ hash: string }[]>(`SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`);
    const prevHash = last?.hash ?? GENESIS_HASH;
    const body = canonicalJson(entry);
    await m.query(
      `INSERT INTO audit_log (occurred_at, actor, action, case_id, body, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [entry.occurredAt, entry.actor, entry.action, entry.caseId, body, prevHash, chainHash(prevHash, body)],
    );
  }

  /** Appends in a transaction of its own (e.g. a view of unmasked personal data). */
  async record(entry: AuditEntry): Promise<void> {
    await this.db.transaction((m) => PgAuditLog.append(m, entry));
  }

  /** Checks the whole chain in id order, a batch at a time. */
  async verify(batchSize = 5000): Promise<ChainCheck> {
    let check: ChainCheck = { ok: true, checked: 0, lastHash: GENESIS_HASH };
    let after = 0;
    for (;;) {
      const rows = await this.db.query<{ id: string; body: string; prevHash: string; hash: string }[]>(
        `SELECT id, body, prev_hash AS "prevHash", hash FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2`,
        [after, batchSize],
      );
      if (rows.length === 0) return check;
      check = verifyChain(rows, check.lastHash, check.checked);
      if (!check.ok) return check;
      after = Number(rows[rows.length - 1].id);
    }
  }

  async forCase(
    caseId: string,
  ): Promise<{ id: string; occurredAt: Date; actor: string; action: string; entry: AuditEntry }[]> {
    const rows = await this.db.query<
      { id: string; occurred_at: Date; actor: string; action: string; body: string }[]
    >(`SELECT id, occurred_at, actor, action, body FROM audit_log WHERE case_id = $1 ORDER BY id`, [caseId]);
    return rows.map((r) => ({
      id: r.id,
      occurredAt: r.occurred_at,
      actor: r.actor,
      action: r.action,
      entry: JSON.parse(r.body) as AuditEntry,
    }));
  }
}
