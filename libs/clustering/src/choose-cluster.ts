import { DEFAULT_THRESHOLD } from './similarity-index';

/** Options of {@link chooseCluster}; all optional. */
export interface PlacementOptions {
  /** Least similarity of the best match ({@link DEFAULT_THRESHOLD}). */
  threshold?: number;
  /** The new message's id: clusters with a candidate `separated` from it are barred. */
  id?: string;
  /**
   * Chaining guard: the new message's mean similarity to a sample of the cluster's members (e.g.
   * `SimilarityIndex.similarityTo` over its first and latest members), or undefined when unknown.
   * Without it the rule is plain best match.
   */
  support?: (clusterId: string) => number | undefined;
  /**
   * Least {@link support} to join; default the threshold: on average the new message must be as
   * similar to the cluster's members as the threshold asks of the single best match.
   */
  minSupport?: number;
}

/** A placement: the chosen cluster and the message that matched best in it. */
export interface ClusterChoice {
  clusterId: string;
  matchedId: string;
  similarity: number;
}

/**
 * The placement rule (归集规则), pure. Candidates at or above the threshold are taken best first
 * (ties by id); the new message joins the cluster of the first candidate whose cluster
 *
 * 1. has no candidate that staff marked "not a duplicate" (不是同一问题) of the new message
 *    (`separated(opts.id, candidate)`, when the id is given);
 * 2. is not on the far side of a staff-drawn line from a better match already turned down: when
 *    the best match's cluster was refused, a cluster holding a message staff separated from that
 *    better match is refused too (the new message looks more like the other side);
 * 3. passes the chaining guard: the mean similarity of the new message to the cluster's sampled
 *    members (`opts.support`) is at least `minSupport`, so a message that resembles one peripheral
 *    member but not the cluster as a whole does not join it, and a cluster cannot drift from
 *    question to question one link at a time.
 *
 * Null (a new cluster) when no candidate qualifies.
 */
export function chooseCluster(
  candidates: { id: string; similarity: number; clusterId: string }[],
  separated: (a: string, b: string) => boolean,
  opts: PlacementOptions = {},
): ClusterChoice | null {
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const minSupport = opts.minSupport ?? threshold;
  const ranked = candidates
    .filter((c) => c.similarity >= threshold)
    .sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const barred = new Set<string>();
  if (opts.id !== undefined) {
    for (const c of candidates) if (separated(opts.id, c.id)) barred.add(c.clusterId);
  }
  const refused: string[] = [];
  const tried = new Set<string>();
  for (const c of ranked) {
    if (tried.has(c.clusterId)) continue;
    tried.add(c.clusterId);
    const members = ranked.filter((m) => m.clusterId === c.clusterId);
    const acrossLine = refused.some((r) => members.some((m) => separated(r, m.id)));
    const support = opts.support?.(c.clusterId);
    if (barred.has(c.clusterId) || acrossLine || (support !== undefined && support < minSupport)) {
      refused.push(...members.map((m) => m.id));
      continue;
    }
    return { clusterId: c.clusterId, matchedId: c.id, similarity: c.similarity };
  }
  return null;
}
