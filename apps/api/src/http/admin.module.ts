import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DirectoryDictionary, PgDirectoryStore, PgTriageStore } from '@hub/persistence';
import { ClassifierController } from './classifier.controller';
import { DirectoryController, PoliciesController } from './directory.controller';

/**
 * Administration: the unit directory and the policy registry (with import), and classifier models
 * (train, activate, roll back) with their training examples. Admin-only writes.
 */
@Module({
  controllers: [DirectoryController, PoliciesController, ClassifierController],
  providers: [
    {
      provide: PgDirectoryStore,
      inject: [DataSource],
      useFactory: (db: DataSource) => new PgDirectoryStore(db),
    },
    { provide: PgTriageStore, inject: [DataSource], useFactory: (db: DataSource) => new PgTriageStore(db) },
    DirectoryDictionary,
  ],
})
export class AdminModule {}
