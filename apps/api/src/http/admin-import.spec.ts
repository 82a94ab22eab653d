import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportFileError, readDirectoryFile, readExampleLines } from './admin-import';

describe('readDirectoryFile', () => {
  it('reads the shipped seed directory without a single rejected row', () => {
    const seed: unknown = JSON.parse(
      readFileSync(join(__dirname, '../../../../deploy/seed/jingan-directory.json'), 'utf8'),
    );
    const file = readDirectoryFile(seed);
    expect(file.rejected).toEqual([]);
    expect(file.units.filter((u) => u.fields.kind === 'department').length).toBeGreaterThan(20);
    expect(file.units.find((u) => u.code === 'pengpu-town')).toMatchObject({
      section: 'streets',
      fields: { kind: 'street', name: '彭浦镇' },
    });
    expect(file.policies[0]).toMatchObject({
      row: 1,
      drafterField: 'drafter',
      fields: { docNo: '静府办发〔2026〕4号', drafterCode: 'gov-office', issuedOn: '2026-04-30' },
    });
    expect(file.rows).toBe(file.units.length + file.policies.length);
  });

  it('reports each bad row with its section, row, field and problem, and keeps the good ones', () => {
    const file = readDirectoryFile({
      departments: [
        { code: 'housing', name: '区房管局' },
        { code: 'Bad Code', name: '坏代码' },
        { code: 'edu', name: '' },
        'not an object',
        { code: 'housing', name: '区房管局（重复）' },
        { code: 'typo', name: '拼写', dutis: '多余' },
      ],
      streets: [{ code: 'caojiadu', name: '曹家渡街道', kind: 'department' }],
      policies: [
        { docNo: '静府办发[2026]第04号', title: '关于……的通知', drafter: 'gov-office', serviceItems: [] },
        { docNo: '不是文号', title: 'x', drafter: 'gov-office' },
        { docNo: '静府发〔2025〕1号', title: 'y', drafter: 'NOPE' },
        { docNo: '静府办发〔2026〕4号', title: 'again', drafter: 'gov-office' },
        {
          docNo: '静府发〔2025〕2号',
          title: 'z',
          drafterCode: 'drc',
          issuedOn: '2025-13-01',
          serviceItems: [{ name: '事项', url: 'ftp://x' }],
        },
      ],
    });
    expect(file.units.map((u) => u.code)).toEqual(['housing']);
    expect(file.policies.map((p) => p.fields.docNo)).toEqual(['静府办发〔2026〕4号']);
    const where = file.rejected.map((r) => `${r.section}#${r.row}.${r.field}`);
    expect(where).toEqual([
      'departments#2.code',
      'departments#3.name',
      'departments#4.(row)',
      'departments#5.code',
      'departments#6.dutis',
      'streets#1.kind',
      'policies#2.docNo',
      'policies#3.drafter',
      'policies#4.docNo',
      'policies#5.issuedOn',
      'policies#5.serviceItems.0.url',
    ]);
    expect(file.rejected.find((r) => r.field === 'dutis')?.problem).toBe('unknown field dutis');
    expect(file.rejected.find((r) => r.section === 'policies' && r.row === 2)?.problem).toContain('文号');
    expect(file.rejected.find((r) => r.section === 'policies' && r.row === 3)?.problem).toMatch(
      /^drafter must/,
    );
    expect(file.rejected.find((r) => r.section === 'departments' && r.row === 5)?.problem).toBe(
      'housing is also departments row 1',
    );
    expect(file.rows).toBe(12);
  });

  it('refuses what is not a directory at all', () => {
    expect(() => readDirectoryFile([1, 2])).toThrow(ImportFileError);
    expect(() => readDirectoryFile({ about: 'nothing else' })).toThrow(
      /none of departments, streets and policies/,
    );
    expect(readDirectoryFile({ streets: 'x' }).rejected).toEqual([
      { section: 'streets', row: 0, field: 'streets', problem: 'streets must be a list' },
    ]);
  });
});

describe('readExampleLines', () => {
  it('reads {id?, title?, content, label} lines and reports bad ones by line number', () => {
    const text = [
      JSON.stringify({ id: 'e1', title: '电梯坏了', content: '电梯一个月没修', label: 'housing' }),
      '',
      '{not json',
      JSON.stringify([1]),
      JSON.stringify({ id: 2, content: '  ', label: 'housing' }),
      JSON.stringify({ content: '学校门口拥堵', label: 'Education' }),
      JSON.stringify({ id: 'e1', content: '重复', label: 'housing' }),
      JSON.stringify({ id: 7, content: '油烟扰民', label: 'ecology', extra: true }),
      JSON.stringify({ id: 8, content: '油烟扰民', label: 'ecology' }),
    ].join('\n');
    const { examples, rejected } = readExampleLines(text);
    expect(examples).toEqual([
      { line: 1, externalId: 'e1', title: '电梯坏了', content: '电梯一个月没修', label: 'housing' },
      { line: 9, externalId: '8', title: null, content: '油烟扰民', label: 'ecology' },
    ]);
    expect(rejected.map((r) => r.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(rejected[0].problem).toMatch(/^not JSON/);
    expect(rejected[1].problem).toBe('not a JSON object');
    expect(rejected[2].problem).toBe('content must be 1–20,000 characters');
    expect(rejected[3].problem).toMatch(/^label must be a unit code/);
    expect(rejected[4].problem).toBe('id e1 is also on line 1');
    expect(rejected[5].problem).toBe('unknown field extra');
  });
});
