import { chooseCluster } from './choose-cluster';
import { type ClusterInput } from './features';
import { SimilarityIndex, type SimilarityOptions } from './similarity-index';

/** Options of an {@link IncrementalClusterer}: the index's, plus the placement rule's. */
export interface ClustererOptions extends SimilarityOptions {
  /** Least mean similarity to a cluster's sampled members (default: the threshold). */
  minSupport?: number;
  /** Members sampled for the chaining guard: the first one and the latest ones (default 8). */
  supportSample?: number;
  /** Candidates asked of the index per message (default 20). */
  candidates?: number;
}

/** Where {@link IncrementalClusterer.add} put a message. */
export interface ClusterPlacement {
  id: string;
  clusterId: string;
  isNew: boolean;
  /** Similarity to the matched message; 0 for a new cluster. */
  similarity: number;
  matchedId: string | null;
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/**
 * In-memory incremental clustering for the CLI and the bench: a {@link SimilarityIndex}, the
 * placement rule {@link chooseCluster} with the chaining guard measured over a sample of each
 * cluster's members, and the membership. A new cluster's id is its first message's id.
 */
export class IncrementalClusterer {
  readonly index: SimilarityIndex;
  private readonly minSupport: number | undefined;
  private readonly sample: number;
  private readonly k: number;
  private readonly clusterById = new Map<string, string>();
  private readonly membersOf = new Map<string, string[]>();
  private readonly placements = new Map<string, ClusterPlacement>();
  private readonly separations = new Set<string>();

  constructor(opts: ClustererOptions = {}) {
    this.index = new SimilarityIndex(opts);
    this.minSupport = opts.minSupport;
    this.sample = Math.max(1, opts.supportSample ?? 8);
    this.k = opts.candidates ?? 20;
  }

  /** Places a message (a second call with the same id answers the first placement). */
  add(doc: ClusterInput): ClusterPlacement {
    const known = this.placements.get(doc.id);
    if (known) return known;
    const placement = this.place(doc);
    this.index.add(doc);
    this.placements.set(doc.id, placement);
    this.join(doc.id, placement.clusterId);
    return placement;
  }

  clusterOf(id: string): string | undefined {
    return this.clusterById.get(id);
  }

  /** The cluster's members in the order they joined (empty for an unknown cluster). */
  members(clusterId: string): string[] {
    return [...(this.membersOf.get(clusterId) ?? [])];
  }

  /** Every cluster id with its members, largest first. */
  clusters(): { clusterId: string; members: string[] }[] {
    return [...this.membersOf.entries()]
      .map(([clusterId, members]) => ({ clusterId, members: [...members] }))
      .sort((a, b) => b.members.length - a.members.length || (a.clusterId < b.clusterId ? -1 : 1));
  }

  /**
   * Staff say `a` and `b` are not the same question (不是同一问题). If they share a cluster, the
   * later of the two leaves it and is placed again by the rule, never into a cluster holding a
   * message it is separated from (possibly a new cluster of its own). Later messages respect the
   * pair too.
   */
  separate(a: string, b: string): void {
    if (a === b) return;
    this.separations.add(pairKey(a, b));
    const ca = this.clusterById.get(a);
    if (ca === undefined || ca !== this.clusterById.get(b)) return;
    const members = this.membersOf.get(ca)!;
    const moving = members.indexOf(a) > members.indexOf(b) ? a : b;
    this.leave(moving, ca);
    // An indexed message is looked up by its stored features: the text is not needed again.
    const placement = this.place({ id: moving, content: '' });
    this.placements.set(moving, placement);
    this.join(moving, placement.clusterId);
  }

  private separated = (a: string, b: string): boolean => this.separations.has(pairKey(a, b));

  private place(doc: ClusterInput): ClusterPlacement {
    const candidates = this.index
      .similar(doc, this.k)
      .flatMap((s) => {
        const clusterId = this.clusterById.get(s.id);
        return clusterId === undefined ? [] : [{ ...s, clusterId }];
      })
      .filter(
        (c) =>
          this.separations.size === 0 ||
          !(this.membersOf.get(c.clusterId) ?? []).some((m) => this.separated(doc.id, m)),
      );
    const choice = chooseCluster(candidates, this.separated, {
      threshold: this.index.threshold,
      id: doc.id,
      minSupport: this.minSupport,
      support: (clusterId) => {
        const sims = this.index.similarityTo(doc, this.sampleOf(clusterId));
        return sims.length === 0 ? undefined : sims.reduce((s, x) => s + x, 0) / sims.length;
      },
    });
    if (choice) return { id: doc.id, isNew: false, ...choice };
    let clusterId = doc.id;
    for (let i = 2; this.membersOf.has(clusterId); i++) clusterId = `${doc.id}#${i}`;
    return { id: doc.id, clusterId, isNew: true, similarity: 0, matchedId: null };
  }

  /** The first member and the latest ones, up to the sample size. */
  private sampleOf(clusterId: string): string[] {
    const members = this.membersOf.get(clusterId) ?? [];
    if (members.length <= this.sample) return [...members];
    return [members[0], ...members.slice(members.length - (this.sample - 1))];
  }

  private join(id: string, clusterId: string): void {
    this.clusterById.set(id, clusterId);
    const members = this.membersOf.get(clusterId);
    if (members) members.push(id);
    else this.membersOf.set(clusterId, [id]);
  }

  private leave(id: string, clusterId: string): void {
    const members = this.membersOf.get(clusterId)!;
    members.splice(members.indexOf(id), 1);
    if (members.length === 0) this.membersOf.delete(clusterId);
    this.clusterById.delete(id);
  }
}
