export * from './case-store.port';
export * from './open-case.use-case';
