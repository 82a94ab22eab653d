import { canonicalDocNumber, extractDocNumbers } from './doc-number';

const CANONICAL = '静府办发〔2026〕4号';

describe('canonicalDocNumber', () => {
  it.each([
    ['静府办发〔2026〕4号'],
    ['静府办发[2026]4号'],
    ['静府办发［2026］4号'],
    ['静府办发(2026)4号'],
    ['静府办发（2026）4号'],
    ['静府办发【2026】4号'],
    ['静府办发〔 2026 〕4号'],
    ['静府办发 〔2026〕 4 号'],
    ['静府办发〔2026〕第4号'],
    ['静府办发〔2026〕第 4 号'],
    ['静府办发〔2026〕04号'],
    ['静府办发〔2026年〕4号'],
    ['静府办发〔２０２６〕４号'],
    ['静府办发\u3000〔2026〕\u30004号'],
    ['静 府 办 发〔2026〕4号'],
    ['  静府办发[2026]第4号  '],
  ])('canonicalises %s', (input) => {
    expect(canonicalDocNumber(input)).toBe(CANONICAL);
  });

  it('keeps long numbers and other issuers', () => {
    expect(canonicalDocNumber('国办发[2025]第123号')).toBe('国办发〔2025〕123号');
    expect(canonicalDocNumber('沪经信规（2024）1号')).toBe('沪经信规〔2024〕1号');
  });

  it.each([
    ['a sentence around the number', '根据静府办发〔2026〕4号文件'],
    ['a one-character issuer', '发〔2026〕4号'],
    ['an issuer longer than 12 characters', '一二三四五六七八九十一二三〔2026〕4号'],
    ['a two-digit year', '静府办发〔26〕4号'],
    ['an implausible year', '静府办发〔3026〕4号'],
    ['no 号', '静府办发〔2026〕4'],
    ['no number', '静府办发〔2026〕号'],
    ['no brackets', '静府办发2026年4号'],
    ['an empty string', ''],
  ])('returns null for %s', (_label, input) => {
    expect(canonicalDocNumber(input)).toBeNull();
  });
});

describe('extractDocNumbers', () => {
  it('finds a number in running text and strips the lead-in word', () => {
    expect(extractDocNumbers('根据静府办发［2026］第4号文件精神，现答复如下。')).toEqual([CANONICAL]);
  });

  it('finds several numbers in order and deduplicates spellings of the same one', () => {
    const text =
      '市民反映：按照沪府规〔2025〕12号和静府办发[2026]4号执行，静府办发（2026）第04号又称……国办发【2024】7号。';
    expect(extractDocNumbers(text)).toEqual(['沪府规〔2025〕12号', CANONICAL, '国办发〔2024〕7号']);
  });

  it('takes the issuer after punctuation, quotes and book-title marks', () => {
    expect(extractDocNumbers('《关于加强管理的通知》（静府办发〔2026〕4号）')).toEqual([CANONICAL]);
    expect(extractDocNumbers('文号："静府办发〔2026〕4号"')).toEqual([CANONICAL]);
  });

  it('keeps issuer codes that contain characters also used as words', () => {
    expect(extractDocNumbers('见沪经信规〔2024〕1号、沪数据发〔2025〕2号')).toEqual([
      '沪经信规〔2024〕1号',
      '沪数据发〔2025〕2号',
    ]);
  });

  it('keeps at most 12 issuer characters of a long run', () => {
    expect(extractDocNumbers('甲乙丙丁戊己庚辛壬癸子丑寅卯〔2026〕1号')).toEqual([
      '丙丁戊己庚辛壬癸子丑寅卯〔2026〕1号',
    ]);
  });

  it('accepts full-width digits and spaces everywhere', () => {
    expect(extractDocNumbers('依据 静府办发 〔 ２０２６ 〕 第 ４ 号')).toEqual([CANONICAL]);
  });

  it('ignores things that only look similar', () => {
    expect(extractDocNumbers('2026年4号楼、〔2026〕4号、A发〔2026〕4号、静府办发〔2026〕')).toEqual([]);
    expect(extractDocNumbers('')).toEqual([]);
  });

  it('starts the issuer after a space or a question word', () => {
    expect(extractDocNumbers('政府开放月怎么报名 请问静府办发［2026］ 4 号提到的活动')).toEqual([
      '静府办发〔2026〕4号',
    ]);
    expect(extractDocNumbers('问静府办发〔2026〕4号的内容')).toEqual(['静府办发〔2026〕4号']);
  });
});
