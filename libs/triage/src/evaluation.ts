import { stratifiedFolds } from './ml/folds';
import { seededRandom } from './random';
import { type LabelledExample, TextClassifier } from './text-classifier';

export interface Scores {
  macroF1: number;
  accuracy: number;
  perLabel: { label: string; precision: number; recall: number; f1: number; support: number }[];
}

/** One held-out prediction of a cross-validation run. */
export interface HeldOutPrediction {
  id: string;
  gold: string;
  label: string;
  /** The model's probability for `label`, when it gives one. */
  confidence?: number;
  fold: number;
}

/** Pooled scores over all held-out predictions, plus each fold's own scores. */
export interface CrossValidation extends Scores {
  folds: Scores[];
  predictions: HeldOutPrediction[];
}

/** Macro-averaged F1 over the labels that occur in `gold`. */
export function score(gold: readonly string[], predicted: readonly string[]): Scores {
  const labels = [...new Set(gold)].sort();
  const perLabel = labels.map((label) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      const p = predicted[i];
      if (p === label && g === label) tp++;
      else if (p === label) fp++;
      else if (g === label) fn++;
    });
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support: tp + fn };
  });
  return {
    macroF1: perLabel.reduce((s, l) => s + l.f1, 0) / perLabel.length,
    accuracy: gold.filter((g, i) => g === predicted[i]).length / gold.length,
    perLabel,
  };
}

/**
 * Stratified k-fold cross-validation: every example is predicted once by a model that never saw
 * it. `train` defaults to the hub's classifier; the bench passes baselines through it too. The
 * folds depend only on the examples (their order and labels) and `seed`, so models compared on the
 * same examples see the same folds.
 */
export function crossValidate(
  examples: readonly LabelledExample[],
  folds = 5,
  train: (e: LabelledExample[]) => { predict(x: LabelledExample): { label: string; confidence?: number } } = (
    e,
  ) => TextClassifier.train(e, {}),
  seed = 7,
): CrossValidation {
  const fold = stratifiedFolds(
    examples.map((e) => e.label),
    folds,
    seededRandom(seed),
  );
  const predictions = new Array<HeldOutPrediction>(examples.length);
  const perFold: Scores[] = [];
  for (let k = 0; k < folds; k++) {
    const model = train(examples.filter((_, i) => fold[i] !== k));
    const held: HeldOutPrediction[] = [];
    examples.forEach((e, i) => {
      if (fold[i] !== k) return;
      const p = model.predict(e);
      held.push(
        (predictions[i] = { id: e.id, gold: e.label, label: p.label, confidence: p.confidence, fold: k }),
      );
    });
    perFold.push(
      score(
        held.map((p) => p.gold),
        held.map((p) => p.label),
      ),
    );
  }
  return {
    ...score(
      predictions.map((p) => p.gold),
      predictions.map((p) => p.label),
    ),
    folds: perFold,
    predictions,
  };
}

/** Mean and sample standard deviation. */
export function meanAndStd(values: readonly number[]): { mean: number; std: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance =
    values.length > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1) : 0;
  return { mean, std: Math.sqrt(variance) };
}

export interface Calibration {
  /** Expected calibration error: Σ_bins (n_b/n)·|accuracy_b − mean confidence_b|, equal-width bins. */
  ece: number;
  meanConfidence: number;
  accuracy: number;
  /** Share of predictions with confidence ≥ threshold (what the router would send on its own). */
  coverage: number;
  /** Accuracy of those predictions. */
  accuracyAbove: number;
}

/** How far confidences can be taken at their word, from held-out predictions that have one. */
export function calibration(
  predictions: readonly { gold: string; label: string; confidence?: number }[],
  threshold: number,
  bins = 10,
): Calibration {
  const rated = predictions.filter((p) => p.confidence !== undefined) as {
    gold: string;
    label: string;
    confidence: number;
  }[];
  const n = rated.length;
  const bin = Array.from({ length: bins }, () => ({ n: 0, conf: 0, correct: 0 }));
  let above = 0;
  let correctAbove = 0;
  for (const p of rated) {
    const b = bin[Math.min(bins - 1, Math.floor(p.confidence * bins))];
    const ok = p.label === p.gold ? 1 : 0;
    b.n++;
    b.conf += p.confidence;
    b.correct += ok;
    if (p.confidence >= threshold) {
      above++;
      correctAbove += ok;
    }
  }
  return {
    ece: bin.reduce((s, b) => s + Math.abs(b.correct - b.conf), 0) / n,
    meanConfidence: rated.reduce((s, p) => s + p.confidence, 0) / n,
    accuracy: rated.filter((p) => p.label === p.gold).length / n,
    coverage: above / n,
    accuracyAbove: above ? correctAbove / above : NaN,
  };
}
