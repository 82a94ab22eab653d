import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Topics } from '@hub/contracts';
import { MessagingModule, withDeadLetter } from '@hub/messaging';
import { PersistenceModule, PgClusterStore } from '@hub/persistence';
import { CaseCreatedHandler } from './case-created.handler';
import { ClusterPlacement } from './cluster-placement';
import { ClustererConfig } from './clusterer.config';

/**
 * The clusterer: groups recurring questions (共性问题) across channels as they arrive.
 * Consumes: `hub.case-events.v1` (`case.created`; dead letters: `.dlt`). Writes `question_cluster`
 * and `cluster_member`. Run one instance: its similarity index is in memory, rebuilt at start.
 */
@Module({})
export class AppModule implements OnModuleInit {
  constructor(@Inject(ClusterPlacement) private readonly placement: ClusterPlacement) {}

  static forRoot(config: ClustererConfig) {
    return {
      module: AppModule,
      imports: [
        PersistenceModule.forRoot({ databaseUrl: config.DATABASE_URL }),
        MessagingModule.forService('clusterer', config, withDeadLetter(Topics.caseEvents)),
      ],
      controllers: [CaseCreatedHandler],
      providers: [
        { provide: ClustererConfig, useValue: config },
        {
          provide: PgClusterStore,
          inject: [DataSource],
          useFactory: (db: DataSource) => new PgClusterStore(db),
        },
        {
          provide: ClusterPlacement,
          inject: [PgClusterStore],
          useFactory: (store: PgClusterStore) => new ClusterPlacement(store, config.CLUSTER_THRESHOLD),
        },
      ],
    };
  }

  /** The index is rebuilt before the consumer starts. */
  async onModuleInit(): Promise<void> {
    await this.placement.load();
  }
}
