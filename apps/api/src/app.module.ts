import { Inject, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { Topics } from '@hub/contracts';
import { randomIds, systemClock } from '@hub/config';
import {
  IMPORT_JOB_STORE,
  type ImportJobStore,
  ImportReferralsUseCase,
  ReceiveMessageUseCase,
} from '@hub/intake';
import { IntakeModule } from '@hub/intake-feature';
import { MessagingModule } from '@hub/messaging';
import { CaseDeadlines, caseDeadlinesFromConfig, CaseWorkflowUseCase } from '@hub/cases';
import {
  CaseQueries,
  PersistenceModule,
  PgAccountStore,
  PgAuditLog,
  PgClusterStore,
  PgImportJobStore,
  PgSharedAnswerStore,
  PgWorkflowStore,
} from '@hub/persistence';
import { SearchModule } from '@hub/search';
import { ApiConfig } from './api.config';
import { AdminModule } from './http/admin.module';
import { AnalyticsModule } from './http/analytics.module';
import { MetricsModule } from './http/metrics.module';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { BoardController } from './http/board.controller';
import { CasesController } from './http/cases.controller';
import { BoardFaqController, ClustersController } from './http/clusters.controller';
import { HealthController } from './http/health.controller';
import { NotificationsController } from './http/notifications.controller';
import { Open311Controller } from './http/open311.controller';
import { PortalController } from './http/portal.controller';
import { SearchController } from './http/search.controller';
import { SavedViewsModule } from './http/saved-views.module';
import { LiveModule } from './live/live.module';

/**
 * The public API on one base URL (default http://127.0.0.1:8080).
 * Consumes: `hub.case-events.v1` for the live stream only (live/: a group per process, from the
 * latest offset, nothing committed). Produces (through the outbox, relayed by the case service):
 * `hub.messages-received.v1` for every board post and referral, `hub.case-events.v1` for every
 * workflow step taken through it.
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
        MessagingModule.forService('api', config, [
          { name: Topics.messagesReceived },
          { name: Topics.caseEvents },
        ]),
        SearchModule.forRoot({ url: config.SEARCH_URL, indexPrefix: config.SEARCH_INDEX_PREFIX }),
        IntakeModule,
        AdminModule,
        MetricsModule,
        AnalyticsModule,
        LiveModule.forRoot(config),
        SavedViewsModule,
      ],
      controllers: [
        AuthController,
        BoardController,
        PortalController,
        Open311Controller,
        CasesController,
        ClustersController,
        BoardFaqController,
        NotificationsController,
        SearchController,
        HealthController,
      ],
      providers: [
        { provide: ApiConfig, useValue: config },
        { provide: APP_GUARD, useClass: AuthGuard },
        {
          provide: PgAccountStore,
          inject: [DataSource],
          useFactory: (db: DataSource) => new PgAccountStore(db),
        },
        { provide: CaseQueries, inject: [DataSource], useFactory: (db: DataSource) => new CaseQueries(db) },
        { provide: PgAuditLog, inject: [DataSource], useFactory: (db: DataSource) => new PgAuditLog(db) },
        {
          provide: PgClusterStore,
          inject: [DataSource],
          useFactory: (db: DataSource) => new PgClusterStore(db),
        },
        {
          provide: PgSharedAnswerStore,
          inject: [DataSource],
          useFactory: (db: DataSource) => new PgSharedAnswerStore(db),
        },
        {
          provide: PgWorkflowStore,
          inject: [DataSource],
          useFactory: (db: DataSource) => new PgWorkflowStore(db),
        },
        { provide: CaseDeadlines, useValue: caseDeadlinesFromConfig(config) },
        {
          provide: CaseWorkflowUseCase,
          inject: [PgWorkflowStore, CaseDeadlines],
          useFactory: (store: PgWorkflowStore, deadlines: CaseDeadlines) =>
            new CaseWorkflowUseCase(store, deadlines, systemClock, randomIds),
        },
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
