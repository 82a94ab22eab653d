import {
  type CanActivate,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
} from '@nestjs/common';
import { type Request, type Response } from 'express';
import { ApiConfig } from '../api.config';

/**
 * A fixed-window counter per client: at most `limit` hits per `windowMs`. In-process: with several
 * API instances behind a load balancer, each allows `limit` (put a shared limit at the edge).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; hits: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts a hit; answers the seconds to wait when it is over the limit, or 0. */
  hit(client: string, now: number): number {
    if (this.limit === 0) return 0;
    let w = this.windows.get(client);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, hits: 0 };
      this.windows.set(client, w);
      if (this.windows.size > 100_000) this.sweep(now);
    }
    w.hits++;
    return w.hits > this.limit ? Math.ceil((w.start + this.windowMs - now) / 1000) : 0;
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}

/** Limits public board posts per client IP (`BOARD_RATE_LIMIT_PER_MINUTE`); 429 with Retry-After. */
@Injectable()
export class BoardRateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiter;

  constructor(@Inject(ApiConfig) config: ApiConfig) {
    this.limiter = new RateLimiter(config.BOARD_RATE_LIMIT_PER_MINUTE);
  }

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const wait = this.limiter.hit(req.ip ?? 'unknown', Date.now());
    if (wait === 0) return true;
    http.getResponse<Response>().setHeader('Retry-After', String(wait));
    throw new HttpException(
      {
        statusCode: 429,
        error: 'Too Many Requests',
        message: `too many posts from this client; try again in ${wait} s`,
        retryAfterSeconds: wait,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
