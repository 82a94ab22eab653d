import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type * as Ort from 'onnxruntime-node';
import { BertTokenizer, type WordPieceTokenizerJson } from './bert-tokenizer';

/** Turns texts into unit-length vectors whose dot product is their cosine similarity. */
export interface SentenceEncoder {
  /** Which model (and input length) made a vector, stored with it so a model change re-encodes. */
  readonly model: string;
  readonly dimensions: number;
  encode(texts: readonly string[]): Promise<Float32Array[]>;
  close(): Promise<void>;
}

/** The model the hub ships with: `deploy/local/model.sh fetch` puts it in {@link defaultModelDir}. */
export const DEFAULT_EMBEDDING_MODEL = 'bge-small-zh-v1.5-q';

/**
 * `HUB_EMBEDDING_MODEL_DIR`, else `.cache/models/bge-small-zh-v1.5-q` in the repository this code
 * runs from (the first folder upwards holding nx.json; the working directory when there is none).
 */
export function defaultModelDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['HUB_EMBEDDING_MODEL_DIR']) return resolve(env['HUB_EMBEDDING_MODEL_DIR']);
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json')) && dirname(dir) !== dir) dir = dirname(dir);
  const root = existsSync(join(dir, 'nx.json')) ? dir : process.cwd();
  return join(root, '.cache', 'models', DEFAULT_EMBEDDING_MODEL);
}

/** Options of {@link OnnxSentenceEncoder.load}. */
export interface EncoderOptions {
  /** Tokens per text, `[CLS]` and `[SEP]` included (default 256: a ticket's question is in its start). */
  maxTokens?: number;
  /** Threads of one model run (default 1: the services share the machine). */
  threads?: number;
}

/**
 * A BERT-family sentence encoder (BAAI bge-small-zh-v1.5 by default) run with ONNX Runtime on the
 * CPU: BERT tokenization ({@link BertTokenizer}), one forward pass per batch, the `[CLS]` token's
 * last hidden state as the sentence vector (the pooling bge is trained with), L2-normalised.
 */
export class OnnxSentenceEncoder implements SentenceEncoder {
  private constructor(
    readonly model: string,
    readonly dimensions: number,
    private readonly session: Ort.InferenceSession,
    private readonly ort: typeof Ort,
    private readonly tokenizer: BertTokenizer,
    private readonly opts: Required<EncoderOptions>,
  ) {}

  /** Loads `model.onnx` and `tokenizer.json` from `dir`; a clear error when they are missing. */
  static async load(dir = defaultModelDir(), options: EncoderOptions = {}): Promise<OnnxSentenceEncoder> {
    const modelFile = join(dir, 'model.onnx');
    const tokenizerFile = join(dir, 'tokenizer.json');
    if (!existsSync(modelFile) || !existsSync(tokenizerFile)) {
      throw new Error(
        `no embedding model in ${dir} (model.onnx, tokenizer.json): run \`bash deploy/local/model.sh fetch\` or set HUB_EMBEDDING_MODEL_DIR`,
      );
    }
    const tokenizer = new BertTokenizer(
      JSON.parse(readFileSync(tokenizerFile, 'utf8')) as WordPieceTokenizerJson,
    );
    // Loaded on demand: the native runtime is only needed where sentences are encoded.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ort = require('onnxruntime-node') as typeof Ort;
    const opts = { maxTokens: 256, threads: 1, ...options };
    const session = await ort.InferenceSession.create(modelFile, {
      intraOpNumThreads: opts.threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
    const probe = new OnnxSentenceEncoder(DEFAULT_EMBEDDING_MODEL, 0, session, ort, tokenizer, opts);
    const [v] = await probe.encode(['模型']);
    // Named by content, so the same model under another folder name keeps its stored vectors.
    const digest = createHash('sha256').update(readFileSync(modelFile)).digest('hex').slice(0, 12);
    return new OnnxSentenceEncoder(
      `onnx:${digest}:${opts.maxTokens}`,
      v.length,
      session,
      ort,
      tokenizer,
      opts,
    );
  }

  /**
   * One model run per text. Batches would pad, and the int8 model quantises activations per tensor,
   * padding included: a text's vector would depend on its batch neighbours (cosine 0.996 instead
   * of 1 in a test), and batches of 16 were no faster on this CPU.
   */
  async encode(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (const text of texts) out.push(await this.one(text));
    return out;
  }

  async close(): Promise<void> {
    await this.session.release();
  }

  private async one(text: string): Promise<Float32Array> {
    const encoded = this.tokenizer.encode(text, this.opts.maxTokens);
    const n = encoded.length;
    const tensor = (data: BigInt64Array) => new this.ort.Tensor('int64', data, [1, n]);
    const feeds: Record<string, Ort.Tensor> = {
      input_ids: tensor(BigInt64Array.from(encoded, (id) => BigInt(id))),
      attention_mask: tensor(new BigInt64Array(n).fill(1n)),
    };
    if (this.session.inputNames.includes('token_type_ids'))
      feeds['token_type_ids'] = tensor(new BigInt64Array(n));
    const result = await this.session.run(feeds);
    const hidden = result[this.session.outputNames[0]];
    const dims = (hidden.dims as number[])[2];
    const v = (hidden.data as Float32Array).slice(0, dims);
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < dims; i++) v[i] /= norm;
    return v;
  }
}
