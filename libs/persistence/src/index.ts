export * from './entities';
export * from './data-source';
export * from './database-health';
export * from './stores/pg-intake.store';
export * from './stores/pg-case.store';
export * from './stores/pg-outbox.store';
export * from './stores/case-queries';
export * from './persistence.module';
