import { ChineseSegmenter, DEFAULT_STOP_WORDS, defaultSegmenter } from './segmenter';

describe('ChineseSegmenter', () => {
  // One dictionary load for the whole file; tests that add words build their own instance.
  const segmenter = defaultSegmenter();

  it('finds 油烟 and 扰民 inside a complaint written without spaces', () => {
    const terms = segmenter.segmentForIndex('小区底层餐馆油烟扰民').split(' ');
    expect(terms).toContain('油烟');
    expect(terms).toContain('扰民');
    expect(terms).toContain('餐馆');
  });

  it('emits both the district name and its shorter part in search mode', () => {
    const tokens = segmenter.tokens('静安区12345热线');
    expect(tokens).toEqual(expect.arrayContaining(['静安区', '静安', '12345', '热线']));
  });

  it('keeps a hotline number as one token', () => {
    expect(segmenter.tokens('拨打12345反映')).toContain('12345');
  });

  it('drops punctuation, whitespace and stop words', () => {
    const tokens = segmenter.tokens('您好，请问 小区底层餐馆油烟扰民的问题什么时候处理？谢谢！');
    for (const dropped of ['您好', '请问', '的', '谢谢', '，', '？', '！', ' ']) {
      expect(tokens).not.toContain(dropped);
    }
    expect(tokens).toEqual(expect.arrayContaining(['油烟', '扰民', '问题', '处理']));
    expect(tokens.every((t) => t.trim() === t && t !== '')).toBe(true);
  });

  it('drops English function words and lower-cases the rest', () => {
    const tokens = segmenter.tokens('The WiFi of the Library');
    expect(tokens).toEqual(['wifi', 'library']);
  });

  it('normalises full-width letters and digits before cutting', () => {
    expect(segmenter.tokens('ＡＰＰ　１２３４５')).toEqual(['app', '12345']);
  });

  it('keeps negations, which change the meaning of a message', () => {
    expect(segmenter.tokens('至今没有回复，对处理结果不满意')).toEqual(
      expect.arrayContaining(['没有', '回复', '处理结果', '不', '满意']),
    );
  });

  it('returns nothing for empty or punctuation-only text', () => {
    expect(segmenter.tokens('')).toEqual([]);
    expect(segmenter.tokens(' ，。！？\u200B ')).toEqual([]);
    expect(segmenter.segmentForIndex('……')).toBe('');
  });

  it('joins tokens with single spaces for the whitespace analyzer', () => {
    const indexed = segmenter.segmentForIndex('  静安区  油烟\n扰民 ');
    expect(indexed).not.toMatch(/\s{2,}|^\s|\s$|[\n\t]/);
    expect(indexed.split(' ')).toEqual(segmenter.tokens('  静安区  油烟\n扰民 '));
  });

  it('returns the same instance from defaultSegmenter()', () => {
    expect(defaultSegmenter()).toBe(segmenter);
  });

  it('ships a stop-word list with the courtesy phrases of citizen messages', () => {
    for (const w of ['的', '您好', '请问', '谢谢', 'the', 'of']) expect(DEFAULT_STOP_WORDS.has(w)).toBe(true);
  });

  describe('user dictionary', () => {
    it('keeps added words in one piece', () => {
      const own = new ChineseSegmenter();
      expect(own.tokens('彭浦新村门口')).not.toContain('彭浦新村');
      own.addWords(['彭浦新村', '  大宁路街道 ', '']);
      expect(own.tokens('彭浦新村门口')).toContain('彭浦新村');
      expect(own.tokens('大宁路街道办事处')).toContain('大宁路街道');
    });

    it('accepts user words and stop words through the constructor', () => {
      const own = new ChineseSegmenter({ userWords: ['彭浦新村'], stopWords: ['门口'] });
      expect(own.tokens('彭浦新村门口的')).toEqual(expect.arrayContaining(['彭浦新村', '的']));
      expect(own.tokens('彭浦新村门口的')).not.toContain('门口');
    });

    it('does not change the shared segmenter', () => {
      new ChineseSegmenter().addWords(['曲阳四村']);
      expect(segmenter.tokens('曲阳四村')).not.toContain('曲阳四村');
    });

    it('rejects words with inner whitespace and bad frequencies', () => {
      const own = new ChineseSegmenter();
      expect(() => own.addWords(['彭浦 新村'])).toThrow(RangeError);
      expect(() => own.addWords(['彭浦新村'], 0)).toThrow(RangeError);
      expect(() => own.addWords(['彭浦新村'], 1.5)).toThrow(RangeError);
    });
  });
});
