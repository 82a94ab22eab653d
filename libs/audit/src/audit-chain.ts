import { createHash } from 'node:crypto';

/** The `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** One audit entry: who did what to which case, or who saw whose personal data. */
export interface AuditEntry {
  occurredAt: string;
  actor: string;
  role: string;
  action: string;
  caseId: string | null;
  detail: Record<string, unknown>;
}

/** JSON with object keys sorted at every level: the same entry always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** sha256(prevHash + "\n" + body), hex: each entry seals the one before it. */
export function chainHash(prevHash: string, body: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export interface StoredAuditEntry {
  id: string | number;
  body: string;
  prevHash: string;
  hash: string;
}

export type ChainCheck =
  | { ok: true; checked: number; lastHash: string }
  | { ok: false; checked: number; brokenAt: string; reason: string };

/**
 * Checks entries in id order, continuing from `prevHash` (GENESIS_HASH at the start): each must
 * name the hash before it, and its hash must be that of its own body. An edited body, a removed or
 * reordered entry all break the chain at the first entry affected.
 */
export function verifyChain(
  entries: StoredAuditEntry[],
  prevHash: string = GENESIS_HASH,
  checkedBefore = 0,
): ChainCheck {
  let prev = prevHash;
  let checked = checkedBefore;
  for (const e of entries) {
    if (e.prevHash !== prev) {
      return {
        ok: false,
        checked,
        brokenAt: String(e.id),
        reason: 'does not follow the entry before it (removed or reordered)',
      };
    }
    if (chainHash(e.prevHash, e.body) !== e.hash) {
      return {
        ok: false,
        checked,
        brokenAt: String(e.id),
        reason: 'its content was changed after it was written',
      };
    }
    prev = e.hash;
    checked++;
  }
  return { ok: true, checked, lastHash: prev };
}
