import {
  type BeforeApplicationShutdown,
  Controller,
  ForbiddenException,
  Get,
  Headers,
  Inject,
  Query,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { type Response } from 'express';
import { type Principal } from '@hub/auth';
import { ApiConfig } from '../api.config';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { CaseEventFeed } from './case-event-feed';
import { liveScope } from './live-scope';
import { LiveStream } from './live-stream';

export class LiveEventsQuery {
  @ApiPropertyOptional({
    description:
      'How long (ms) this browser was without a stream: the events of that time come first, or ' +
      '`resync` when this process does not hold them (it keeps about five minutes).',
    minimum: 0,
    maximum: 86_400_000,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  replayMs?: number;
}

/**
 * 实时推送 — `GET /api/v1/events`: case changes as Server-Sent Events, read with `fetch()` and the
 * bearer header (the long-lived token never goes into a URL). Staff and leads get their unit's
 * cases (and a case leaving it), dispatchers, supervisors and admins every case, analysts only
 * counts; each event carries ids, status, unit and version, nothing the citizen wrote.
 */
@ApiTags('live')
@ApiBearerAuth()
@Roles('admin', 'dispatcher', 'staff', 'lead', 'supervisor', 'analyst')
@Controller('api/v1/events')
export class LiveEventsController implements BeforeApplicationShutdown {
  private readonly streams = new Set<LiveStream>();

  constructor(
    @Inject(CaseEventFeed) private readonly feed: CaseEventFeed,
    @Inject(ApiConfig) private readonly config: ApiConfig,
  ) {}

  @Get()
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'hello, then case / counts / resync / expired events and `: ping` heartbeats',
  })
  async open(
    @Query() q: LiveEventsQuery,
    @CurrentPrincipal() who: Principal,
    @Headers('authorization') authorization: string,
    @Res() res: Response,
  ): Promise<void> {
    const scope = liveScope(who);
    if (!scope) throw new ForbiddenException(`role ${who.role} reads no cases`);
    if (this.streams.size >= this.config.LIVE_MAX_STREAMS) {
      res.setHeader('retry-after', '30');
      throw new ServiceUnavailableException(`${this.streams.size} live streams open here: poll meanwhile`);
    }
    if (!(await this.feed.whenReady(5000))) {
      res.setHeader('retry-after', '5');
      throw new ServiceUnavailableException('the live feed is not reading the broker yet: poll meanwhile');
    }
    const stream: LiveStream = new LiveStream(
      res,
      scope,
      { heartbeatMs: this.config.LIVE_HEARTBEAT_SECONDS * 1000, expiresAt: tokenExpiry(authorization) },
      () => this.streams.delete(stream),
    );
    this.streams.add(stream);
    stream.open(this.feed, q.replayMs);
  }

  /** Open streams end before the server closes (it would otherwise wait for them). */
  beforeApplicationShutdown(): void {
    for (const s of [...this.streams]) s.close();
  }
}

/** `exp` of the bearer token the guard already checked (null if it has none). */
function tokenExpiry(authorization: string | undefined): Date | null {
  try {
    const payload = (authorization ?? '').split(' ')[1]?.split('.')[1] ?? '';
    const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof exp === 'number' ? new Date(exp * 1000) : null;
  } catch {
    return null;
  }
}
