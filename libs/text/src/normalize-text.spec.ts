import { foldWidth, normalizeText, toSearchableLower } from './normalize-text';

describe('normalizeText', () => {
  it('turns full-width letters, digits and the ideographic space into ASCII', () => {
    expect(normalizeText('ＡＢＣ　ｘｙｚ　１２３４５')).toBe('ABC xyz 12345');
  });

  it('keeps Chinese punctuation and full-width punctuation as written', () => {
    expect(normalizeText('静府办发〔2026〕4号，请处理！可以吗？（急）：【重要】')).toBe(
      '静府办发〔2026〕4号，请处理！可以吗？（急）：【重要】',
    );
  });

  it('trims and collapses runs of spaces, tabs and NBSP to one space', () => {
    expect(normalizeText('  小区 \t\u00A0 噪音   扰民  ')).toBe('小区 噪音 扰民');
  });

  it('keeps line breaks as single newlines and drops the spaces around them', () => {
    expect(normalizeText('第一段  \r\n\r\n   第二段\r第三段\n\n\n')).toBe('第一段\n第二段\n第三段');
  });

  it('removes zero-width characters', () => {
    expect(normalizeText('油\u200B烟\u200C扰\u200D民\uFEFF\u2060')).toBe('油烟扰民');
  });

  it('removes control characters but not newlines', () => {
    expect(normalizeText('a\u0000b\u0007c\u001Bd\u007Fe\u0085f\ng')).toBe('abcdef\ng');
  });

  it('returns an empty string for whitespace and invisible characters only', () => {
    expect(normalizeText(' \u3000\u200B\t\n ')).toBe('');
  });

  it('is idempotent', () => {
    const once = normalizeText('  Ｗｉ-Ｆｉ\u3000信号差，\r\n\r\n 请问  怎么办？ ');
    expect(normalizeText(once)).toBe(once);
  });
});

describe('toSearchableLower', () => {
  it('normalises and lower-cases', () => {
    expect(toSearchableLower('  Ｗｉ-Ｆｉ  信号差 APP ')).toBe('wi-fi 信号差 app');
  });
});

describe('foldWidth', () => {
  it('folds every full-width ASCII form, punctuation included', () => {
    expect(foldWidth('１３８－１２３４＠ＱＱ．ｃｏｍ（０２１）')).toBe('138-1234@QQ.com(021)');
  });

  it('keeps the UTF-16 length so indices line up with the original', () => {
    const input = '电话：１３８１２３４５６７８，邮箱ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ\u3000谢谢';
    const folded = foldWidth(input);
    expect(folded).toHaveLength(input.length);
    expect(folded.indexOf('13812345678')).toBe(input.indexOf('１３８１２３４５６７８'));
  });

  it('leaves Chinese brackets and other characters alone', () => {
    expect(foldWidth('〔2026〕【】。、')).toBe('〔2026〕【】。、');
  });
});
