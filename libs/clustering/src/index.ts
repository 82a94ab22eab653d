/**
 * @hub/clustering — recurring citizen questions (共性问题): same-question detection on Chinese text
 * (jieba words and character bigrams, TF-IDF cosine, MinHash LSH candidate search), the placement
 * rule with its chaining guard, incremental clustering, key terms and pairwise evaluation. Pure:
 * no I/O; jieba comes from @hub/text's shared segmenter.
 */
export * from './lexicon';
export * from './features';
export * from './similarity-index';
export * from './vector-store';
export * from './choose-cluster';
export * from './incremental-clusterer';
export * from './key-terms';
export * from './pairwise-scores';
