import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Topics } from '@hub/contracts';
import { MessagingModule, withDeadLetter } from '@hub/messaging';
import { CASE_SEARCH, OpenSearchCaseSearch } from '@hub/search';
import { CaseEventHandler } from './handlers/case-event.handler';
import { IndexerConfig } from './indexer.config';

/**
 * The indexer: keeps the search engine's case index in step with the case events.
 * Consumes: `hub.case-events.v1` (dead letters: `.dlt`). Produces nothing.
 */
@Module({})
export class AppModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(CASE_SEARCH) private readonly search: OpenSearchCaseSearch) {}

  static forRoot(config: IndexerConfig) {
    return {
      module: AppModule,
      imports: [
        MessagingModule.forRoot({
          clientId: `${config.KAFKA_CLIENT_ID}-indexer`,
          brokers: config.kafkaBrokers,
          topicPrefix: config.HUB_TOPIC_PREFIX,
          topics: withDeadLetter(Topics.caseEvents),
        }),
      ],
      controllers: [CaseEventHandler],
      providers: [
        { provide: IndexerConfig, useValue: config },
        {
          provide: CASE_SEARCH,
          useFactory: () => new OpenSearchCaseSearch(config.SEARCH_URL, config.SEARCH_INDEX_PREFIX),
        },
      ],
    };
  }

  async onModuleInit(): Promise<void> {
    await this.search.ensureIndex();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.search.close();
  }
}
