import { Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Topics } from '@hub/contracts';
import { CASE_STORE, type CaseStore, OpenCaseUseCase } from '@hub/cases';
import { randomIds, systemClock } from '@hub/config';
import {
  MESSAGE_PUBLISHER,
  MessagingModule,
  type MessagePublisher,
  OutboxRelay,
  withDeadLetter,
} from '@hub/messaging';
import { PersistenceModule, PgCaseStore, PgOutboxStore } from '@hub/persistence';
import { CaseServiceConfig } from './case-service.config';
import { ReceivedMessageHandler } from './handlers/received-message.handler';

/**
 * The case service — the system of record.
 * Consumes: `hub.messages-received.v1` (dead letters: `.dlt`).
 * Produces (through the outbox): `hub.case-events.v1`; it also runs the hub's one outbox relay,
 * which publishes every service's outbox rows (intake's `hub.messages-received.v1` included).
 */
@Module({})
export class AppModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(PgOutboxStore) private readonly outbox: PgOutboxStore,
  ) {}

  static forRoot(config: CaseServiceConfig) {
    return {
      module: AppModule,
      imports: [
        PersistenceModule.forRoot({ databaseUrl: config.DATABASE_URL }),
        MessagingModule.forService('case-service', config, [
          ...withDeadLetter(Topics.messagesReceived),
          { name: Topics.caseEvents },
        ]),
      ],
      controllers: [ReceivedMessageHandler],
      providers: [
        { provide: CaseServiceConfig, useValue: config },
        { provide: CASE_STORE, inject: [DataSource], useFactory: (db: DataSource) => new PgCaseStore(db) },
        {
          provide: OpenCaseUseCase,
          inject: [CASE_STORE],
          useFactory: (store: CaseStore) => new OpenCaseUseCase(store, systemClock, randomIds),
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
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.outbox.close();
  }
}
