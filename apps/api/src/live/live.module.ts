import { type DynamicModule, Module } from '@nestjs/common';
import { ApiConfig } from '../api.config';
import { CaseEventFeed } from './case-event-feed';
import { LiveEventsController } from './live-events.controller';

/**
 * Push updates for the web app: consumes `hub.case-events.v1` (a group per API process, from the
 * latest offset, nothing committed) and streams what each caller may see as Server-Sent Events.
 */
@Module({})
export class LiveModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: LiveModule,
      controllers: [LiveEventsController],
      providers: [{ provide: ApiConfig, useValue: config }, CaseEventFeed],
    };
  }
}
