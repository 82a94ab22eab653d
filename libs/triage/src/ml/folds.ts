import { shuffled } from '../random';

/**
 * Stratified k-fold assignment: the items of each label (labels taken in order of first
 * appearance) are shuffled with `random` and dealt round-robin to folds 0…k−1, so every fold has
 * about the same label mix. Returns the fold of each item, by position.
 */
export function stratifiedFolds(labels: readonly string[], folds: number, random: () => number): number[] {
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const group = byLabel.get(l);
    if (group) group.push(i);
    else byLabel.set(l, [i]);
  });
  const fold = new Array<number>(labels.length);
  for (const group of byLabel.values()) shuffled(group, random).forEach((i, j) => (fold[i] = j % folds));
  return fold;
}
