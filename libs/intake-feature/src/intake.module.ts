import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { randomIds, systemClock } from '@hub/config';
import {
  INTAKE_STORE,
  type IntakeStore,
  matchPolicy,
  POLICY_REGISTRY,
  type PolicyRegistry,
  ReceiveMessageUseCase,
} from '@hub/intake';
import { PgIntakeStore, PgPolicyRegistry } from '@hub/persistence';

/**
 * 受理 for every channel adapter (HTTP routes, the hotline consumer): the intake use case on its
 * PostgreSQL store and the cached policy registry. Needs `PersistenceModule` in the app.
 */
@Module({
  providers: [
    { provide: INTAKE_STORE, inject: [DataSource], useFactory: (db: DataSource) => new PgIntakeStore(db) },
    {
      provide: POLICY_REGISTRY,
      inject: [DataSource],
      useFactory: (db: DataSource) => new PgPolicyRegistry(db, matchPolicy),
    },
    {
      provide: ReceiveMessageUseCase,
      inject: [INTAKE_STORE, POLICY_REGISTRY],
      useFactory: (store: IntakeStore, policies: PolicyRegistry) =>
        new ReceiveMessageUseCase(store, systemClock, randomIds, policies),
    },
  ],
  exports: [ReceiveMessageUseCase],
})
export class IntakeModule {}
