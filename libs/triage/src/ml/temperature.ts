import { softmaxInPlace } from './softmax-regression';

/**
 * Temperature scaling (Guo et al., "On Calibration of Modern Neural Networks", 2017): the T > 0
 * that minimises the log-loss of softmax(z / T) on held-out logits. One parameter, so it cannot
 * change which label wins — only how sure the model says it is. The negative log-likelihood is
 * convex in 1/T, so a golden-section search over log T (here within [0.01, 100]) finds it.
 */
export function fitTemperature(logits: readonly Float64Array[], targets: readonly number[]): number {
  if (logits.length === 0) return 1;
  const labels = logits[0].length;
  const z = new Float64Array(labels);
  const nll = (logT: number): number => {
    const inv = Math.exp(-logT);
    let sum = 0;
    logits.forEach((l, i) => {
      for (let c = 0; c < labels; c++) z[c] = l[c] * inv;
      const zy = z[targets[i]];
      sum += softmaxInPlace(z) - zy;
    });
    return sum;
  };
  const ratio = (Math.sqrt(5) - 1) / 2;
  let lo = Math.log(0.01);
  let hi = Math.log(100);
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = nll(a);
  let fb = nll(b);
  while (hi - lo > 1e-4) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = nll(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = nll(b);
    }
  }
  return Math.exp((lo + hi) / 2);
}
