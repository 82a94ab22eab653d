/** A policy in the registry, as intake needs it. */
export interface RegisteredPolicy {
  id: string;
  /** Canonical 文号, e.g. 静府办发〔2026〕4号. */
  docNo: string;
}

/**
 * Port: the policy registry. `match` answers the registered policy a cited 文号 names: the same
 * number, or one that ends with a registered number (text glued before an issuer, such as
 * 请问静府办发〔2026〕4号, is not part of it). Candidates are tried in order.
 */
export interface PolicyRegistry {
  match(candidates: string[]): Promise<RegisteredPolicy | null>;
}

export const POLICY_REGISTRY = Symbol('PolicyRegistry');

/** The matching rule, shared by every registry adapter: exact first, then the longest suffix. */
export function matchPolicy(
  policies: readonly RegisteredPolicy[],
  candidates: string[],
): RegisteredPolicy | null {
  for (const c of candidates) {
    const exact = policies.find((p) => p.docNo === c);
    if (exact) return exact;
    const suffix = policies
      .filter((p) => c.endsWith(p.docNo))
      .sort((a, b) => b.docNo.length - a.docNo.length)[0];
    if (suffix) return suffix;
  }
  return null;
}
