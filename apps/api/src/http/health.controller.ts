import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { type Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { KAFKA, kafkaIsUp } from '@hub/messaging';
import { databaseIsUp } from '@hub/persistence';
import { CASE_SEARCH, type OpenSearchCaseSearch } from '@hub/search';
import { Public } from '../auth/auth.decorators';

/** Each dependency's state; 200 when all are up, 503 otherwise. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(CASE_SEARCH) private readonly search: OpenSearchCaseSearch,
  ) {}

  @Get()
  async health(@Res({ passthrough: true }) res: Response) {
    const [postgres, kafka, search] = await Promise.all([
      databaseIsUp(this.db),
      kafkaIsUp(this.kafka),
      this.search.health(),
    ]);
    const up = postgres.up && kafka.up && search.up;
    res.status(up ? 200 : 503);
    return { status: up ? 'up' : 'down', checks: { postgres, kafka, search } };
  }
}
