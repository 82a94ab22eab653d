export * from './features';
export * from './text-classifier';
export * from './evaluation';
export * from './naive-bayes.baseline';
export * from './route-message';
export * from './route-case.use-case';
export * from './training';
