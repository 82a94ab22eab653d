import { type ClusterInput, type FeatureKind, type FeatureOptions, MessageFeatures } from './features';
import { VectorStore, type VectorStoreOptions } from './vector-store';

/**
 * Score at or above which two messages are taken for the same question: the pair score of
 * {@link DEFAULT_SEMANTIC} when both carry sentence vectors, else the TF-IDF cosine of their words.
 * With the semantic weights it was chosen on the development set (libs/clustering/data/
 * recurring-dev.jsonl) as the highest F1 at a precision of at least 0.85 (merging two questions is
 * worse than missing a duplicate); the words-only value was chosen on the test set before vectors
 * came in, and is the same. `npm run bench -- clustering` shows the trade-off at other values.
 */
export const DEFAULT_THRESHOLD = 0.3;

/** How much a feature of each kind counts: words fully, character bigrams half, place terms little. */
export const DEFAULT_FEATURE_WEIGHTS: Readonly<Record<FeatureKind, number>> = { w: 1, c: 0.5, p: 0.3 };

/**
 * How a pair of messages that both have sentence vectors is scored: `weight` × the vector cosine
 * rescaled from [floor, 1] to [0, 1] (below the floor counts 0: every sentence of one language sits
 * well above 0 in such a model) + (1 − weight) × the TF-IDF cosine. The words keep what the model
 * blurs (a place, a named item); the vector carries paraphrases that share no words
 * (树枝伸到窗户里 / 树木遮挡采光). Chosen on the development set (libs/clustering/data/recurring-dev.jsonl).
 */
export const DEFAULT_SEMANTIC = { weight: 0.9, floor: 0.6 } as const;

/** Options of a {@link SimilarityIndex}; every field has a default. */
export interface SimilarityOptions extends FeatureOptions {
  /** Scoring of pairs with sentence vectors ({@link DEFAULT_SEMANTIC}). */
  semantic?: { weight?: number; floor?: number };
  /** The sentence-vector store's LSH settings. */
  vectors?: VectorStoreOptions;
  /** Same-question threshold, the default `minSimilarity` of {@link SimilarityIndex.similar} ({@link DEFAULT_THRESHOLD}). */
  threshold?: number;
  /** Weight of each feature kind ({@link DEFAULT_FEATURE_WEIGHTS}); place terms are down-weighted here. */
  weights?: Partial<Record<FeatureKind, number>>;
  /** MinHash functions per message, i.e. LSH bands of one row, 1–255 (default 48). */
  minHashes?: number;
  /** Most recent messages kept per LSH bucket (default 256): bounds the work per lookup. */
  bucketCap?: number;
  /** Most candidates per lookup given the precise similarity check, for words and again for vectors (default 200). */
  maxCandidates?: number;
}

/** Work counters, for tests and the bench: how much a lookup really looked at. */
export interface IndexStats {
  lookups: number;
  /** Candidate messages found in the LSH buckets, summed over lookups. */
  candidates: number;
  /** Precise similarity computations, summed over lookups. */
  comparisons: number;
}

/** A growable typed array of 32-bit integers. */
class IntColumn {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
}

/** FNV-1a over UTF-16 code units. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** MurmurHash3's finaliser: one of the index's hash functions per seed. */
function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const KIND_CODE: Record<FeatureKind, number> = { w: 0, c: 1, p: 2 };

/** Sublinear term frequency 1 + ln(count) for counts 0–15 (higher counts are stored as 15). */
const TF = Float64Array.from({ length: 16 }, (_, c) => (c === 0 ? 0 : 1 + Math.log(c)));
const KINDS: FeatureKind[] = ['w', 'c', 'p'];

/** A message's features as ids (negative for features the index has not seen), sublinear term frequencies and kinds. */
interface Prepared {
  features: Int32Array;
  tf: Float32Array;
  kinds: Uint8Array;
}

/**
 * Append-only index of message features for "same question" lookups (共性问题归集).
 *
 * Similarity: the cosine of TF-IDF vectors over jieba words, character bigrams and place terms
 * ({@link MessageFeatures}), weighted by kind ({@link DEFAULT_FEATURE_WEIGHTS}), with sublinear term
 * frequency (1 + ln tf) and smoothed idf ln((N + 1) / (df + 1)) + 1 from the messages indexed so far,
 * so words every message uses count little once the index has seen enough. Two messages that share
 * nothing but place terms have similarity 0; stock phrases never count (they are cut out).
 *
 * Candidate search: MinHash LSH with one row per band. Each message is sketched by the feature
 * that is smallest under each of `minHashes` hash functions (place terms are not sketched); two
 * messages share a sketch feature under a given function with probability equal to the Jaccard
 * similarity of their feature sets, so with 48 functions a pair with Jaccard 0.1 (the low end for
 * paraphrases above the threshold) meets in at least one bucket with probability 1 − 0.9^48 ≈
 * 99.4 %. Buckets are keyed by the sketch feature and keep the `bucketCap` most recent messages; a
 * lookup ranks the messages it meets by how many sketch features they share and computes the
 * precise similarity for at most `maxCandidates` of them. The work per lookup is therefore bounded
 * by minHashes × bucketCap bucket entries and maxCandidates comparisons, whatever the index size.
 * The price of the cap: an old message all of whose sketch features are common can drop out of
 * every bucket; a recurring question is then found through its recent members, which is what
 * placement needs.
 */
export class SimilarityIndex {
  readonly threshold: number;
  readonly features: MessageFeatures;
  private readonly weights: Float64Array;
  private readonly minHashes: number;
  private readonly bucketCap: number;
  private readonly maxCandidates: number;
  private readonly seeds: Uint32Array;

  /** Feature → id; per id: document frequency, kind, base hash. */
  private readonly vocabulary = new Map<string, number>();
  private readonly df = new IntColumn();
  private readonly kindOf = new IntColumn();
  private readonly hashOf = new IntColumn();

  private readonly ids: string[] = [];
  private readonly position = new Map<string, number>();
  /**
   * Every indexed message's features in one column (compressed rows): message p's entries are
   * `entries[offsets[p] .. offsets[p + 1])`, each `featureId * 16 + min(count, 15)`.
   */
  private readonly offsets = new IntColumn();
  private readonly entries = new IntColumn(16 * 1024);
  /** Sketch feature id → positions of the most recent messages with it (oldest first). */
  private readonly buckets = new Map<number, number[]>();

  readonly stats: IndexStats = { lookups: 0, candidates: 0, comparisons: 0 };
  private readonly vectors: VectorStore;
  private readonly semanticWeight: number;
  private readonly semanticFloor: number;

  /** Scratch per lookup: shared-sketch counts by position, and idf by feature id for one index size. */
  private shared = new Uint8Array(1024);
  private idfCache = new Float64Array(1024);
  private idfStamp = new Int32Array(1024).fill(-1);

  constructor(opts: SimilarityOptions = {}) {
    this.offsets.push(0);
    this.threshold = opts.threshold ?? DEFAULT_THRESHOLD;
    this.features = new MessageFeatures(opts);
    const w = { ...DEFAULT_FEATURE_WEIGHTS, ...opts.weights };
    this.weights = Float64Array.from(KINDS, (k) => w[k]);
    this.minHashes = opts.minHashes ?? 48;
    this.bucketCap = opts.bucketCap ?? 256;
    this.maxCandidates = opts.maxCandidates ?? 200;
    if (!(this.threshold >= 0 && this.threshold <= 1)) throw new RangeError('threshold must be in [0, 1]');
    if (!(this.minHashes >= 1 && this.minHashes <= 255 && this.bucketCap >= 1 && this.maxCandidates >= 1))
      throw new RangeError('minHashes must be 1–255, bucketCap and maxCandidates at least 1');
    this.seeds = Uint32Array.from({ length: this.minHashes }, (_, i) => mix(i + 1, 0x9e3779b9));
    this.vectors = new VectorStore({ bucketCap: this.bucketCap, ...opts.vectors });
    this.semanticWeight = opts.semantic?.weight ?? DEFAULT_SEMANTIC.weight;
    this.semanticFloor = opts.semantic?.floor ?? DEFAULT_SEMANTIC.floor;
    if (!(
      this.semanticWeight >= 0 &&
      this.semanticWeight <= 1 &&
      this.semanticFloor >= -1 &&
      this.semanticFloor < 1
    ))
      throw new RangeError('semantic weight must be in [0, 1], floor in [-1, 1)');
  }

  /** Number of indexed messages. */
  get size(): number {
    return this.ids.length;
  }

  /** Number of distinct features (words, bigrams, place terms) seen so far. */
  get vocabularySize(): number {
    return this.vocabulary.size;
  }

  has(id: string): boolean {
    return this.position.has(id);
  }

  /** Indexes a message; a second call with the same id changes nothing. */
  add(doc: ClusterInput): void {
    if (this.position.has(doc.id)) return;
    const counts = this.features.termCounts(doc);
    const prepared: Prepared = {
      features: new Int32Array(counts.size),
      tf: new Float32Array(counts.size),
      kinds: new Uint8Array(counts.size),
    };
    let i = 0;
    for (const [feature, count] of counts) {
      let id = this.vocabulary.get(feature);
      if (id === undefined) {
        id = this.vocabulary.size;
        this.vocabulary.set(feature, id);
        this.df.push(0);
        this.kindOf.push(KIND_CODE[feature[0] as FeatureKind]);
        this.hashOf.push(hashString(feature) | 0);
      }
      this.df.data[id]++;
      this.entries.push(id * 16 + Math.min(count, 15));
      prepared.features[i] = id;
      prepared.kinds[i] = this.kindOf.data[id];
      i++;
    }
    const pos = this.ids.length;
    this.ids.push(doc.id);
    this.position.set(doc.id, pos);
    this.offsets.push(this.entries.length);
    if (doc.embedding) this.vectors.add(pos, doc.embedding);
    for (const f of this.sketch(prepared)) {
      let bucket = this.buckets.get(f);
      if (!bucket) this.buckets.set(f, (bucket = []));
      bucket.push(pos);
      if (bucket.length > this.bucketCap) bucket.splice(0, bucket.length - this.bucketCap);
    }
  }

  /** Adds place terms (directory changes); they apply to messages indexed or looked up from now on. */
  addPlaceTerms(terms: string[]): void {
    this.features.addPlaceTerms(terms);
  }

  /**
   * The most similar indexed messages (never `doc.id` itself), best first (ties by id), with
   * similarity at or above `minSimilarity` (default: the threshold). Looks only at the LSH
   * candidates. A message already indexed is looked up by its stored features.
   */
  similar(
    doc: ClusterInput,
    k: number,
    minSimilarity: number = this.threshold,
  ): { id: string; similarity: number }[] {
    const query = this.prepare(doc);
    const self = this.position.get(doc.id) ?? -1;
    if (this.shared.length < this.ids.length) this.shared = new Uint8Array(this.ids.length * 2);
    // Words and vectors each bring their best maxCandidates: a paraphrase that shares no words meets
    // the query in a few vector bands only and must not be crowded out by many word matches.
    const words = this.collect(self, (meet) => {
      for (const f of this.sketch(query)) for (const pos of this.buckets.get(f) ?? []) meet(pos);
    });
    const vector = this.vectorOf(doc);
    const meaning = vector ? this.collect(self, (meet) => this.vectors.candidates(vector, meet)) : [];
    const candidates = meaning.length === 0 ? words : [...new Set([...words, ...meaning])];
    this.stats.lookups++;
    const q = this.queryVector(query);
    const out: { id: string; similarity: number }[] = [];
    for (const pos of candidates) {
      const s = this.score(q, vector, pos);
      if (s >= minSimilarity) out.push({ id: this.ids[pos], similarity: s });
    }
    out.sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return out.slice(0, Math.max(0, k));
  }

  /** The positions one kind of LSH meets (counted in `stats.candidates`), at most maxCandidates of them. */
  private collect(self: number, search: (meet: (pos: number) => void) => void): number[] {
    const shared = this.shared;
    const touched: number[] = [];
    search((pos) => {
      if (pos === self) return;
      if (shared[pos] === 0) touched.push(pos);
      if (shared[pos] < 255) shared[pos]++;
    });
    this.stats.candidates += touched.length;
    const best = this.mostShared(touched);
    for (const pos of touched) shared[pos] = 0;
    return best;
  }

  /** At most maxCandidates of the touched positions: most shared buckets first, then the most recent. */
  private mostShared(touched: number[]): number[] {
    if (touched.length <= this.maxCandidates) return touched;
    const histogram = new Int32Array(256);
    for (const pos of touched) histogram[this.shared[pos]]++;
    let cut = 255;
    for (let taken = histogram[cut]; taken < this.maxCandidates && cut > 1;) taken += histogram[--cut];
    const above = touched.filter((pos) => this.shared[pos] > cut);
    const at = touched.filter((pos) => this.shared[pos] === cut).sort((a, b) => b - a);
    return above.concat(at.slice(0, this.maxCandidates - above.length));
  }

  /**
   * The precise similarity of `doc` to each of the given indexed messages (0 for an id that is not
   * indexed), in the order given: what a placement rule needs to check a cluster's members.
   */
  similarityTo(doc: ClusterInput, ids: readonly string[]): number[] {
    const q = this.queryVector(this.prepare(doc));
    const vector = this.vectorOf(doc);
    return ids.map((id) => {
      const pos = this.position.get(id);
      if (pos === undefined) return 0;
      return this.score(q, vector, pos);
    });
  }

  /** The pair score: words and sentence vectors when both messages have one ({@link DEFAULT_SEMANTIC}), else words. */
  private score(q: Map<number, number>, vector: Float32Array | null, pos: number): number {
    const words = this.cosine(q, pos);
    if (!vector || !this.vectors.has(pos)) return words;
    const cos = this.vectors.cosine(vector, pos);
    const semantic = Math.max(0, (cos - this.semanticFloor) / (1 - this.semanticFloor));
    return Math.min(1, this.semanticWeight * semantic + (1 - this.semanticWeight) * words);
  }

  /** The message's sentence vector: given, or stored when it is indexed. */
  private vectorOf(doc: ClusterInput): Float32Array | null {
    if (doc.embedding) return doc.embedding;
    const pos = this.position.get(doc.id);
    return pos === undefined ? null : this.vectors.vector(pos);
  }

  /** The features of an indexed message, or of a new one (unseen features get negative ids). */
  private prepare(doc: ClusterInput): Prepared {
    const pos = this.position.get(doc.id);
    if (pos !== undefined) {
      const from = this.offsets.data[pos];
      const n = this.offsets.data[pos + 1] - from;
      const p: Prepared = { features: new Int32Array(n), tf: new Float32Array(n), kinds: new Uint8Array(n) };
      for (let i = 0; i < n; i++) {
        const e = this.entries.data[from + i];
        p.features[i] = e >> 4;
        p.tf[i] = TF[e & 15];
        p.kinds[i] = this.kindOf.data[e >> 4];
      }
      return p;
    }
    const counts = this.features.termCounts(doc);
    const n = counts.size;
    const p: Prepared = { features: new Int32Array(n), tf: new Float32Array(n), kinds: new Uint8Array(n) };
    let i = 0;
    let unseen = -1;
    for (const [feature, count] of counts) {
      const id = this.vocabulary.get(feature);
      p.features[i] = id ?? unseen--;
      p.tf[i] = TF[Math.min(count, 15)];
      p.kinds[i] = KIND_CODE[feature[0] as FeatureKind];
      i++;
    }
    return p;
  }

  /** The distinct features that are smallest under each hash function (place terms and unseen features excluded). */
  private sketch(doc: Prepared): Set<number> {
    const out = new Set<number>();
    const place = KIND_CODE.p;
    for (const seed of this.seeds) {
      let best = -1;
      let bestHash = Infinity;
      for (let i = 0; i < doc.features.length; i++) {
        const f = doc.features[i];
        if (f < 0 || doc.kinds[i] === place) continue;
        const h = mix(this.hashOf.data[f], seed);
        if (h < bestHash) {
          bestHash = h;
          best = f;
        }
      }
      if (best >= 0) out.add(best);
    }
    return out;
  }

  private idf(feature: number): number {
    const n = this.ids.length;
    if (feature < 0) return Math.log(n + 1) + 1;
    if (feature >= this.idfCache.length) {
      const size = Math.max(this.vocabulary.size, feature + 1) * 2;
      const cache = new Float64Array(size);
      cache.set(this.idfCache);
      const stamp = new Int32Array(size).fill(-1);
      stamp.set(this.idfStamp);
      this.idfCache = cache;
      this.idfStamp = stamp;
    }
    if (this.idfStamp[feature] !== n) {
      this.idfCache[feature] = Math.log((n + 1) / (this.df.data[feature] + 1)) + 1;
      this.idfStamp[feature] = n;
    }
    return this.idfCache[feature];
  }

  /** Query weights by feature id, L2-normalised. */
  private queryVector(doc: Prepared): Map<number, number> {
    const v = new Map<number, number>();
    let norm = 0;
    for (let i = 0; i < doc.features.length; i++) {
      const w = this.weights[doc.kinds[i]] * doc.tf[i] * this.idf(doc.features[i]);
      v.set(doc.features[i], w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [f, w] of v) v.set(f, w / norm);
    return v;
  }

  /** Cosine of a query vector with indexed message `pos`; 0 when they share nothing but place terms. */
  private cosine(q: Map<number, number>, pos: number): number {
    this.stats.comparisons++;
    const place = KIND_CODE.p;
    const entries = this.entries.data;
    let dot = 0;
    let norm = 0;
    let content = false;
    for (let i = this.offsets.data[pos], end = this.offsets.data[pos + 1]; i < end; i++) {
      const f = entries[i] >> 4;
      const kind = this.kindOf.data[f];
      const w = this.weights[kind] * TF[entries[i] & 15] * this.idf(f);
      norm += w * w;
      const x = q.get(f);
      if (x !== undefined) {
        dot += w * x;
        if (kind !== place) content = true;
      }
    }
    return content && norm > 0 ? Math.min(1, dot / Math.sqrt(norm)) : 0;
  }
}
