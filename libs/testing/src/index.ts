export * from './eventually';
export * from './test-env';
export * from './kafka-test-kit';
export * from './received-message.builder';
export * from './fresh-database';
