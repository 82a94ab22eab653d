import { seededRandom } from '../random';
import { stratifiedFolds } from './folds';
import { minimiseLbfgs } from './lbfgs';
import { fitSoftmaxRegression, logitsInto, softmaxInPlace, sparseRows } from './softmax-regression';
import { fitTemperature } from './temperature';

describe('minimiseLbfgs', () => {
  it('finds the minimum of the Rosenbrock function', () => {
    const r = minimiseLbfgs(
      (x, g) => {
        const [a, b] = x;
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      Float64Array.from([-1.2, 1]),
      { maxIterations: 500, gradientTolerance: 1e-8 },
    );
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
  });
});

describe('fitSoftmaxRegression', () => {
  // 60 random sparse rows over 12 features, 3 labels that depend on the features, plus noise.
  const random = seededRandom(3);
  const rows = Array.from({ length: 60 }, () => {
    const idx = Int32Array.from(new Set(Array.from({ length: 4 }, () => Math.floor(random() * 12))));
    return { idx, val: Float64Array.from(idx, () => random()) };
  });
  const targets = rows.map((r) => (random() < 0.2 ? Math.floor(random() * 3) : r.idx[0] % 3));
  const x = sparseRows(rows);
  const [L, F, l2] = [3, 12, 0.01];

  /** ∇ of mean log-loss + l2/2·‖W‖², computed directly from the definition. */
  function gradient(w: Float64Array, intercept: boolean): Float64Array {
    const g = new Float64Array(w.length);
    rows.forEach((r, i) => {
      const p = new Float64Array(L);
      logitsInto(p, w, L, F, r.idx, r.val, 0, r.idx.length);
      softmaxInPlace(p);
      for (let c = 0; c < L; c++) {
        const err = (p[c] - (targets[i] === c ? 1 : 0)) / rows.length;
        r.idx.forEach((f, k) => (g[f * L + c] += err * r.val[k]));
        if (intercept) g[F * L + c] += err;
      }
    });
    for (let j = 0; j < F * L; j++) g[j] += l2 * w[j];
    return g;
  }

  it('reaches the optimum: the gradient of the penalised log-loss vanishes', () => {
    const fit = fitSoftmaxRegression(x, targets, L, F, { l2, gradientTolerance: 1e-7, maxIterations: 500 });
    expect(fit.converged).toBe(true);
    expect(Math.max(...gradient(fit.w, true).map(Math.abs))).toBeLessThan(1e-6);
  });

  it('leaves the biases at zero without an intercept, and the optimum does not depend on the start', () => {
    const a = fitSoftmaxRegression(x, targets, L, F, { l2, intercept: false, gradientTolerance: 1e-8 });
    const start = Float64Array.from({ length: (F + 1) * L }, (_, j) => (j < F * L ? random() - 0.5 : 0));
    const b = fitSoftmaxRegression(x, targets, L, F, {
      l2,
      intercept: false,
      gradientTolerance: 1e-8,
      initial: start,
    });
    expect([...a.w.slice(F * L)]).toEqual([0, 0, 0]);
    expect(Math.max(...gradient(a.w, false).map(Math.abs))).toBeLessThan(1e-7);
    a.w.forEach((v, j) => expect(b.w[j]).toBeCloseTo(v, 4));
  });
});

describe('fitTemperature', () => {
  it('recovers the temperature at which labels were drawn', () => {
    const random = seededRandom(9);
    const logits: Float64Array[] = [];
    const targets: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const z = Float64Array.from({ length: 4 }, () => 6 * random());
      const p = Float64Array.from(z, (v) => v / 2);
      softmaxInPlace(p);
      let u = random();
      let y = 0;
      while (y < 3 && u > p[y]) u -= p[y++];
      logits.push(z);
      targets.push(y);
    }
    const t = fitTemperature(logits, targets);
    expect(t).toBeGreaterThan(1.8);
    expect(t).toBeLessThan(2.2);
  });
});

describe('stratifiedFolds', () => {
  it('deals each label evenly over the folds', () => {
    const labels = [...'aaaaaabbbbbbbbbc'];
    const fold = stratifiedFolds(labels, 3, seededRandom(1));
    for (const l of 'ab') {
      const counts = [0, 1, 2].map((k) => labels.filter((x, i) => x === l && fold[i] === k).length);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
    expect(fold.every((k) => k >= 0 && k < 3)).toBe(true);
  });
});
