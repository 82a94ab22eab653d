import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MetricsQueries } from '@hub/persistence';
import { MetricsController } from './metrics.controller';

/** 三率 and the other measures supervisors are judged by, with drill-down and .xlsx export. */
@Module({
  controllers: [MetricsController],
  providers: [
    { provide: MetricsQueries, inject: [DataSource], useFactory: (db: DataSource) => new MetricsQueries(db) },
  ],
})
export class MetricsModule {}
