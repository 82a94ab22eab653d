import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultModelDir, OnnxSentenceEncoder } from './sentence-encoder';

// The real model (deploy/local/model.sh fetch, run by tools/test.sh before this tier).
describe('OnnxSentenceEncoder (bge-small-zh-v1.5, int8 ONNX)', () => {
  let encoder: OnnxSentenceEncoder;
  beforeAll(async () => {
    encoder = await OnnxSentenceEncoder.load(defaultModelDir());
  });
  afterAll(() => encoder.close());

  const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

  it('gives unit vectors, the same one for the same text every time', async () => {
    const [a, b] = await encoder.encode(['社保卡丢了怎么补办？', '社保卡丢了怎么补办？']);
    expect(encoder.dimensions).toBe(512);
    expect(a).toHaveLength(512);
    expect(cos(a, a)).toBeCloseTo(1, 5);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(encoder.model).toMatch(/^onnx:[0-9a-f]{12}:256$/);
  });

  it('puts a paraphrase that shares no words closer than a message about something else', async () => {
    const [tree, paraphrase, other] = await encoder.encode([
      '楼前树木过高过密，遮挡低层住户采光，要求修剪。',
      '树枝都伸到窗户里了，遮光严重，麻烦安排修枝。',
      '请问社保卡丢了去哪里补办？',
    ]);
    expect(cos(tree, paraphrase)).toBeGreaterThan(cos(tree, other) + 0.1);
  });

  it('says how to get the model when the folder has none', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-model-'));
    await expect(OnnxSentenceEncoder.load(empty)).rejects.toThrow(/model\.sh fetch/);
  });
});
