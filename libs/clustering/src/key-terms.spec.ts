import { keyTerms } from './key-terms';

describe('keyTerms', () => {
  const docs = [
    { id: '1', content: '您好，请问南京西路街道加装电梯补贴怎么申请？谢谢' },
    { id: '2', content: '请问静安寺街道老公房加梯补助的条件？' },
    { id: '3', title: '加装电梯补贴', content: '市民来电咨询加装电梯补贴申请条件，要求答复。' },
  ];

  it('ranks the words most messages share, without stock phrases or place terms', () => {
    const terms = keyTerms(docs);
    expect(terms.slice(0, 3).sort()).toEqual(['加装', '电梯', '补贴'].sort()); // in all three messages
    for (const t of ['您好', '请问', '谢谢', '市民', '来电', '咨询', '南京西路', '南京西路街道', '静安寺'])
      expect(terms).not.toContain(t);
  });

  it('leaves out the directory’s place terms when given, and honours n', () => {
    const terms = keyTerms([{ id: '1', content: '闻喜路工地夜间施工噪音扰民' }], 10, {
      placeTerms: ['闻喜路'],
    });
    expect(terms).not.toContain('闻喜');
    expect(terms).toContain('工地');
    expect(keyTerms(docs, 2)).toHaveLength(2);
    expect(keyTerms([])).toEqual([]);
  });
});
