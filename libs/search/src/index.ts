export * from './case-search.port';
export * from './case-index.mapping';
export * from './opensearch-case.search';
export * from './search.module';
