import {
  type ClassifierInput,
  DEFAULT_FEATURE_FAMILIES,
  extractFeatures,
  type FeatureFamilies,
} from './features';
import { stratifiedFolds } from './ml/folds';
import { fitSoftmaxRegression, logitsInto, softmaxInPlace } from './ml/softmax-regression';
import { fitTemperature } from './ml/temperature';
import { seededRandom } from './random';

/** A training example: any label set works (departments, topics, anything). */
export interface LabelledExample extends ClassifierInput {
  id: string;
  label: string;
}

export interface Prediction {
  label: string;
  /** Softmax probability of `label`, 0–1 (temperature-calibrated, see {@link TextClassifier}). */
  confidence: number;
  /** The best labels with their probabilities, best first. */
  top: { label: string; p: number }[];
  /** The features that pushed most towards `label` (for the routing reasons staff see). */
  terms: string[];
}

export interface TrainOptions {
  /**
   * L2 penalty λ on the mean log-loss (objective (1/n)·Σ −log p(y|x) + λ/2·‖W‖²). Default 1/n,
   * i.e. scikit-learn's textbook default `C = 1`; it is not tuned on any corpus.
   */
  l2?: number;
  /** Features seen in fewer examples are dropped (default 2, or 1 for fewer than 200 examples). */
  minDf?: number;
  /** Seeds the calibration folds (training is otherwise deterministic). */
  seed?: number;
  /**
   * Stratified folds of the training set whose out-of-fold predictions fit the softmax temperature
   * (default 3). 0 or 1 turns calibration off; so do fewer than two examples per fold. A label with
   * fewer examples than folds is missing from some fold models, which only makes them more modest.
   */
  calibrationFolds?: number;
  /** L-BFGS iteration cap (default 100). */
  maxIterations?: number;
  /** Feature families (default words + character 1–3-grams); the model remembers them. */
  features?: FeatureFamilies;
  /** @deprecated Ignored: the model is fitted by L-BFGS, which needs no epochs. */
  epochs?: number;
  /** @deprecated Ignored: the model is fitted by L-BFGS, which needs no learning rate. */
  learningRate?: number;
}

/** The model as stored (CLI file, `classifier_model` table). */
export interface SerializedModel {
  format: 'civic-hub.text-classifier.v1';
  labels: string[];
  features: string[];
  idf: number[];
  /** weights[label][feature] followed by the bias, per label (the temperature already applied). */
  weights: number[][];
  trainedOn: number;
  /** The feature families the model was trained on (absent in older models: the defaults). */
  featureFamilies?: FeatureFamilies;
  /** How the probabilities were calibrated: the logits were divided by `temperature`. */
  calibration?: { method: 'temperature'; temperature: number; folds: number } | null;
  /** How the weights were fitted, for the record. */
  training?: { solver: 'lbfgs'; l2: number; minDf: number; iterations: number; converged: boolean };
}

type Sparse = { idx: Int32Array; val: Float64Array };

/**
 * Sublinear TF-IDF, L2-normalised: (1 + ln tf)·idf per known feature, the row scaled to unit length.
 * Unknown features are skipped.
 */
function vectorise(counts: Map<string, number>, index: Map<string, number>, idf: ArrayLike<number>): Sparse {
  const idx: number[] = [];
  const val: number[] = [];
  let norm = 0;
  for (const [f, n] of counts) {
    const i = index.get(f);
    if (i === undefined) continue;
    const v = (1 + Math.log(n)) * idf[i];
    idx.push(i);
    val.push(v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  return { idx: Int32Array.from(idx), val: Float64Array.from(val, (v) => v / norm) };
}

/** The training documents with their features interned once: ids into `names`, and counts. */
interface Corpus {
  names: string[];
  docs: { ids: Int32Array; tf: Float64Array }[];
}

function intern(counts: readonly Map<string, number>[]): Corpus {
  const ids = new Map<string, number>();
  const names: string[] = [];
  const docs = counts.map((c) => {
    const doc = { ids: new Int32Array(c.size), tf: new Float64Array(c.size) };
    let k = 0;
    for (const [f, n] of c) {
      let id = ids.get(f);
      if (id === undefined) {
        id = names.length;
        ids.set(f, id);
        names.push(f);
      }
      doc.ids[k] = id;
      doc.tf[k++] = n;
    }
    return doc;
  });
  return { names, docs };
}

/** Vocabulary, idf and softmax weights fitted on some documents of a {@link Corpus}. */
interface Fitted {
  /** Corpus feature ids of the vocabulary, sorted by name. */
  kept: number[];
  /** Vocabulary position of each corpus feature id, −1 when not in it. */
  position: Int32Array;
  idf: Float64Array;
  /** Feature-major weights then biases, see {@link fitSoftmaxRegression}. */
  w: Float64Array;
  l2: number;
  iterations: number;
  converged: boolean;
}

/** The documents `rows` of `corpus` as sparse TF-IDF rows over a vocabulary (as {@link vectorise}). */
function tfidfRows(corpus: Corpus, rows: readonly number[], position: Int32Array, idf: Float64Array) {
  const ptr = new Int32Array(rows.length + 1);
  rows.forEach((d, r) => {
    let n = 0;
    for (const id of corpus.docs[d].ids) if (position[id] >= 0) n++;
    ptr[r + 1] = ptr[r] + n;
  });
  const idx = new Int32Array(ptr[rows.length]);
  const val = new Float64Array(ptr[rows.length]);
  rows.forEach((d, r) => {
    const { ids, tf } = corpus.docs[d];
    let k = ptr[r];
    let norm = 0;
    for (let j = 0; j < ids.length; j++) {
      const f = position[ids[j]];
      if (f < 0) continue;
      const v = (1 + Math.log(tf[j])) * idf[f];
      idx[k] = f;
      val[k++] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm) || 1;
    for (let q = ptr[r]; q < k; q++) val[q] /= norm;
  });
  return { rows: rows.length, ptr, idx, val };
}

/** Vocabulary (document frequency ≥ minDf), smoothed idf ln((1+n)/(1+df)) + 1, and the fit. */
function fit(
  corpus: Corpus,
  rows: readonly number[],
  targets: readonly number[],
  labels: number,
  minDf: number,
  options: TrainOptions,
  initial?: (f: Fitted) => Float64Array,
): Fitted {
  const n = rows.length;
  const df = new Int32Array(corpus.names.length);
  for (const d of rows) for (const id of corpus.docs[d].ids) df[id]++;
  const kept: number[] = [];
  df.forEach((v, id) => v >= minDf && kept.push(id));
  const { names } = corpus;
  kept.sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
  const position = new Int32Array(names.length).fill(-1);
  kept.forEach((id, f) => (position[id] = f));
  const idf = Float64Array.from(kept, (id) => Math.log((1 + n) / (1 + df[id])) + 1);
  const l2 = options.l2 ?? 1 / n;
  const fitted: Fitted = { kept, position, idf, w: new Float64Array(0), l2, iterations: 0, converged: false };
  const result = fitSoftmaxRegression(
    tfidfRows(corpus, rows, position, idf),
    rows.map((d) => targets[d]),
    labels,
    kept.length,
    { l2, maxIterations: options.maxIterations, initial: initial?.(fitted), intercept: false },
  );
  return { ...fitted, w: result.w, iterations: result.iterations, converged: result.converged };
}

/** Six significant digits: far below what changes a prediction, and half the JSON. */
const round = (v: number) => Number(v.toPrecision(6));

/**
 * Multinomial logistic regression (softmax regression) over TF-IDF features — jieba words and
 * character 1–3-grams, sublinear tf, smoothed idf, L2-normalised rows — with an L2 penalty (default
 * C = 1, i.e. λ = 1/n), fitted to its optimum by full-batch L-BFGS. The per-label biases are kept
 * at zero: every message is a unit vector, so a bias adds almost nothing for real text, but it
 * would decide alone for a message with no known feature (“谢谢”, gibberish); without it such a
 * message scores every label alike and stays with the dispatcher.
 *
 * Confidence is the softmax probability, which the router compares with its threshold. An
 * L2-penalised model on unit vectors is very unsure of itself (a correct label typically gets 0.3),
 * so the logits are divided by a temperature fitted on out-of-fold predictions within the training
 * set (temperature scaling, Guo et al. 2017); this makes the probability match the accuracy and
 * cannot change which label wins. The temperature is folded into the stored weights.
 */
export class TextClassifier {
  private readonly index: Map<string, number>;
  private readonly idf: Float64Array;
  /** weights, feature-major: w[f·L + c], then the L biases (zero, but older models have them). */
  private readonly w: Float64Array;
  private readonly families: FeatureFamilies;

  private constructor(private readonly model: SerializedModel) {
    const labels = model.labels.length;
    const features = model.features.length;
    this.index = new Map(model.features.map((f, i) => [f, i]));
    this.idf = Float64Array.from(model.idf);
    this.w = new Float64Array((features + 1) * labels);
    model.weights.forEach((row, c) => {
      for (let f = 0; f <= features; f++) this.w[f * labels + c] = row[f];
    });
    this.families = model.featureFamilies ?? DEFAULT_FEATURE_FAMILIES;
  }

  get labels(): readonly string[] {
    return this.model.labels;
  }

  static train(examples: readonly LabelledExample[], options: TrainOptions = {}): TextClassifier {
    if (examples.length === 0) throw new Error('no training examples');
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    if (labels.length < 2) throw new Error(`at least two labels are needed, found only "${labels[0]}"`);
    const L = labels.length;
    const minDf = options.minDf ?? (examples.length < 200 ? 1 : 2);
    const families = { ...DEFAULT_FEATURE_FAMILIES, ...options.features };
    const corpus = intern(examples.map((e) => extractFeatures(e, families)));
    const targets = examples.map((e) => labels.indexOf(e.label));
    const all = examples.map((_, i) => i);

    // Temperature from out-of-fold logits: each fold predicted by a model (own vocabulary and idf)
    // fitted on the other folds exactly as the final model is fitted on all of them.
    const folds = options.calibrationFolds ?? 3;
    let calibration: SerializedModel['calibration'] = null;
    const inner: Fitted[] = [];
    if (folds >= 2 && examples.length >= 2 * folds) {
      const fold = stratifiedFolds(
        examples.map((e) => e.label),
        folds,
        seededRandom(options.seed ?? 42),
      );
      const heldOut: Float64Array[] = [];
      const heldOutTargets: number[] = [];
      for (let k = 0; k < folds; k++) {
        const m = fit(
          corpus,
          all.filter((i) => fold[i] !== k),
          targets,
          L,
          minDf,
          options,
        );
        inner.push(m);
        const test = all.filter((i) => fold[i] === k);
        const x = tfidfRows(corpus, test, m.position, m.idf);
        test.forEach((i, r) => {
          const z = new Float64Array(L);
          logitsInto(z, m.w, L, m.kept.length, x.idx, x.val, x.ptr[r], x.ptr[r + 1]);
          heldOut.push(z);
          heldOutTargets.push(targets[i]);
        });
      }
      calibration = { method: 'temperature', temperature: fitTemperature(heldOut, heldOutTargets), folds };
    }
    // The final fit starts from the mean of the fold models (only for speed: the optimum is unique).
    const final = fit(corpus, all, targets, L, minDf, options, (f) => {
      const w = new Float64Array((f.kept.length + 1) * L);
      for (const m of inner) {
        f.kept.forEach((id, j) => {
          const p = m.position[id];
          if (p >= 0) for (let c = 0; c < L; c++) w[j * L + c] += m.w[p * L + c] / inner.length;
        });
      }
      return w;
    });

    const F = final.kept.length;
    const t = calibration?.temperature ?? 1;
    const model: SerializedModel = {
      format: 'civic-hub.text-classifier.v1',
      labels,
      features: final.kept.map((id) => corpus.names[id]),
      idf: Array.from(final.idf, round),
      weights: labels.map((_, c) => Array.from({ length: F + 1 }, (_, f) => round(final.w[f * L + c] / t))),
      trainedOn: examples.length,
      featureFamilies: families,
      calibration: calibration && { ...calibration, temperature: round(calibration.temperature) },
      training: {
        solver: 'lbfgs',
        l2: round(final.l2),
        minDf,
        iterations: final.iterations,
        converged: final.converged,
      },
    };
    return new TextClassifier(model);
  }

  static fromJSON(json: unknown): TextClassifier {
    const m = json as Partial<SerializedModel>;
    if (
      m?.format !== 'civic-hub.text-classifier.v1' ||
      !Array.isArray(m.labels) ||
      !Array.isArray(m.features)
    ) {
      throw new Error('not a civic-hub text classifier model (format civic-hub.text-classifier.v1)');
    }
    const features = m.features.length;
    if (
      !Array.isArray(m.idf) ||
      m.idf.length !== features ||
      !Array.isArray(m.weights) ||
      m.weights.length !== m.labels.length ||
      m.weights.some((w) => !Array.isArray(w) || w.length !== features + 1)
    ) {
      throw new Error('not a civic-hub text classifier model: idf or weights do not match labels × features');
    }
    return new TextClassifier(m as SerializedModel);
  }

  toJSON(): SerializedModel {
    return this.model;
  }

  predict(input: ClassifierInput, topN = 3): Prediction {
    const L = this.model.labels.length;
    const F = this.model.features.length;
    const x = vectorise(extractFeatures(input, this.families), this.index, this.idf);
    const p = new Float64Array(L);
    logitsInto(p, this.w, L, F, x.idx, x.val, 0, x.idx.length);
    softmaxInPlace(p);
    const order = Array.from(p, (v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
    const best = order[0][1];
    // The features that pushed most towards `best`. Staff read these: one-character n-grams say
    // little, and a word is often also a character n-gram (w:物业, c:物业), so each is named once.
    const push = new Float64Array(x.idx.length);
    for (let k = 0; k < x.idx.length; k++) push[k] = this.w[x.idx[k] * L + best] * x.val[k];
    const terms: string[] = [];
    while (terms.length < 5) {
      let top = -1;
      for (let k = 0; k < push.length; k++) if (push[k] > 0 && (top < 0 || push[k] > push[top])) top = k;
      if (top < 0) break;
      push[top] = 0;
      const term = this.model.features[x.idx[top]].slice(2);
      if ([...term].length > 1 && !terms.includes(term)) terms.push(term);
    }
    return {
      label: this.model.labels[best],
      confidence: order[0][0],
      top: order.slice(0, topN).map(([v, i]) => ({ label: this.model.labels[i], p: v })),
      terms,
    };
  }
}
