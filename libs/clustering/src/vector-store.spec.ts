import { VectorStore } from './vector-store';

/** A unit vector near `base`: base plus a little seeded noise. */
function near(base: Float32Array, noise: number, seed: number): Float32Array {
  let s = seed;
  const v = base.map((x) => {
    s = (s * 16807) % 2147483647;
    return x + noise * (s / 2147483647 - 0.5);
  });
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

const unit = (seed: number, dims = 64) => near(new Float32Array(dims), 1, seed);

describe('VectorStore', () => {
  it('keeps cosines to the third decimal in int8', () => {
    const store = new VectorStore();
    const a = unit(1);
    const b = near(a, 0.5, 2);
    store.add(0, b);
    const exact = a.reduce((s, x, i) => s + x * b[i], 0);
    expect(store.cosine(a, 0)).toBeCloseTo(exact, 2);
    expect(store.has(0)).toBe(true);
    expect(store.has(1)).toBe(false);
  });

  it('meets every stored vector during the warm-up, then only those sharing a band', () => {
    const store = new VectorStore({ warmUp: 20, bands: 8, bits: 12 });
    const target = unit(7);
    for (let i = 0; i < 40; i++) store.add(i, i === 30 ? near(target, 0.05, 99) : unit(100 + i));
    const met = new Set<number>();
    store.candidates(target, (p) => met.add(p));
    expect(met.has(30)).toBe(true);
    expect(met.size).toBeLessThan(40);
  });

  it('refuses a vector of another length', () => {
    const store = new VectorStore();
    store.add(0, unit(1, 8));
    expect(() => store.add(1, unit(2, 16))).toThrow(/16 dimensions, index holds 8/);
  });

  it('gives back a stored vector, dequantised', () => {
    const store = new VectorStore();
    const v = unit(3);
    store.add(5, v);
    const back = store.vector(5)!;
    expect(back.reduce((s, x, i) => s + x * v[i], 0)).toBeGreaterThan(0.999);
    expect(store.vector(4)).toBeNull();
  });
});
