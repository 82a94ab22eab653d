import { Module } from '@nestjs/common';
import { Topics } from '@hub/contracts';
import { DataSource } from 'typeorm';
import { MessagingModule, withDeadLetter } from '@hub/messaging';
import { DirectoryDictionary, PersistenceModule, PgDirectoryStore } from '@hub/persistence';
import { SearchModule } from '@hub/search';
import { CaseEventHandler } from './handlers/case-event.handler';
import { IndexerConfig } from './indexer.config';

/**
 * The indexer: keeps the search engine's case index in step with the case events.
 * Consumes: `hub.case-events.v1` (dead letters: `.dlt`). Produces nothing. Reads the directory
 * from PostgreSQL for the segmenter's user dictionary.
 */
@Module({})
export class AppModule {
  static forRoot(config: IndexerConfig) {
    return {
      module: AppModule,
      imports: [
        // The directory only, for the user dictionary: index tokens match query and triage tokens.
        PersistenceModule.forRoot({ databaseUrl: config.DATABASE_URL, poolSize: 2 }),
        MessagingModule.forService('indexer', config, withDeadLetter(Topics.caseEvents)),
        SearchModule.forRoot({ url: config.SEARCH_URL, indexPrefix: config.SEARCH_INDEX_PREFIX }),
      ],
      controllers: [CaseEventHandler],
      providers: [
        { provide: IndexerConfig, useValue: config },
        {
          provide: PgDirectoryStore,
          inject: [DataSource],
          useFactory: (db: DataSource) => new PgDirectoryStore(db),
        },
        DirectoryDictionary,
      ],
    };
  }
}
