export * from './case-store.port';
export * from './open-case.use-case';
export * from './workflow';
export * from './case-workflow.use-case';
export * from './case-deadlines';
