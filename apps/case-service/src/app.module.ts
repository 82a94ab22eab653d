import { Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Topics } from '@hub/contracts';
import {
  CASE_STORE,
  CaseDeadlines,
  caseDeadlinesFromConfig,
  type CaseStore,
  CaseWorkflowUseCase,
  OpenCaseUseCase,
} from '@hub/cases';
import { randomIds, systemClock } from '@hub/config';
import {
  MESSAGE_PUBLISHER,
  MessagingModule,
  type MessagePublisher,
  OutboxRelay,
  withDeadLetter,
} from '@hub/messaging';
import { PersistenceModule, PgCaseStore, PgOutboxStore, PgWorkflowStore } from '@hub/persistence';
import { CaseServiceConfig } from './case-service.config';
import { FeedbackHandler } from './handlers/feedback.handler';
import { ReceivedMessageHandler } from './handlers/received-message.handler';
import { SlaMonitor } from './sla-monitor';

/**
 * The case service — the system of record.
 * Consumes: `hub.messages-received.v1` (受理) and `hotline.feedback.v1` (回访) (dead letters: `.dlt`).
 * Produces (through the outbox): `hub.case-events.v1`; it runs the SLA monitor and the hub's one
 * outbox relay, which publishes every service's outbox rows (intake's and the API's included).
 */
@Module({})
export class AppModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(PgOutboxStore) private readonly outbox: PgOutboxStore,
    @Inject(SlaMonitor) private readonly sla: SlaMonitor,
  ) {}

  static forRoot(config: CaseServiceConfig) {
    return {
      module: AppModule,
      imports: [
        PersistenceModule.forRoot({ databaseUrl: config.DATABASE_URL }),
        MessagingModule.forService('case-service', config, [
          ...withDeadLetter(Topics.messagesReceived),
          ...withDeadLetter(Topics.hotlineFeedback),
          { name: Topics.caseEvents },
        ]),
      ],
      controllers: [ReceivedMessageHandler, FeedbackHandler],
      providers: [
        { provide: CaseServiceConfig, useValue: config },
        { provide: CASE_STORE, inject: [DataSource], useFactory: (db: DataSource) => new PgCaseStore(db) },
        { provide: CaseDeadlines, useValue: caseDeadlinesFromConfig(config) },
        {
          provide: OpenCaseUseCase,
          inject: [CASE_STORE, CaseDeadlines],
          useFactory: (store: CaseStore, deadlines: CaseDeadlines) =>
            new OpenCaseUseCase(store, systemClock, randomIds, deadlines),
        },
        {
          provide: PgWorkflowStore,
          inject: [DataSource],
          useFactory: (db: DataSource) => new PgWorkflowStore(db),
        },
        {
          provide: CaseWorkflowUseCase,
          inject: [PgWorkflowStore, CaseDeadlines],
          useFactory: (store: PgWorkflowStore, deadlines: CaseDeadlines) =>
            new CaseWorkflowUseCase(store, deadlines, systemClock, randomIds),
        },
        {
          provide: SlaMonitor,
          inject: [PgWorkflowStore, CaseWorkflowUseCase],
          useFactory: (store: PgWorkflowStore, workflow: CaseWorkflowUseCase) =>
            new SlaMonitor(store, workflow, systemClock, config.SLA_POLL_MS),
        },
        {
          provide: PgOutboxStore,
          inject: [DataSource],
          useFactory: (db: DataSource) => new PgOutboxStore(db, config.DATABASE_URL),
        },
        {
          provide: OutboxRelay,
          inject: [PgOutboxStore, MESSAGE_PUBLISHER],
          useFactory: (store: PgOutboxStore, publisher: MessagePublisher) =>
            new OutboxRelay(store, publisher),
        },
      ],
    };
  }

  onApplicationBootstrap(): void {
    this.relay.start();
    this.sla.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sla.stop();
    await this.relay.stop();
    await this.outbox.close();
  }
}
