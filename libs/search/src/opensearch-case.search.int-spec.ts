import { testEnv } from '@hub/testing';
import { type CaseSearchDocument } from './case-search.port';
import { OpenSearchCaseSearch } from './opensearch-case.search';

const doc = (id: string, over: Partial<CaseSearchDocument> = {}): CaseSearchDocument => ({
  caseId: id,
  channel: 'board',
  externalRef: `ext-${id}`,
  status: 'received',
  departmentCode: null,
  kind: 'complaint',
  urgency: 'normal',
  street: null,
  policyDocNo: null,
  title: null,
  content: '',
  receivedAt: '2026-11-28T01:00:00.000Z',
  dueAt: null,
  version: 1,
  ...over,
});

describe('OpenSearchCaseSearch (real OpenSearch)', () => {
  const env = testEnv('int');
  const search = new OpenSearchCaseSearch(env.searchUrl, env.indexPrefix);

  beforeAll(async () => {
    await search.ensureIndex();
    await search.ensureIndex(); // idempotent
    const written = await search.apply([
      {
        kind: 'index',
        doc: doc('a', { title: '投诉', content: '小区底层餐馆油烟扰民', departmentCode: 'ecology' }),
      },
      { kind: 'index', doc: doc('b', { content: '工地夜间施工噪声扰民', departmentCode: 'construction' }) },
      {
        kind: 'index',
        doc: doc('c', { content: '咨询孩子入学需要准备的材料', departmentCode: 'education' }),
      },
    ]);
    expect(written).toEqual(['written', 'written', 'written']);
    await search.refresh();
  });

  afterAll(async () => {
    await search.deleteIndex();
    await search.close();
  });

  it('finds 油烟 in 小区底层餐馆油烟扰民 (Chinese words)', async () => {
    const r = await search.search({ q: '油烟', offset: 0, limit: 10 });
    expect(r.items.map((i) => i.id)).toEqual(['a']);
    expect(r.items[0].highlight.join('')).toContain('<em>油烟</em>');
  });

  it('requires every word of a query and ranks by relevance', async () => {
    expect((await search.search({ q: '扰民', offset: 0, limit: 10 })).total).toBe(2);
    expect((await search.search({ q: '噪声 扰民', offset: 0, limit: 10 })).items.map((i) => i.id)).toEqual([
      'b',
    ]);
    expect((await search.search({ q: '油烟 入学', offset: 0, limit: 10 })).total).toBe(0);
  });

  it('restricts results to the departments a caller may see', async () => {
    const r = await search.search({ q: '扰民', departmentScope: ['construction'], offset: 0, limit: 10 });
    expect(r.items.map((i) => i.id)).toEqual(['b']);
  });

  it('never lets an older or replayed version overwrite a newer document', async () => {
    expect(
      await search.apply([
        { kind: 'update', caseId: 'a', version: 3, patch: { status: 'accepted', departmentCode: 'ecology' } },
        { kind: 'update', caseId: 'a', version: 2, patch: { status: 'assigned' } },
        { kind: 'index', doc: doc('a', { content: '旧版本', version: 1 }) },
      ]),
    ).toEqual(['written', 'stale', 'stale']);
    await search.refresh();
    const [hit] = (await search.search({ q: '油烟', offset: 0, limit: 1 })).items;
    expect(hit.status).toBe('accepted');
    expect(hit.content).toBe('小区底层餐馆油烟扰民');
  });

  it('answers false for a step on a case it never indexed', async () => {
    expect(
      await search.apply([{ kind: 'update', caseId: 'missing', version: 2, patch: { status: 'accepted' } }]),
    ).toEqual(['missing']);
  });
});
