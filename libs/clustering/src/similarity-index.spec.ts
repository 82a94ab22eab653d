import { SimilarityIndex } from './similarity-index';

/** Unrelated everyday messages, so that idf means something. */
const BACKGROUND = [
  '小区门口共享单车乱停，堵住人行道',
  '楼上邻居装修噪声太大，周末也在施工',
  '请问社保卡丢了怎么补办',
  '路灯坏了好几天没人修',
  '公交站取消后出行不便',
  '垃圾厢房异味很重，夏天苍蝇多',
  '物业费上涨未经业主大会同意',
  '小区电动自行车没地方充电',
  '育儿补贴在哪里申请',
  '居住证积分需要什么材料',
];

function indexWith(...docs: string[]): SimilarityIndex {
  const index = new SimilarityIndex();
  BACKGROUND.forEach((content, i) => index.add({ id: `bg${i}`, content }));
  docs.forEach((content, i) => index.add({ id: `d${i}`, content }));
  return index;
}

const similarity = (a: string, b: string): number =>
  indexWith(a).similarityTo({ id: 'q', content: b }, ['d0'])[0];

describe('SimilarityIndex', () => {
  it('finds a paraphrase of the same question above the threshold', () => {
    const s = similarity(
      '请问老公房加装电梯，政府补贴需要满足哪些条件？',
      '我们楼想装电梯，申请加梯补助有什么条件，要多少户同意？',
    );
    expect(s).toBeGreaterThanOrEqual(0.3);
    expect(s).toBeLessThanOrEqual(1);
  });

  it('keeps the same topic with a different question below the threshold', () => {
    expect(
      similarity(
        '请问老公房加装电梯，政府补贴需要满足哪些条件？',
        '楼下正在加装电梯，施工噪音太大了，早上七点就开始打钻。',
      ),
    ).toBeLessThan(0.3);
  });

  it('does not count stock phrases or a shared place name', () => {
    expect(
      similarity(
        '市民来电反映：南京西路街道某小区楼道灯坏了一个月，晚上上下楼要摸黑，要求相关部门尽快处理。',
        '市民来电反映：南京西路街道某小区垃圾厢房门口堆满装修垃圾，异味很重，要求相关部门尽快处理。',
      ),
    ).toBeLessThan(0.3);
    expect(
      similarity(
        '您好，请问静安寺街道的老年助餐补贴怎么申请？谢谢！',
        '您好，请问静安寺街道的加装电梯什么时候开工？谢谢！',
      ),
    ).toBe(0);
    // nothing but stock phrases and the same place: not similar at all
    expect(similarity('您好，请问，谢谢！南京西路街道', '您好！请问南京西路街道，谢谢')).toBe(0);
  });

  it('down-weights place terms given later, from the directory', () => {
    const a = '闻喜路工地夜间施工，噪音很大';
    const b = '闻喜路上的垃圾厢房很臭';
    const before = similarity(a, b);
    const index = new SimilarityIndex({ placeTerms: ['闻喜路'] });
    index.add({ id: 'a', content: a });
    expect(index.similarityTo({ id: 'b', content: b }, ['a'])[0]).toBe(0);
    expect(before).toBeGreaterThan(0);
  });

  it('adds each id once and never returns the message itself', () => {
    const index = indexWith('西康路那家烧烤店油烟太呛了，楼里家家都是烟味');
    const size = index.size;
    index.add({ id: 'd0', content: 'something else entirely' });
    expect(index.size).toBe(size);
    expect(index.has('d0')).toBe(true);
    expect(index.has('nope')).toBe(false);
    const found = index.similar({ id: 'd0', content: 'ignored: the stored features are used' }, 5, 0);
    expect(found.map((f) => f.id)).not.toContain('d0');
  });

  it('answers best first, at most k, and only at or above minSimilarity', () => {
    const index = indexWith(
      '西康路烧烤店油烟直排，楼里都是油烟味',
      '西康路烧烤店的油烟太呛，窗都不敢开',
      '西康路烧烤店晚上外摆喧哗到凌晨',
    );
    const q = { id: 'q', content: '西康路烧烤店油烟扰民，楼上全是油烟味' };
    const all = index.similar(q, 10, 0);
    expect(all.map((x) => x.similarity)).toEqual([...all.map((x) => x.similarity)].sort((a, b) => b - a));
    expect(index.similar(q, 1, 0)).toHaveLength(1);
    expect(index.similar(q, 10).every((x) => x.similarity >= index.threshold)).toBe(true);
    expect(index.similar(q, 10)[0].id).toBe('d0');
  });

  it('does not scan the whole index: the work per lookup is bounded by the LSH settings', () => {
    const places = ['东', '西', '南', '北', '中'].flatMap((a) =>
      ['一', '二', '三', '四'].map((b) => `${a}${b}路`),
    );
    const things = [
      '路灯',
      '窨井盖',
      '人行道',
      '消防通道',
      '垃圾厢房',
      '电梯',
      '水管',
      '绿化带',
      '信号灯',
      '公交站',
    ];
    const troubles = [
      '坏了',
      '被占用',
      '有异味',
      '噪声扰民',
      '积水',
      '没人修',
      '太暗',
      '漏水',
      '堵塞',
      '缺失',
    ];
    const index = new SimilarityIndex({ maxCandidates: 40, bucketCap: 32, minHashes: 32 });
    let n = 0;
    for (const p of places)
      for (const t of things)
        for (const d of troubles) index.add({ id: `m${n++}`, content: `${p}的${t}${d}，请尽快处理` });
    expect(index.size).toBe(2000);
    const before = { ...index.stats };
    const found = index.similar({ id: 'q', content: '中四路的信号灯漏水，请尽快处理' }, 3);
    expect(index.stats.lookups - before.lookups).toBe(1);
    expect(index.stats.comparisons - before.comparisons).toBeLessThanOrEqual(40);
    expect(index.stats.candidates - before.candidates).toBeLessThanOrEqual(32 * 32);
    expect(found[0]).toEqual({
      id: `m${places.indexOf('中四路') * 100 + 87}`,
      similarity: expect.any(Number),
    });
    expect(found[0].similarity).toBeGreaterThan(0.99);
  });

  it('refuses settings that make no sense', () => {
    expect(() => new SimilarityIndex({ threshold: 1.5 })).toThrow(RangeError);
    expect(() => new SimilarityIndex({ maxCandidates: 0 })).toThrow(RangeError);
  });
});

describe('SimilarityIndex with sentence vectors', () => {
  const axis = (i: number, j = i, mix = 0) => {
    const v = new Float32Array(8);
    v[i] = 1 - mix;
    v[j] += mix;
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  };

  it('scores a pair with vectors by meaning and words, and finds a paraphrase that shares no words', () => {
    const index = new SimilarityIndex({ semantic: { weight: 1, floor: 0.5 } });
    index.add({ id: 'tree', content: '楼前树木过高遮挡采光', embedding: axis(0) });
    index.add({ id: 'card', content: '社保卡丢了怎么补办', embedding: axis(3) });
    const found = index.similar(
      { id: 'q', content: '树枝伸到窗户里遮光', embedding: axis(0, 1, 0.1) },
      5,
      0.1,
    );
    expect(found.map((f) => f.id)).toEqual(['tree']);
    // cosine ≈ 0.995, rescaled from [0.5, 1] to [0, 1]
    expect(found[0].similarity).toBeGreaterThan(0.95);
  });

  it('compares by words when either message has no vector', () => {
    const index = new SimilarityIndex();
    index.add({ id: 'a', content: '加装电梯补贴申请条件是什么', embedding: axis(0) });
    const [withVector] = index.similarityTo(
      { id: 'b', content: '加装电梯补贴申请条件有哪些', embedding: axis(5) },
      ['a'],
    );
    const [wordsOnly] = index.similarityTo({ id: 'b', content: '加装电梯补贴申请条件有哪些' }, ['a']);
    expect(wordsOnly).toBeGreaterThan(0.5);
    // orthogonal vectors pull the same words down: weight 0.9 on a semantic part of 0
    expect(withVector).toBeCloseTo(0.1 * wordsOnly, 5);
  });
});
