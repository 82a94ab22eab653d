import { type LbfgsOptions, minimiseLbfgs } from './lbfgs';

/** Rows of a sparse matrix in compressed-row form: row i is idx/val[ptr[i] … ptr[i+1]). */
export interface SparseRows {
  rows: number;
  ptr: Int32Array;
  idx: Int32Array;
  val: Float64Array;
}

export function sparseRows(rows: readonly { idx: Int32Array; val: Float64Array }[]): SparseRows {
  const ptr = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (ptr[i + 1] = ptr[i] + r.idx.length));
  const idx = new Int32Array(ptr[rows.length]);
  const val = new Float64Array(ptr[rows.length]);
  rows.forEach((r, i) => {
    idx.set(r.idx, ptr[i]);
    val.set(r.val, ptr[i]);
  });
  return { rows: rows.length, ptr, idx, val };
}

export interface SoftmaxRegressionOptions extends LbfgsOptions {
  /** λ in mean log-loss + λ/2·‖W‖² (the biases are not penalised). */
  l2: number;
  /** Starting weights (same layout as the result; default zero). The optimum does not depend on them. */
  initial?: Float64Array;
  /** Fit the per-label biases (default true); without, they stay at their starting value. */
  intercept?: boolean;
}

/**
 * Weights of a fitted model, feature-major: w[f·L + c] for feature f and label c, then the L
 * biases at w[F·L + c].
 */
export interface SoftmaxWeights {
  labels: number;
  features: number;
  w: Float64Array;
  iterations: number;
  converged: boolean;
}

/** z[c] = b[c] + Σ_k w[idx_k, c]·val_k for the row [start, end) of `m`. */
export function logitsInto(
  z: Float64Array,
  w: Float64Array,
  labels: number,
  features: number,
  idx: Int32Array,
  val: Float64Array,
  start: number,
  end: number,
): void {
  const bias = features * labels;
  for (let c = 0; c < labels; c++) z[c] = w[bias + c];
  for (let k = start; k < end; k++) {
    const base = idx[k] * labels;
    const v = val[k];
    for (let c = 0; c < labels; c++) z[c] += w[base + c] * v;
  }
}

/** Softmax of `z` in place; returns log Σ exp(z) (for the log-loss). */
export function softmaxInPlace(z: Float64Array | number[]): number {
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) if (z[c] > max) max = z[c];
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    z[c] = Math.exp(z[c] - max);
    sum += z[c];
  }
  for (let c = 0; c < z.length; c++) z[c] /= sum;
  return max + Math.log(sum);
}

/**
 * Multinomial logistic regression (softmax regression) with an L2 penalty, fitted to convergence by
 * full-batch L-BFGS: minimises (1/n)·Σ_i −log p(y_i | x_i) + λ/2·‖W‖². This is the objective of
 * scikit-learn's `LogisticRegression(multi_class='multinomial', solver='lbfgs')` with λ = 1/(C·n).
 * Being convex, its optimum does not depend on the order of the data or a learning rate.
 */
export function fitSoftmaxRegression(
  x: SparseRows,
  targets: ArrayLike<number>,
  labels: number,
  features: number,
  options: SoftmaxRegressionOptions,
): SoftmaxWeights {
  const { rows, ptr, idx, val } = x;
  const { l2 } = options;
  const bias = features * labels;
  const z = new Float64Array(labels);
  const perRow = 1 / rows;
  const intercept = options.intercept ?? true;
  const objective = (w: Float64Array, g: Float64Array): number => {
    g.fill(0);
    let loss = 0;
    for (let i = 0; i < rows; i++) {
      const start = ptr[i];
      const end = ptr[i + 1];
      logitsInto(z, w, labels, features, idx, val, start, end);
      const y = targets[i];
      const zy = z[y];
      loss += softmaxInPlace(z) - zy; // −log p(y|x) = log Σ exp z − z_y
      z[y] -= 1; // ∂loss/∂z = p − onehot(y), per row of the mean
      for (let c = 0; c < labels; c++) z[c] *= perRow;
      if (intercept) for (let c = 0; c < labels; c++) g[bias + c] += z[c];
      for (let k = start; k < end; k++) {
        const base = idx[k] * labels;
        const v = val[k];
        for (let c = 0; c < labels; c++) g[base + c] += z[c] * v;
      }
    }
    let penalty = 0;
    for (let j = 0; j < bias; j++) {
      penalty += w[j] * w[j];
      g[j] += l2 * w[j];
    }
    return loss / rows + 0.5 * l2 * penalty;
  };
  const result = minimiseLbfgs(
    objective,
    options.initial ?? new Float64Array((features + 1) * labels),
    options,
  );
  return { labels, features, w: result.x, iterations: result.iterations, converged: result.converged };
}
