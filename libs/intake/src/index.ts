export * from './incoming-message';
export * from './intake-store.port';
export * from './receive-message.use-case';
