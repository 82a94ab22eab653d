import { Client } from '@opensearch-project/opensearch';
import { defaultSegmenter } from '@hub/text';
import {
  type CaseIndexChange,
  type CaseIndexOutcome,
  type CaseSearch,
  type CaseSearchDocument,
  type CaseSearchHit,
  type CaseSearchQuery,
  type SimilarCasesQuery,
} from './case-search.port';
import { CASE_INDEX_VERSION, caseIndexBody } from './case-index.mapping';

interface HitSource extends CaseSearchDocument {
  titleTokens: string;
  contentTokens: string;
}

/** Painless: apply the patch only when the event is newer than what the document reflects. */
const UPDATE_IF_NEWER = `
  if (ctx._source.version != null && ctx._source.version >= params.version) { ctx.op = 'none'; }
  else { for (e in params.patch.entrySet()) { ctx._source[e.getKey()] = e.getValue(); } ctx._source.version = params.version; }`;

function statusOf(e: unknown): number | undefined {
  return (e as { meta?: { statusCode?: number } }).meta?.statusCode;
}

/** The case index on OpenSearch, through its official client. */
export class OpenSearchCaseSearch implements CaseSearch {
  readonly indexName: string;
  private readonly client: Client;

  constructor(url: string, prefix = '') {
    this.client = new Client({ node: url, requestTimeout: 10000 });
    this.indexName = `${prefix}case-v${CASE_INDEX_VERSION}`;
  }

  async ensureIndex(): Promise<void> {
    const exists = await this.client.indices.exists({ index: this.indexName });
    if (exists.body) return;
    try {
      await this.client.indices.create({
        index: this.indexName,
        body: caseIndexBody as Record<string, unknown>,
      });
    } catch (e) {
      // Another process created it first.
      if (statusOf(e) !== 400 || !String(e).includes('resource_already_exists')) throw e;
    }
  }

  async apply(changes: CaseIndexChange[]): Promise<CaseIndexOutcome[]> {
    if (changes.length === 0) return [];
    const segmenter = defaultSegmenter();
    const body = changes.flatMap((c): Record<string, unknown>[] =>
      c.kind === 'index'
        ? [
            {
              index: {
                _index: this.indexName,
                _id: c.doc.caseId,
                version: c.doc.version,
                version_type: 'external_gte',
              },
            },
            {
              ...c.doc,
              titleTokens: c.doc.title ? segmenter.segmentForIndex(c.doc.title) : '',
              contentTokens: segmenter.segmentForIndex(c.doc.content),
            },
          ]
        : [
            { update: { _index: this.indexName, _id: c.caseId, retry_on_conflict: 3 } },
            {
              script: {
                lang: 'painless',
                source: UPDATE_IF_NEWER,
                params: { version: c.version, patch: c.patch },
              },
            },
          ],
    );
    const res = await this.client.bulk({ body });
    return res.body.items.map((item, i) => {
      const r = Object.values(item)[0] as { status: number; result?: string; error?: unknown };
      if (r.status === 409) return 'stale';
      if (r.status === 404) return 'missing';
      if (r.status >= 300)
        throw new Error(`search index write ${i} failed: ${r.status} ${JSON.stringify(r.error)}`);
      return r.result === 'noop' ? 'stale' : 'written';
    });
  }

  async search(query: CaseSearchQuery): Promise<{ items: CaseSearchHit[]; total: number }> {
    const words = defaultSegmenter().segmentForIndex(query.q);
    const must = words
      ? [
          {
            bool: {
              should: [
                {
                  multi_match: {
                    query: words,
                    fields: ['titleTokens^3', 'contentTokens'],
                    type: 'cross_fields' as const,
                    operator: 'and' as const,
                  },
                },
                {
                  multi_match: {
                    query: query.q,
                    fields: ['title^2', 'content'],
                    type: 'cross_fields' as const,
                    operator: 'and' as const,
                  },
                },
              ],
              minimum_should_match: 1,
            },
          },
        ]
      : [{ match_all: {} }];
    const filter = query.departmentScope ? [{ terms: { departmentCode: query.departmentScope } }] : [];
    const res = await this.client.search({
      index: this.indexName,
      body: {
        from: query.offset,
        size: query.limit,
        track_total_hits: true,
        query: { bool: { must, filter } },
        sort: ['_score', { receivedAt: 'desc' }],
        highlight: { fields: { content: {}, title: {} }, pre_tags: ['<em>'], post_tags: ['</em>'] },
      },
    });
    const hits = res.body.hits;
    const total = typeof hits.total === 'number' ? hits.total : (hits.total?.value ?? 0);
    const items = hits.hits.map((h): CaseSearchHit => {
      const s = h._source as HitSource;
      const hl: Record<string, string[]> = h.highlight ?? {};
      return {
        id: s.caseId,
        score: h._score ?? 0,
        channel: s.channel,
        externalRef: s.externalRef,
        status: s.status,
        departmentCode: s.departmentCode,
        title: s.title,
        content: s.content,
        receivedAt: s.receivedAt,
        highlight: [...(hl.title ?? []), ...(hl.content ?? [])],
      };
    });
    return { items, total };
  }

  /**
   * Answered cases (replied or closed) most like `text` — for the reply editor's "similar past
   * cases" — by the engine's more_like_this over the segmented words, within the caller's scope.
   */
  async similarAnswered(
    q: SimilarCasesQuery,
  ): Promise<
    { id: string; score: number; title: string | null; content: string; departmentCode: string | null }[]
  > {
    const words = defaultSegmenter().segmentForIndex(q.text);
    if (!words.trim()) return [];
    const filter: object[] = [{ terms: { status: ['replied', 'closed'] } }];
    if (q.departmentScope) filter.push({ terms: { departmentCode: q.departmentScope } });
    const res = await this.client.search({
      index: this.indexName,
      body: {
        size: q.limit,
        query: {
          bool: {
            must: [
              {
                more_like_this: {
                  fields: ['titleTokens', 'contentTokens'],
                  like: words,
                  min_term_freq: 1,
                  min_doc_freq: 1,
                  max_query_terms: 30,
                  minimum_should_match: '30%',
                },
              },
            ],
            filter,
            must_not: q.excludeId ? [{ ids: { values: [q.excludeId] } }] : [],
          },
        },
      },
    });
    return res.body.hits.hits.map((h) => {
      const src = h._source as HitSource;
      return {
        id: src.caseId,
        score: h._score ?? 0,
        title: src.title,
        content: src.content,
        departmentCode: src.departmentCode,
      };
    });
  }

  async refresh(): Promise<void> {
    await this.client.indices.refresh({ index: this.indexName });
  }

  /** Health for `/health`: the cluster answers and is at least yellow. */
  async health(): Promise<{ up: boolean; detail: string }> {
    try {
      const res = await this.client.cluster.health({ timeout: '2s' });
      const status = String(res.body.status);
      return { up: status !== 'red', detail: `cluster ${res.body.cluster_name} ${status}` };
    } catch (e) {
      return { up: false, detail: e instanceof Error ? e.message : String(e) };
    }
  }

  async deleteIndex(): Promise<void> {
    await this.client.indices.delete({ index: this.indexName, ignore_unavailable: true });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
