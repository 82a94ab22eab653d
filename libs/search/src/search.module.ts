import {
  type DynamicModule,
  Global,
  Inject,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { CASE_SEARCH } from './case-search.port';
import { OpenSearchCaseSearch } from './opensearch-case.search';

/** Provides the case index ({@link CASE_SEARCH}); creates it at start when missing, closes the client on shutdown. */
@Global()
@Module({})
export class SearchModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(CASE_SEARCH) private readonly search: OpenSearchCaseSearch) {}

  static forRoot(options: { url: string; indexPrefix: string }): DynamicModule {
    return {
      module: SearchModule,
      providers: [
        {
          provide: CASE_SEARCH,
          useFactory: () => new OpenSearchCaseSearch(options.url, options.indexPrefix),
        },
      ],
      exports: [CASE_SEARCH],
    };
  }

  async onModuleInit(): Promise<void> {
    await this.search.ensureIndex();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.search.close();
  }
}
