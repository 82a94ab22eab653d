import { arabicNumerals } from './lexicon';
import { MessageFeatures } from './features';

describe('MessageFeatures', () => {
  const features = new MessageFeatures();

  it('counts jieba words, character bigrams and place terms, without stock phrases', () => {
    const counts = features.termCounts({
      title: '加装电梯补贴',
      content: '市民来电反映：南京西路街道某小区加装电梯，要求相关部门尽快处理。谢谢！',
    });
    expect(counts.get('p:南京西路街道')).toBe(1);
    expect(counts.get('w:电梯')).toBe(2);
    expect(counts.get('c:补贴')).toBe(1);
    const keys = [...counts.keys()].join(' ');
    for (const stock of ['市民', '来电', '反映', '要求', '相关', '部门', '处理', '谢谢'])
      expect(keys).not.toContain(stock);
    // the place's own words and characters are not counted again
    expect(keys).not.toMatch(/[wc]:(南京|京西|西路)/);
  });

  it('cuts out personal data before anything is counted', () => {
    const counts = features.termCounts({
      content: '电话13812345678，身份证310101199001011234，邮箱a@b.cn 路灯坏了',
    });
    expect([...counts.keys()].some((k) => /\d{4}|@/.test(k))).toBe(false);
    expect(counts.get('w:路灯')).toBe(1);
  });

  it('rewrites colloquial forms to the official term and numerals to digits', () => {
    const a = features.termCounts({ content: '电瓶车没地方充电，老人满九十周岁' });
    expect(a.get('w:自行车')).toBe(1); // 电动自行车, in jieba's search-mode pieces
    expect(a.has('w:电瓶')).toBe(false);
    expect(a.get('w:老年人')).toBe(1);
    expect(a.get('w:90')).toBe(1);
    const plain = new MessageFeatures({ defaultSynonyms: false }).termCounts({ content: '电瓶车没地方充电' });
    expect(plain.has('w:自行车')).toBe(false);
    const own = new MessageFeatures({ synonyms: { 养犬登记证: ['狗牌'] } }).termCounts({
      content: '狗牌在哪办',
    });
    expect(own.get('w:登记证')).toBe(1); // 养犬登记证
  });

  it('learns new place terms', () => {
    const f = new MessageFeatures();
    expect(f.termCounts({ content: '闻喜路工地夜间施工' }).has('p:闻喜路')).toBe(false);
    expect(f.addPlaceTerms(['闻喜路', '闻喜路'])).toBe(1);
    expect(f.termCounts({ content: '闻喜路工地夜间施工' }).get('p:闻喜路')).toBe(1);
    expect(f.isPlace('闻喜路')).toBe(true);
  });
});

describe('arabicNumerals', () => {
  it('writes numbers before a unit as digits and leaves ranges alone', () => {
    expect(arabicNumerals('九十周岁')).toBe('90周岁');
    expect(arabicNumerals('二十分钟，两个月，一百二十平方')).toBe('20分钟，2个月，120平方');
    expect(arabicNumerals('三四个月')).toBe('三四个月');
    expect(arabicNumerals('十二层')).toBe('12层');
  });
});
