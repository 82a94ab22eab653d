import { Inject, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Topics } from '@hub/contracts';
import { randomIds } from '@hub/config';
import {
  IMPORT_JOB_STORE,
  type ImportJobStore,
  ImportReferralsUseCase,
  ReceiveMessageUseCase,
} from '@hub/intake';
import { IntakeModule } from '@hub/intake-feature';
import { MessagingModule } from '@hub/messaging';
import { CaseQueries, PersistenceModule, PgImportJobStore } from '@hub/persistence';
import { SearchModule } from '@hub/search';
import { ApiConfig } from './api.config';
import { BoardController } from './http/board.controller';
import { CasesController } from './http/cases.controller';
import { HealthController } from './http/health.controller';
import { Open311Controller } from './http/open311.controller';
import { PortalController } from './http/portal.controller';
import { SearchController } from './http/search.controller';

/**
 * The public API on one base URL (default http://127.0.0.1:8080).
 * Consumes: nothing. Produces (through the outbox, relayed by the case service):
 * `hub.messages-received.v1` for every board post.
 */
@Module({})
export class AppModule implements OnApplicationBootstrap {
  constructor(@Inject(IMPORT_JOB_STORE) private readonly importJobs: ImportJobStore) {}

  async onApplicationBootstrap(): Promise<void> {
    const n = await this.importJobs.failAbandoned();
    if (n > 0) Logger.warn(`${n} import job(s) left running by a stopped process marked failed`, 'api');
  }

  static forRoot(config: ApiConfig) {
    return {
      module: AppModule,
      imports: [
        PersistenceModule.forRoot({ databaseUrl: config.DATABASE_URL }),
        MessagingModule.forService('api', config, [{ name: Topics.messagesReceived }]),
        SearchModule.forRoot({ url: config.SEARCH_URL, indexPrefix: config.SEARCH_INDEX_PREFIX }),
        IntakeModule,
      ],
      controllers: [
        BoardController,
        PortalController,
        Open311Controller,
        CasesController,
        SearchController,
        HealthController,
      ],
      providers: [
        { provide: ApiConfig, useValue: config },
        { provide: CaseQueries, inject: [DataSource], useFactory: (db: DataSource) => new CaseQueries(db) },
        {
          provide: IMPORT_JOB_STORE,
          inject: [DataSource],
          useFactory: (db: DataSource) => new PgImportJobStore(db),
        },
        {
          provide: ImportReferralsUseCase,
          inject: [IMPORT_JOB_STORE, ReceiveMessageUseCase],
          useFactory: (jobs: ImportJobStore, receive: ReceiveMessageUseCase) =>
            new ImportReferralsUseCase(jobs, receive, randomIds),
        },
      ],
    };
  }
}
