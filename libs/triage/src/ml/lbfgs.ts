/**
 * Limited-memory BFGS (Nocedal & Wright, *Numerical Optimization*, 2nd ed., algorithms 7.4–7.5) for
 * smooth unconstrained minimisation, with a backtracking (Armijo) line search. Pair updates whose
 * curvature s·y is not positive are skipped, which keeps the implicit Hessian positive definite.
 * Meant for the convex objectives of this library (regularised softmax regression).
 */
export interface LbfgsOptions {
  /** Correction pairs kept (default 10). */
  memory?: number;
  /** Iteration cap (default 100, as scikit-learn's `LogisticRegression(max_iter=100)`). */
  maxIterations?: number;
  /** Stop when every gradient component is at most this in absolute value (default 1e-4, as scikit-learn's `tol`). */
  gradientTolerance?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  iterations: number;
  evaluations: number;
  /** The gradient test was met (rather than the iteration cap or a stalled line search). */
  converged: boolean;
}

/** `fg(x, g)` returns f(x) and writes ∇f(x) into `g`. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (v > m) m = v;
  }
  return m;
}

export function minimiseLbfgs(fg: Objective, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const m = options.memory ?? 10;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.gradientTolerance ?? 1e-4;
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = fg(x, g);
  let evaluations = 1;
  let xNext = new Float64Array(n);
  let gNext = new Float64Array(n);
  const direction = new Float64Array(n);
  // Ring buffer of the last m pairs s = x' − x, y = g' − g.
  const s = Array.from({ length: m }, () => new Float64Array(n));
  const y = Array.from({ length: m }, () => new Float64Array(n));
  const rho = new Float64Array(m);
  const alpha = new Float64Array(m);
  let stored = 0;
  let newest = -1;
  let iterations = 0;
  let converged = maxAbs(g) <= tolerance;

  while (!converged && iterations < maxIterations) {
    // Two-loop recursion: direction = −H·g.
    direction.set(g);
    for (let j = 0; j < stored; j++) {
      const k = (newest - j + m) % m;
      alpha[k] = rho[k] * dot(s[k], direction);
      const yk = y[k];
      for (let i = 0; i < n; i++) direction[i] -= alpha[k] * yk[i];
    }
    const gamma =
      stored > 0
        ? dot(s[newest], y[newest]) / dot(y[newest], y[newest])
        : 1 / Math.max(Math.sqrt(dot(g, g)), 1);
    for (let i = 0; i < n; i++) direction[i] *= gamma;
    for (let j = stored - 1; j >= 0; j--) {
      const k = (newest - j + m) % m;
      const beta = rho[k] * dot(y[k], direction);
      const sk = s[k];
      for (let i = 0; i < n; i++) direction[i] += (alpha[k] - beta) * sk[i];
    }
    for (let i = 0; i < n; i++) direction[i] = -direction[i];
    let slope = dot(g, direction);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      for (let i = 0; i < n; i++) direction[i] = -g[i];
      slope = -dot(g, g);
      stored = 0;
    }

    // Backtracking line search on the Armijo condition.
    let step = 1;
    let fNext = Infinity;
    let accepted = false;
    for (let trial = 0; trial < 40; trial++) {
      for (let i = 0; i < n; i++) xNext[i] = x[i] + step * direction[i];
      fNext = fg(xNext, gNext);
      evaluations++;
      if (fNext <= f + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) break;
    iterations++;

    // The next slot is free, or holds the oldest pair, which this one replaces.
    const k = (newest + 1) % m;
    const sk = s[k];
    const yk = y[k];
    for (let i = 0; i < n; i++) {
      sk[i] = xNext[i] - x[i];
      yk[i] = gNext[i] - g[i];
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12 * Math.sqrt(dot(sk, sk) * dot(yk, yk))) {
      rho[k] = 1 / sy;
      newest = k;
      stored = Math.min(stored + 1, m);
    } else if (stored === m) {
      stored--; // the oldest pair was overwritten by the rejected one
    }
    [x, xNext] = [xNext, x];
    [g, gNext] = [gNext, g];
    f = fNext;
    converged = maxAbs(g) <= tolerance;
  }
  return { x, f, iterations, evaluations, converged };
}
