import { Logger, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Topics } from '@hub/contracts';
import { randomIds, systemClock } from '@hub/config';
import { MessagingModule, withDeadLetter } from '@hub/messaging';
import { PersistenceModule, PgTriageStore } from '@hub/persistence';
import { defaultSegmenter, directoryWords } from '@hub/text';
import { RouteCaseUseCase, TrainClassifierUseCase } from '@hub/triage';
import { CaseCreatedHandler } from './handlers/case-created.handler';
import { ClassifierTrainingPoller } from './training/classifier-training.poller';
import { corpusLoader } from './training/shipped-corpus';
import { TriageConfig } from './triage.config';

/**
 * The triage service: routes each new case, and trains classifier models admins ask for.
 * Consumes: `hub.case-events.v1` (`case.created`; dead letters: `.dlt`).
 * Produces (through the outbox): `hub.case-events.v1` `case.routed`.
 * Polls: `classifier_training` (jobs queued through the API).
 * The unit directory and the policy registry are cached for TRIAGE_DIRECTORY_TTL_MS; each reload
 * also adds their names and policy keywords to the segmenter's user dictionary (用户词典).
 */
@Module({})
export class AppModule {
  static forRoot(config: TriageConfig) {
    const log = new Logger('triage');
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
          useFactory: (db: DataSource) =>
            new PgTriageStore(db, {
              ttlMs: config.TRIAGE_DIRECTORY_TTL_MS,
              onDirectory: (vocabulary) => {
                const n = defaultSegmenter().addNewWords(directoryWords(vocabulary));
                if (n > 0) log.log(`user dictionary: ${n} word(s) from the directory added`);
              },
            }),
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
        {
          provide: TrainClassifierUseCase,
          inject: [PgTriageStore],
          useFactory: (store: PgTriageStore) =>
            new TrainClassifierUseCase(store, corpusLoader(config.TRIAGE_CORPUS_FILE), systemClock),
        },
        ClassifierTrainingPoller,
      ],
    };
  }
}
