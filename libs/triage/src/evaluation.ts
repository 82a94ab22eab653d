import { seededRandom, shuffled } from './random';
import { type LabelledExample, TextClassifier } from './text-classifier';

export interface Scores {
  macroF1: number;
  accuracy: number;
  perLabel: { label: string; precision: number; recall: number; f1: number; support: number }[];
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
 * it. `train` defaults to the hub's classifier; the bench passes baselines through it too.
 */
export function crossValidate(
  examples: readonly LabelledExample[],
  folds = 5,
  train: (e: LabelledExample[]) => { predict(x: LabelledExample): { label: string } } = (e) =>
    TextClassifier.train(e, {}),
  seed = 7,
): Scores {
  const random = seededRandom(seed);
  const fold = new Map<string, number>();
  const byLabel = new Map<string, LabelledExample[]>();
  for (const e of examples) byLabel.set(e.label, [...(byLabel.get(e.label) ?? []), e]);
  for (const group of byLabel.values()) shuffled(group, random).forEach((e, i) => fold.set(e.id, i % folds));
  const predicted = new Map<string, string>();
  for (let k = 0; k < folds; k++) {
    const model = train(examples.filter((e) => fold.get(e.id) !== k));
    for (const e of examples.filter((x) => fold.get(x.id) === k)) predicted.set(e.id, model.predict(e).label);
  }
  return score(
    examples.map((e) => e.label),
    examples.map((e) => predicted.get(e.id)!),
  );
}
