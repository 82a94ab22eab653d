import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PgSavedViewStore } from '@hub/persistence';
import { SavedViewsController } from './saved-views.controller';

/** 保存的视图: each user's named filter sets of the list pages (`/api/v1/me/views`). */
@Module({
  controllers: [SavedViewsController],
  providers: [
    {
      provide: PgSavedViewStore,
      inject: [DataSource],
      useFactory: (db: DataSource) => new PgSavedViewStore(db),
    },
  ],
})
export class SavedViewsModule {}
