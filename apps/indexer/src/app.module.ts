import { Module } from '@nestjs/common';
import { Topics } from '@hub/contracts';
import { MessagingModule, withDeadLetter } from '@hub/messaging';
import { SearchModule } from '@hub/search';
import { CaseEventHandler } from './handlers/case-event.handler';
import { IndexerConfig } from './indexer.config';

/**
 * The indexer: keeps the search engine's case index in step with the case events.
 * Consumes: `hub.case-events.v1` (dead letters: `.dlt`). Produces nothing.
 */
@Module({})
export class AppModule {
  static forRoot(config: IndexerConfig) {
    return {
      module: AppModule,
      imports: [
        MessagingModule.forService('indexer', config, withDeadLetter(Topics.caseEvents)),
        SearchModule.forRoot({ url: config.SEARCH_URL, indexPrefix: config.SEARCH_INDEX_PREFIX }),
      ],
      controllers: [CaseEventHandler],
      providers: [{ provide: IndexerConfig, useValue: config }],
    };
  }
}
