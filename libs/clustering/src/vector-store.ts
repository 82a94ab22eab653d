/** Options of a {@link VectorStore}. */
export interface VectorStoreOptions {
  /** LSH bands (default 64): hash tables a vector is filed in. */
  bands?: number;
  /** Random hyperplanes per band (default 8): the bits of a band's key. */
  bits?: number;
  /** Vectors that fix the centre the hyperplanes cut through (default 256); until then lookups compare with all. */
  warmUp?: number;
  /** Most recent vectors kept per bucket (default 256). */
  bucketCap?: number;
}

/** mulberry32, for the same hyperplanes in every process. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Sentence vectors of indexed messages, by index position, for {@link SimilarityIndex}: stored as
 * int8 with one scale per vector (a quarter of float32's memory; cosines change in the third
 * decimal), and filed for candidate search by random-hyperplane LSH (SimHash): each band is
 * `bits` signs of the vector's projection on random hyperplanes, so two vectors at angle θ share a
 * band with probability (1 − θ/π)^bits and meet in at least one of `bands` bands when they are
 * close. Sentence-embedding models put every vector in one narrow cone; the hyperplanes therefore
 * cut through the mean of the first `warmUp` vectors (then fixed), not through the origin, or
 * every key would be nearly the same. Before that, a lookup meets every stored vector.
 */
export class VectorStore {
  private dims = 0;
  private data = new Int8Array(0);
  private scale = new Float32Array(0);
  /** Position → row in `data`, −1 for a message without a vector. */
  private rowOf = new Int32Array(0);
  private rows = 0;
  private readonly bands: number;
  private readonly bits: number;
  private readonly warmUp: number;
  private readonly bucketCap: number;
  private planes: Float32Array | null = null;
  private centre: Float32Array | null = null;
  private readonly waiting: number[] = [];
  private readonly buckets = new Map<number, number[]>();

  constructor(opts: VectorStoreOptions = {}) {
    this.bands = opts.bands ?? 64;
    this.bits = opts.bits ?? 8;
    this.warmUp = opts.warmUp ?? 256;
    this.bucketCap = opts.bucketCap ?? 256;
    if (!(this.bits >= 1 && this.bits <= 20 && this.bands >= 1))
      throw new RangeError('bits must be 1–20, bands at least 1');
  }

  /** Length of the stored vectors (0 before the first). */
  get dimensions(): number {
    return this.dims;
  }

  /** Stores the vector of the message at `pos` (positions come in increasing order). */
  add(pos: number, vector: Float32Array): void {
    if (this.dims === 0) this.dims = vector.length;
    if (vector.length !== this.dims)
      throw new RangeError(`vector of ${vector.length} dimensions, index holds ${this.dims}`);
    this.grow(pos);
    let max = 0;
    for (const x of vector) max = Math.max(max, Math.abs(x));
    const s = max / 127 || 1;
    const row = this.rows++;
    for (let i = 0; i < this.dims; i++) this.data[row * this.dims + i] = Math.round(vector[i] / s);
    this.scale[row] = s;
    this.rowOf[pos] = row;
    if (this.centre) this.file(pos, vector);
    else {
      this.waiting.push(pos);
      if (this.waiting.length >= this.warmUp) this.fixCentre();
    }
  }

  has(pos: number): boolean {
    return pos < this.rowOf.length && this.rowOf[pos] >= 0;
  }

  /** Cosine of a unit query vector with the stored vector at `pos` (which must have one). */
  cosine(query: Float32Array, pos: number): number {
    const row = this.rowOf[pos] * this.dims;
    let dot = 0;
    for (let i = 0; i < this.dims; i++) dot += query[i] * this.data[row + i];
    return dot * this.scale[this.rowOf[pos]];
  }

  /** The stored vector at `pos`, dequantised (for a message looked up again by id). */
  vector(pos: number): Float32Array | null {
    if (!this.has(pos)) return null;
    const row = this.rowOf[pos];
    const s = this.scale[row];
    return Float32Array.from(this.data.subarray(row * this.dims, (row + 1) * this.dims), (x) => x * s);
  }

  /** Positions sharing a band with the query (all stored ones during the warm-up), each once per shared band. */
  candidates(query: Float32Array, visit: (pos: number) => void): void {
    if (!this.centre) {
      for (const pos of this.waiting) visit(pos);
      return;
    }
    for (const key of this.keys(query)) for (const pos of this.buckets.get(key) ?? []) visit(pos);
  }

  private fixCentre(): void {
    const centre = new Float32Array(this.dims);
    for (const pos of this.waiting) {
      const v = this.vector(pos)!;
      for (let i = 0; i < this.dims; i++) centre[i] += v[i] / this.waiting.length;
    }
    const random = seeded(0x5eed);
    // Gaussian hyperplanes (Box–Muller): directions uniform on the sphere.
    this.planes = Float32Array.from(
      { length: this.bands * this.bits * this.dims },
      () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()),
    );
    this.centre = centre;
    for (const pos of this.waiting.splice(0)) this.file(pos, this.vector(pos)!);
  }

  private file(pos: number, vector: Float32Array): void {
    for (const key of this.keys(vector)) {
      let bucket = this.buckets.get(key);
      if (!bucket) this.buckets.set(key, (bucket = []));
      bucket.push(pos);
      if (bucket.length > this.bucketCap) bucket.splice(0, bucket.length - this.bucketCap);
    }
  }

  private keys(vector: Float32Array): number[] {
    const planes = this.planes!;
    const centre = this.centre!;
    const keys: number[] = [];
    let p = 0;
    for (let band = 0; band < this.bands; band++) {
      let key = band << this.bits;
      for (let bit = 0; bit < this.bits; bit++) {
        let dot = 0;
        for (let i = 0; i < this.dims; i++) dot += planes[p + i] * (vector[i] - centre[i]);
        p += this.dims;
        if (dot > 0) key |= 1 << bit;
      }
      keys.push(key);
    }
    return keys;
  }

  private grow(pos: number): void {
    if (pos >= this.rowOf.length) {
      const rowOf = new Int32Array(Math.max(1024, (pos + 1) * 2)).fill(-1);
      rowOf.set(this.rowOf);
      this.rowOf = rowOf;
    }
    if ((this.rows + 1) * this.dims > this.data.length) {
      const data = new Int8Array(Math.max(1024, this.rows * 2) * this.dims);
      data.set(this.data);
      this.data = data;
      const scale = new Float32Array(data.length / this.dims);
      scale.set(this.scale);
      this.scale = scale;
    }
  }
}
