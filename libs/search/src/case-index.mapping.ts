/**
 * The case index. Chinese text is searchable two ways, both built into OpenSearch's common analysis
 * module (no plugin): the raw text through CJK bigrams (`*` fields), and the text segmented by the
 * hub's jieba segmenter into whitespace-separated words (`*Tokens` fields). Queries are segmented
 * the same way. `dynamic: strict` keeps unexpected fields (and so any raw personal data) out.
 */
export const CASE_INDEX_VERSION = 1;

export const caseIndexBody = {
  settings: {
    number_of_shards: 1,
    number_of_replicas: 0,
    refresh_interval: '1s',
    analysis: {
      analyzer: {
        hub_cjk: { type: 'custom', tokenizer: 'standard', filter: ['cjk_width', 'lowercase', 'cjk_bigram'] },
        hub_words: { type: 'custom', tokenizer: 'whitespace', filter: ['lowercase'] },
      },
    },
  },
  mappings: {
    dynamic: 'strict',
    properties: {
      caseId: { type: 'keyword' },
      channel: { type: 'keyword' },
      externalRef: { type: 'keyword' },
      status: { type: 'keyword' },
      departmentCode: { type: 'keyword' },
      kind: { type: 'keyword' },
      urgency: { type: 'keyword' },
      street: { type: 'keyword' },
      policyDocNo: { type: 'keyword' },
      title: { type: 'text', analyzer: 'hub_cjk' },
      content: { type: 'text', analyzer: 'hub_cjk' },
      titleTokens: { type: 'text', analyzer: 'hub_words' },
      contentTokens: { type: 'text', analyzer: 'hub_words' },
      receivedAt: { type: 'date' },
      dueAt: { type: 'date' },
      version: { type: 'long' },
    },
  },
} as const;
