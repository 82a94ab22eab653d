import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Topics } from '@hub/contracts';
import { OnnxSentenceEncoder, defaultModelDir } from '@hub/embedding';
import { MessagingModule, withDeadLetter } from '@hub/messaging';
import { PersistenceModule, PgClusterStore } from '@hub/persistence';
import { CaseCreatedHandler } from './case-created.handler';
import { ClusterPlacement } from './cluster-placement';
import { ClustererConfig } from './clusterer.config';

/**
 * The clusterer: groups recurring questions (共性问题) across channels as they arrive.
 * Consumes: `hub.case-events.v1` (`case.created`; dead letters: `.dlt`). Writes `question_cluster`
 * and `cluster_member` (and `message_embedding`). Run one instance: its similarity index is in
 * memory, rebuilt at start. Needs the sentence-embedding model (`deploy/local/model.sh fetch`)
 * unless CLUSTER_EMBEDDINGS=off.
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
          // The model loads before the consumer starts; a missing model stops the start with the fix.
          useFactory: async (store: PgClusterStore) =>
            new ClusterPlacement(
              store,
              config.CLUSTER_THRESHOLD,
              config.CLUSTER_EMBEDDINGS === 'off'
                ? null
                : await OnnxSentenceEncoder.load(config.HUB_EMBEDDING_MODEL_DIR || defaultModelDir()),
            ),
        },
      ],
    };
  }

  /** The index is rebuilt before the consumer starts. */
  async onModuleInit(): Promise<void> {
    await this.placement.load();
  }
}
