import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Topics } from '@hub/contracts';
import { randomIds, systemClock } from '@hub/config';
import { MessagingModule, withDeadLetter } from '@hub/messaging';
import { PersistenceModule, PgTriageStore } from '@hub/persistence';
import { RouteCaseUseCase } from '@hub/triage';
import { CaseCreatedHandler } from './handlers/case-created.handler';
import { TriageConfig } from './triage.config';

/**
 * The triage service: routes each new case.
 * Consumes: `hub.case-events.v1` (`case.created`; dead letters: `.dlt`).
 * Produces (through the outbox): `hub.case-events.v1` `case.routed`.
 */
@Module({})
export class AppModule {
  static forRoot(config: TriageConfig) {
    return {
      module: AppModule,
      imports: [
        PersistenceModule.forRoot({ databaseUrl: config.DATABASE_URL }),
        MessagingModule.forService('triage', config, withDeadLetter(Topics.caseEvents)),
      ],
      controllers: [CaseCreatedHandler],
      providers: [
        { provide: TriageConfig, useValue: config },
        {
          provide: PgTriageStore,
          inject: [DataSource],
          useFactory: (db: DataSource) => new PgTriageStore(db),
        },
        {
          provide: RouteCaseUseCase,
          inject: [PgTriageStore],
          useFactory: (store: PgTriageStore) =>
            new RouteCaseUseCase(
              store,
              store,
              store,
              systemClock,
              randomIds,
              config.TRIAGE_CONFIDENCE_THRESHOLD,
            ),
        },
      ],
    };
  }
}
