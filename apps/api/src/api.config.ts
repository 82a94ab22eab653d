import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { CommonConfig } from '@hub/config';

/** Configuration of the public API. */
export class ApiConfig extends CommonConfig {
  /** Listen on IPv4 loopback by default; containers set 0.0.0.0. */
  @IsString()
  HTTP_HOST: string = '127.0.0.1';

  @IsInt()
  @Min(1)
  @Max(65535)
  HTTP_PORT: number = 8080;

  /** Comma-separated keys Open311 clients send as `api_key`; local and test mode accept a demo key. */
  @IsOptional()
  @IsString()
  OPEN311_API_KEYS: string = '';

  /** Board posts per client (IP) and minute; 0 turns the limit off (the benchmark does). */
  @IsInt()
  @Min(0)
  BOARD_RATE_LIMIT_PER_MINUTE: number = 30;

  get open311ApiKeys(): string[] {
    const keys = this.OPEN311_API_KEYS.split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    return this.HUB_ENV === 'production' ? keys : [...keys, DEMO_OPEN311_KEY];
  }
}

/** Accepted outside production only, documented in the README. */
export const DEMO_OPEN311_KEY = 'hub-demo-open311';
