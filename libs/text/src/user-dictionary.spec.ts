import { ChineseSegmenter } from './segmenter';
import { directoryWords } from './user-dictionary';

describe('directoryWords', () => {
  it('takes unit names with and without 区, and streets and communities without 街道/镇/居委会', () => {
    const words = directoryWords({
      units: [
        { name: '区教育局' },
        { name: '彭浦新村街道', communities: ['彭三小区居委会', '  延中居委会 '] },
        { name: '彭浦镇' },
        { name: '区城市运行管理中心（区城运中心）' },
      ],
      policies: [],
    });
    expect(words).toEqual(
      expect.arrayContaining([
        '区教育局',
        '教育局',
        '彭浦新村街道',
        '彭浦新村',
        '彭三小区居委会',
        '彭三小区',
        '延中居委会',
        '延中',
        '彭浦镇',
        '彭浦',
        '区城市运行管理中心',
        '城市运行管理中心',
        '区城运中心',
        '城运中心',
      ]),
    );
  });

  it('takes policy topics and what the title is about, without the issuer prefix', () => {
    const words = directoryWords({
      units: [],
      policies: [
        {
          title:
            '上海市静安区人民政府办公室关于印发《上海市静安区加强政策公开全面提升政务透明度工作方案》的通知',
          topics: ['政务公开', '政府开放月'],
        },
        { title: '静安区关于进一步推进既有多层住宅加装电梯的实施意见' },
      ],
    });
    expect(words).toEqual(
      expect.arrayContaining([
        '政务公开',
        '政府开放月',
        '加强政策公开全面提升政务透明度工作方案',
        '推进既有多层住宅加装电梯',
      ]),
    );
    expect(words.some((w) => w.startsWith('上海市静安区'))).toBe(false);
  });

  it('drops what jieba could never keep whole, and answers a sorted list without duplicates', () => {
    const words = directoryWords({
      units: [{ name: '区教育局' }, { name: '区教育局' }, { name: 'Education Bureau' }, { name: '局' }],
      policies: [
        { title: '关于一个很长很长很长很长很长很长很长很长很长很长的标题名称的通知', topics: ['A-1'] },
      ],
    });
    expect(words).toEqual(['区教育局', '教育局']);
  });
});

describe('ChineseSegmenter.addNewWords', () => {
  it('adds only the words it has not seen, so the directory can be re-read cheaply', () => {
    const own = new ChineseSegmenter();
    expect(own.addNewWords(['曲阳四村', '彭浦新村'])).toBe(2);
    expect(own.addNewWords(['曲阳四村', '彭浦新村', ' 延中 '])).toBe(1);
    expect(own.userWords).toEqual(new Set(['曲阳四村', '彭浦新村', '延中']));
    expect(own.tokens('曲阳四村门口')).toContain('曲阳四村');
  });

  it('keeps a directory name in one piece once added', () => {
    const own = new ChineseSegmenter();
    own.addNewWords(directoryWords({ units: [{ name: '芷江西路街道' }], policies: [] }));
    expect(own.tokens('芷江西路附近')).toContain('芷江西路');
  });
});
