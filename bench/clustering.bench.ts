/**
 * `npm run bench -- clustering`: quality and speed of recurring-question clustering (@hub/clustering).
 * Offline: no services needed.
 *
 * Quality: pairwise precision, recall and F1 on two hand-written sets (libs/clustering/data/:
 * groups of paraphrases of one question, and singletons that share words, places or stock phrases
 * with them but ask something else), clustered incrementally in file order, beside same-run
 * baselines: exact duplicates only, and plain jieba word-set Jaccard over all earlier messages. The
 * pair-score weights and threshold were chosen on the development set (recurring-dev.jsonl, other
 * questions, written separately: highest F1 at precision ≥ 0.85); the test set (recurring.jsonl)
 * only reports. The words-only
 * threshold was chosen on the test set before sentence vectors came in, and the synonym table was
 * written by the same hand, so the words-only rows on the test set are optimistic.
 *
 * Speed: 100,000 synthetic messages (perturbed test-set and classifier-corpus messages, and new
 * messages made of clauses from different ones) clustered incrementally, time per message at index
 * sizes 1,000 / 10,000 / 100,000 against a brute-force lookup (the same precise similarity against
 * every indexed message) measured in the same run, LSH recall against that brute force, and memory.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { dict } from '@node-rs/jieba/dict';
import {
  type ClusterInput,
  type ClustererOptions,
  DEFAULT_PLACE_TERMS,
  DEFAULT_SEMANTIC,
  DEFAULT_THRESHOLD,
  IncrementalClusterer,
  MessageFeatures,
  pairwiseScores,
  type PairwiseScores,
  SimilarityIndex,
} from '@hub/clustering';
import { OnnxSentenceEncoder, type SentenceEncoder } from '@hub/embedding';
import { defaultSegmenter, normalizeText } from '@hub/text';

const SCALE = Number(process.env['BENCH_CLUSTER_MESSAGES'] ?? 100_000);
const CHECKPOINTS = [1_000, 10_000, SCALE].filter((n, i, a) => n <= SCALE && a.indexOf(n) === i);
const PROBES = 200;
const BRUTE_PROBES = 50;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Labelled extends ClusterInput {
  group: string;
}

const root = join(__dirname, '..', '..');

function readJsonl<T>(file: string): T[] {
  return readFileSync(join(root, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** mulberry32: the same corpus every run. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentile(sorted: ArrayLike<number>, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

const f3 = (v: number) => v.toFixed(3);
const ms = (v: number) => (v < 10 ? v.toFixed(3) : v.toFixed(1));
const n0 = (v: number) => Math.round(v).toLocaleString('en-US');

// ---- quality on the test set ----

function clusterWith(docs: Labelled[], opts: ClustererOptions, vectors = true): Map<string, string> {
  const c = new IncrementalClusterer(opts);
  return new Map(docs.map((d) => [d.id, c.add(vectors ? d : { ...d, embedding: null }).clusterId]));
}

/** Each message's sentence vector, as the clusterer makes it; answers the encoding times (ms). */
async function embedAll(encoder: SentenceEncoder, docs: ClusterInput[]): Promise<number[]> {
  const features = new MessageFeatures();
  const times: number[] = [];
  for (const d of docs) {
    const t = performance.now();
    [d.embedding] = await encoder.encode([features.embeddingText(d)]);
    times.push(performance.now() - t);
  }
  return times;
}

/** Baseline: the same text (after normalisation, without punctuation and spaces) is the same question. */
function exactDuplicates(docs: Labelled[]): Map<string, string> {
  const first = new Map<string, string>();
  return new Map(
    docs.map((d) => {
      const key = normalizeText(`${d.title ?? ''}${d.content}`).replace(/[\s\p{P}\p{S}]/gu, '');
      if (!first.has(key)) first.set(key, d.id);
      return [d.id, first.get(key)!];
    }),
  );
}

/** Baseline: jieba word sets, Jaccard with every earlier message, join the best one at or above `min`. */
function jaccardAllPairs(docs: Labelled[], min: number): Map<string, string> {
  const sets: Set<string>[] = [];
  const cluster: string[] = [];
  for (const d of docs) {
    const words = new Set(defaultSegmenter().tokens(`${d.title ?? ''}\n${d.content}`));
    let best = -1;
    let bestScore = 0;
    sets.forEach((other, i) => {
      let inter = 0;
      for (const w of words) if (other.has(w)) inter++;
      const j = inter / (words.size + other.size - inter || 1);
      if (j >= min && j > bestScore) {
        bestScore = j;
        best = i;
      }
    });
    cluster.push(best < 0 ? d.id : cluster[best]);
    sets.push(words);
  }
  return new Map(docs.map((d, i) => [d.id, cluster[i]]));
}

interface Recall {
  /** Neighbours at or above the threshold that `similar` found, of all of them (brute force). */
  found: number;
  all: number;
  /** Messages with such a neighbour whose best one `similar` found (what placement needs), of all of them. */
  bestFound: number;
  withNeighbour: number;
}

/** LSH candidates against brute force over `ids` (the same precise similarity against each). */
function lshRecall(index: SimilarityIndex, docs: ClusterInput[], ids: string[], into: Recall): void {
  for (const d of docs) {
    const exact = index.similarityTo(d, ids);
    const wanted = new Set(ids.filter((_, i) => exact[i] >= index.threshold));
    if (wanted.size === 0) continue;
    const got = index.similar(d, ids.length);
    into.found += got.filter((s) => wanted.has(s.id)).length;
    into.all += wanted.size;
    into.withNeighbour++;
    let best = 0;
    for (const s of exact) if (s > best) best = s;
    if ((got[0]?.similarity ?? 0) >= best - 1e-9) into.bestFound++;
  }
}

const newRecall = (): Recall => ({ found: 0, all: 0, bestFound: 0, withNeighbour: 0 });
const pct = (a: number, b: number) => (b === 0 ? '–' : `${((a / b) * 100).toFixed(1)} %`);

// ---- synthetic corpus ----

const OPENERS = ['', '', '', '您好，', '市民来电反映：', '领导好，', '请问', '尊敬的领导：', '来电人表示，'];
const CLOSERS = ['', '', '谢谢！', '要求相关部门尽快处理。', '盼复。', '希望尽快解决。', '请尽快答复。'];

function clausesOf(text: string): string[] {
  return text
    .split(/[，。！？；,.!?;：:\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 3);
}

/** Common nouns, verbs and adjectives of jieba's dictionary (frequency ≥ 100; no names of people or places). */
function dictionaryWords(): string[] {
  return Buffer.from(dict)
    .toString('utf8')
    .split('\n')
    .map((line) => line.split(' '))
    .filter(
      ([word, freq, tag]) =>
        Number(freq) >= 100 && /^(n|v|vn|a|ad|an|d)$/.test(tag ?? '') && word.length >= 2,
    )
    .map(([word]) => word);
}

/**
 * A corpus that is not all duplicates: 25 % perturbed copies of a real message (a clause dropped,
 * clauses reversed, digits changed, a street, opener or closer added), 25 % messages of 2–4 clauses
 * taken from different real messages, 50 % messages of 6–24 random dictionary words in clauses.
 */
function makeCorpus(
  n: number,
  bases: ClusterInput[],
  words: string[],
  prefix: string,
  seed: number,
): ClusterInput[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const streets = DEFAULT_PLACE_TERMS.filter((p) => p.endsWith('街道') || p.endsWith('镇'));
  const clauses = bases.flatMap((b) => clausesOf(b.content));
  const out: ClusterInput[] = [];
  for (let i = 0; i < n; i++) {
    let body: string[];
    let title: string | null = null;
    const kind = random();
    if (kind < 0.25) {
      const base = pick(bases);
      body = clausesOf(base.content);
      if (body.length >= 2 && random() < 0.6) body.splice(Math.floor(random() * body.length), 1);
      if (body.length >= 2 && random() < 0.3) body.reverse();
      title = random() < 0.5 ? (base.title ?? null) : null;
    } else if (kind < 0.5) {
      body = Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(clauses));
    } else {
      body = Array.from({ length: 2 + Math.floor(random() * 4) }, () =>
        Array.from({ length: 3 + Math.floor(random() * 4) }, () => pick(words)).join(''),
      );
    }
    let content = `${pick(OPENERS)}${random() < 0.3 ? pick(streets) : ''}${body.join('，')}。${pick(CLOSERS)}`;
    if (random() < 0.3) content = content.replace(/\d/g, () => String(Math.floor(random() * 10)));
    out.push({ id: `${prefix}${i}`, title, content });
  }
  return out;
}

function heapBytes(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

type Method = [string, (docs: Labelled[]) => Map<string, string>];

/** The quality rows: the defaults, ablations, a threshold sweep and the baselines. */
const METHODS: Method[] = [
  [
    `**hub: sentence vectors (weight ${DEFAULT_SEMANTIC.weight}, floor ${DEFAULT_SEMANTIC.floor}) + TF-IDF words, score ≥ ${DEFAULT_THRESHOLD} + chaining guard (defaults)**`,
    (d) => clusterWith(d, {}),
  ],
  ['hub, sentence vectors only (weight 1)', (d) => clusterWith(d, { semantic: { weight: 1 } })],
  [
    `hub, TF-IDF words only, ≥ ${DEFAULT_THRESHOLD} (CLUSTER_EMBEDDINGS=off; the default before vectors)`,
    (d) => clusterWith(d, {}, false),
  ],
  ['hub without the chaining guard (best match only)', (d) => clusterWith(d, { minSupport: 0 })],
  ...[0.25, 0.35, 0.4].map((t): Method => [
    `hub, threshold ${t} (guard ${t})`,
    (d) => clusterWith(d, { threshold: t }),
  ]),
  ['baseline: exact duplicates only', exactDuplicates],
  ['baseline: jieba word-set Jaccard ≥ 0.5, all earlier messages', (d) => jaccardAllPairs(d, 0.5)],
  ['baseline: jieba word-set Jaccard ≥ 0.3, all earlier messages', (d) => jaccardAllPairs(d, 0.3)],
];

function describe(name: string, set: Labelled[]): { groups: number; inGroups: number; text: string } {
  const sizes = new Map<string, number>();
  for (const d of set) sizes.set(d.group, (sizes.get(d.group) ?? 0) + 1);
  const groups = [...sizes.values()].filter((s) => s > 1);
  const inGroups = groups.reduce((a, b) => a + b, 0);
  return {
    groups: groups.length,
    inGroups,
    text: `${name}: ${set.length} messages, ${groups.length} groups of ${Math.min(...groups)}–${Math.max(...groups)} (${inGroups} messages), ${set.length - inGroups} singletons`,
  };
}

async function main(): Promise<void> {
  const testSet = readJsonl<Labelled>('libs/clustering/data/recurring.jsonl');
  const devSet = readJsonl<Labelled>('libs/clustering/data/recurring-dev.jsonl');
  const [testInfo, devInfo] = [describe('test set', testSet), describe('development set', devSet)];
  process.stderr.write(`clustering bench: ${testInfo.text}; ${devInfo.text}\n`);

  defaultSegmenter().tokens('预热'); // jieba's dictionary loads once per process, not per message
  const encoder = await OnnxSentenceEncoder.load();
  const encodeTimes = [...(await embedAll(encoder, testSet)), ...(await embedAll(encoder, devSet))].sort(
    (a, b) => a - b,
  );
  const score = (set: Labelled[], f: Method[1]): [PairwiseScores, number] => {
    const t0 = performance.now();
    const predicted = f(set);
    return [pairwiseScores(predicted, new Map(set.map((d) => [d.id, d.group]))), performance.now() - t0];
  };
  const rows = METHODS.map(([name, f]) => [name, score(testSet, f), score(devSet, f)] as const);

  const recallIndex = new SimilarityIndex();
  const seen: string[] = [];
  const testRecall = newRecall();
  for (const d of testSet) {
    lshRecall(recallIndex, [d], seen, testRecall);
    recallIndex.add(d);
    seen.push(d.id);
  }

  // ---- scale ----
  const corpus = readJsonl<ClusterInput>('libs/triage/data/corpus.jsonl');
  const bases = [...testSet, ...devSet, ...corpus].map((d) => ({
    id: d.id,
    title: d.title ?? null,
    content: d.content,
  }));
  const words = dictionaryWords();
  const docs = makeCorpus(SCALE, bases, words, 's', 20260301);
  const probes = makeCorpus(PROBES, bases, words, 'p', 777);
  process.stderr.write(`  clustering ${n0(SCALE)} synthetic messages incrementally\n`);
  const before = heapBytes();
  const clusterer = new IncrementalClusterer();
  const times = new Float64Array(SCALE);
  const encodeAtScale = new Float64Array(SCALE);
  await embedAll(encoder, probes);
  const scaleRows: string[] = [];
  let bruteAtScale = 0;
  let totalMs = 0;
  let done = 0;
  let sink = 0;
  for (const checkpoint of CHECKPOINTS) {
    const t0 = performance.now();
    for (; done < checkpoint; done++) {
      const text = clusterer.index.features.embeddingText(docs[done]);
      const t = performance.now();
      [docs[done].embedding] = await encoder.encode([text]);
      const encoded = performance.now();
      clusterer.add(docs[done]);
      times[done] = performance.now() - encoded;
      encodeAtScale[done] = encoded - t;
      docs[done].embedding = null; // the index keeps its own (int8) copy: memory below is the clusterer's
    }
    totalMs += performance.now() - t0;
    const index = clusterer.index;
    const ids = docs.slice(0, done).map((d) => d.id);
    const lookup = probes
      .map((p) => {
        const t = performance.now();
        sink += index.similar(p, 20).length;
        return performance.now() - t;
      })
      .sort((a, b) => a - b);
    const brute = probes
      .slice(0, BRUTE_PROBES)
      .map((p) => {
        const t = performance.now();
        for (const x of index.similarityTo(p, ids)) sink = Math.max(sink, x);
        return performance.now() - t;
      })
      .sort((a, b) => a - b);
    bruteAtScale = percentile(brute, 0.5);
    const recall = newRecall();
    lshRecall(index, probes.slice(0, BRUTE_PROBES), ids, recall);
    const recent = Float64Array.from(times.subarray(done - Math.max(1, Math.floor(done / 10)), done)).sort();
    scaleRows.push(
      `| ${n0(done)} | ${ms(percentile(recent, 0.5))} / ${ms(percentile(recent, 0.99))} ms | ${ms(percentile(lookup, 0.5))} / ${ms(percentile(lookup, 0.99))} ms | ${ms(bruteAtScale)} ms | ${(bruteAtScale / percentile(lookup, 0.5)).toFixed(0)}× | ${pct(recall.bestFound, recall.withNeighbour)} of ${recall.withNeighbour} | ${pct(recall.found, recall.all)} of ${recall.all} |`,
    );
    process.stderr.write(`  ${n0(done)} clustered (${(totalMs / 1000).toFixed(1)} s)\n`);
  }
  if (sink === 42) process.stderr.write('\n'); // keeps the results alive
  const after = heapBytes();
  const encodeTotalMs = encodeAtScale.reduce((a, b) => a + b, 0);
  const encodeSorted = Float64Array.from(encodeAtScale).sort();
  const all = Float64Array.from(times).sort();
  const clusters = clusterer.clusters();
  const clustered = clusters.filter((c) => c.members.length > 1);
  const bruteTotalS = (SCALE * bruteAtScale) / 2 / 1000;
  const stats = clusterer.index.stats;

  const out = [
    `Quality, clustered incrementally in file order, pairwise scores: ${testInfo.text} (recurring.jsonl, reports only); ${devInfo.text} (recurring-dev.jsonl, where the weights and threshold were chosen). Sentence vectors: ${encoder.model}, ${encoder.dimensions} dimensions, encoding p50 ${ms(percentile(encodeTimes, 0.5))} ms per message (one core).`,
    '',
    '| method | test P / R / **F1** | test pairs predicted (correct) / true | dev P / R / **F1** | dev pairs predicted (correct) / true | time (test) |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      ([name, [t, ms1], [d]]) =>
        `| ${name} | ${f3(t.precision)} / ${f3(t.recall)} / **${f3(t.f1)}** | ${t.predictedPairs} (${t.correctPairs}) / ${t.truePairs} | ${f3(d.precision)} / ${f3(d.recall)} / **${f3(d.f1)}** | ${d.predictedPairs} (${d.correctPairs}) / ${d.truePairs} | ${n0(ms1)} ms |`,
    ),
    '',
    `LSH against brute force on the test set (each message against every earlier one, same similarity): best neighbour ≥ ${DEFAULT_THRESHOLD} found for ${testRecall.bestFound} of ${testRecall.withNeighbour} messages; ${testRecall.found} of ${testRecall.all} such neighbours found.`,
    '',
    `Speed: ${n0(SCALE)} synthetic messages (a quarter perturbed copies of real messages, a quarter mixed from clauses of several, half random dictionary words) encoded and clustered incrementally with the defaults (one core; jieba included). Per message = \`IncrementalClusterer.add\` (features, LSH lookups of words and vectors, placement with the chaining guard, indexing), without the encoding (next table), over the latest 10 % of messages before each size; lookup = \`SimilarityIndex.similar(doc, 20)\` for ${PROBES} new messages at that size; brute force = the same precise similarity against every indexed message (${BRUTE_PROBES} new messages); best neighbour found = new messages with a neighbour ≥ ${DEFAULT_THRESHOLD} (brute force) whose best one the lookup finds, which is what placement needs; all neighbours = share of every such neighbour found (hot questions have dozens, and buckets keep only the latest 256 messages each).`,
    '',
    '| index size | per message p50 / p99 | lookup p50 / p99 | brute-force lookup p50 | lookup speed-up | best neighbour found | all neighbours ≥ threshold found |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...scaleRows,
    '',
    '| measure | value |',
    '| --- | --- |',
    `| time to cluster ${n0(SCALE)} messages incrementally, encoding included | ${(totalMs / 1000).toFixed(1)} s (${n0(SCALE / (totalMs / 1000))} msg/s), of which encoding ${(encodeTotalMs / 1000).toFixed(1)} s |`,
    `| per message: encoding (sentence vector) | p50 ${ms(percentile(encodeSorted, 0.5))} ms, p99 ${ms(percentile(encodeSorted, 0.99))} ms |`,
    `| per message: clustering (placement and indexing) | p50 ${ms(percentile(all, 0.5))} ms, p99 ${ms(percentile(all, 0.99))} ms, max ${ms(all[all.length - 1])} ms |`,
    `| brute-force incremental clustering of ${n0(SCALE)} (extrapolated: per-message brute-force time grows linearly with the index) | ≈ ${bruteTotalS < 120 ? `${bruteTotalS.toFixed(0)} s` : `${(bruteTotalS / 60).toFixed(0)} min`} (${(bruteTotalS / ((totalMs - encodeTotalMs) / 1000)).toFixed(0)}× the hub's clustering time, encoding left out of both) |`,
    `| work per lookup at ${n0(SCALE)} (mean over all lookups of the run) | ${n0(stats.candidates / stats.lookups)} bucket candidates, ${n0(stats.comparisons / stats.lookups)} precise comparisons (incl. the chaining guard's) |`,
    `| memory of the clusterer (V8 heap + typed arrays, after GC) | ${((after - before) / 2 ** 20).toFixed(0)} MiB, ${n0((after - before) / SCALE)} bytes per message (int8 vectors included); vocabulary of ${n0(clusterer.index.vocabularySize)} features included, jieba's dictionary and the model (loaded before) not |`,
    `| clusters at ${n0(SCALE)} | ${n0(clusters.length)} clusters; ${n0(clustered.length)} with 2+ members holding ${n0(clustered.reduce((s, c) => s + c.members.length, 0))} messages; largest ${n0(clusters[0]?.members.length ?? 0)} |`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
