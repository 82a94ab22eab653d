/** Pairwise precision, recall and F1 of a clustering, with the pair counts behind them. */
export interface PairwiseScores {
  precision: number;
  recall: number;
  f1: number;
  /** Pairs of messages in the same known group. */
  truePairs: number;
  /** Pairs of messages in the same predicted cluster. */
  predictedPairs: number;
  /** Pairs in both. */
  correctPairs: number;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

/**
 * Pairwise scores of a clustering (`predicted`: message id → cluster id) against known groups
 * (`truth`: message id → group id), over the messages present in both: precision is the share of
 * same-cluster pairs that are same-group pairs, recall the share of same-group pairs that share a
 * cluster. Counted from the contingency table, so it is linear in the number of messages. With no
 * predicted pairs precision is 1; with no true pairs recall is 1.
 */
export function pairwiseScores(predicted: Map<string, string>, truth: Map<string, string>): PairwiseScores {
  const cell = new Map<string, number>();
  const rows = new Map<string, number>();
  const cols = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const [id, group] of truth) {
    const cluster = predicted.get(id);
    if (cluster === undefined) continue;
    bump(cell, JSON.stringify([cluster, group]));
    bump(rows, cluster);
    bump(cols, group);
  }
  const sum = (m: Map<string, number>) => [...m.values()].reduce((s, n) => s + pairs(n), 0);
  const correctPairs = sum(cell);
  const predictedPairs = sum(rows);
  const truePairs = sum(cols);
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePairs, predictedPairs, correctPairs };
}
