import { extractFeatures, type ClassifierInput } from './features';
import { seededRandom, shuffled } from './random';

/** A training example: any label set works (departments, topics, anything). */
export interface LabelledExample extends ClassifierInput {
  id: string;
  label: string;
}

export interface Prediction {
  label: string;
  /** Softmax probability of `label`, 0–1. */
  confidence: number;
  /** The best labels with their probabilities, best first. */
  top: { label: string; p: number }[];
  /** The features that pushed most towards `label` (for the routing reasons staff see). */
  terms: string[];
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** Features seen in fewer examples are dropped (default 2, or 1 for fewer than 200 examples). */
  minDf?: number;
  seed?: number;
}

/** The model as stored (CLI file, `classifier_model` table). */
export interface SerializedModel {
  format: 'civic-hub.text-classifier.v1';
  labels: string[];
  features: string[];
  idf: number[];
  /** weights[label][feature] followed by the bias, per label. */
  weights: number[][];
  trainedOn: number;
}

type Sparse = { idx: Int32Array; val: Float64Array };

/**
 * Multinomial logistic regression over TF-IDF features (jieba words and character n-grams, L2
 * normalised), trained with AdaGrad. Confidence is the softmax probability, which the router
 * compares with its threshold.
 */
export class TextClassifier {
  private readonly index: Map<string, number>;

  private constructor(private readonly model: SerializedModel) {
    this.index = new Map(model.features.map((f, i) => [f, i]));
  }

  get labels(): readonly string[] {
    return this.model.labels;
  }

  static train(examples: readonly LabelledExample[], options: TrainOptions = {}): TextClassifier {
    if (examples.length === 0) throw new Error('no training examples');
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    if (labels.length < 2) throw new Error(`at least two labels are needed, found only "${labels[0]}"`);
    const minDf = options.minDf ?? (examples.length < 200 ? 1 : 2);
    const featureCounts = examples.map((e) => extractFeatures(e));
    const df = new Map<string, number>();
    for (const counts of featureCounts) for (const f of counts.keys()) df.set(f, (df.get(f) ?? 0) + 1);
    const features = [...df]
      .filter(([, n]) => n >= minDf)
      .map(([f]) => f)
      .sort();
    const idf = features.map((f) => Math.log((1 + examples.length) / (1 + df.get(f)!)) + 1);
    const model: SerializedModel = {
      format: 'civic-hub.text-classifier.v1',
      labels,
      features,
      idf,
      weights: labels.map(() => new Array<number>(features.length + 1).fill(0)),
      trainedOn: examples.length,
    };
    const classifier = new TextClassifier(model);
    const vectors = featureCounts.map((c) => classifier.vectorise(c));
    const targets = examples.map((e) => labels.indexOf(e.label));
    classifier.fit(vectors, targets, options);
    return classifier;
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
    return new TextClassifier(m as SerializedModel);
  }

  toJSON(): SerializedModel {
    return this.model;
  }

  predict(input: ClassifierInput, topN = 3): Prediction {
    const x = this.vectorise(extractFeatures(input));
    const p = this.probabilities(x);
    const order = p.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
    const best = order[0][1];
    const w = this.model.weights[best];
    const terms = [...x.idx]
      .map((f, k) => [this.model.features[f], w[f] * x.val[k]] as const)
      .filter(([, c]) => c > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([f]) => f.slice(2));
    return {
      label: this.model.labels[best],
      confidence: order[0][0],
      top: order.slice(0, topN).map(([v, i]) => ({ label: this.model.labels[i], p: v })),
      terms,
    };
  }

  private vectorise(counts: Map<string, number>): Sparse {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [f, n] of counts) {
      const i = this.index.get(f);
      if (i === undefined) continue;
      idx.push(i);
      val.push((1 + Math.log(n)) * this.model.idf[i]);
    }
    const norm = Math.sqrt(val.reduce((s, v) => s + v * v, 0)) || 1;
    return { idx: Int32Array.from(idx), val: Float64Array.from(val, (v) => v / norm) };
  }

  private probabilities(x: Sparse): number[] {
    const bias = this.model.features.length;
    const z = this.model.weights.map((w) => {
      let s = w[bias];
      for (let k = 0; k < x.idx.length; k++) s += w[x.idx[k]] * x.val[k];
      return s;
    });
    const max = Math.max(...z);
    const e = z.map((v) => Math.exp(v - max));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / sum);
  }

  private fit(vectors: Sparse[], targets: number[], o: TrainOptions): void {
    const epochs = o.epochs ?? 30;
    const rate = o.learningRate ?? 0.5;
    const l2 = o.l2 ?? 1e-4;
    const random = seededRandom(o.seed ?? 42);
    const { weights } = this.model;
    const bias = this.model.features.length;
    const g2 = weights.map((w) => new Float64Array(w.length).fill(1e-8));
    const order = vectors.map((_, i) => i);
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (const i of shuffled(order, random)) {
        const x = vectors[i];
        const p = this.probabilities(x);
        for (let c = 0; c < weights.length; c++) {
          const err = p[c] - (targets[i] === c ? 1 : 0);
          const w = weights[c];
          const g = g2[c];
          for (let k = 0; k < x.idx.length; k++) {
            const f = x.idx[k];
            const grad = err * x.val[k] + l2 * w[f];
            g[f] += grad * grad;
            w[f] -= (rate * grad) / Math.sqrt(g[f]);
          }
          g[bias] += err * err;
          w[bias] -= (rate * err) / Math.sqrt(g[bias]);
        }
      }
    }
  }
}
