import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnalyticsQueries } from '@hub/persistence';
import { AnalyticsController } from './analytics.controller';

/** Hot topics, rising recurring questions, 每月一题 and volumes for analysts. */
@Module({
  controllers: [AnalyticsController],
  providers: [
    {
      provide: AnalyticsQueries,
      inject: [DataSource],
      useFactory: (db: DataSource) => new AnalyticsQueries(db),
    },
  ],
})
export class AnalyticsModule {}
