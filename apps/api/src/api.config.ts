import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { DEFAULT_DEMO_PASSWORD } from '@hub/auth';
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

  /** Signs access tokens (HS256); production needs 32+ characters, local and test mode use a fixed one. */
  @IsOptional()
  @IsString()
  HUB_AUTH_SECRET: string = '';

  /** Lifetime of an access token: short, a working session logs in again. */
  @IsInt()
  @Min(60)
  @Max(86_400)
  HUB_TOKEN_TTL_SECONDS: number = 1800;

  /** Password of the local demo accounts (DESIGN.md, "Access"); refused in production. */
  @IsOptional()
  @IsString()
  HUB_DEMO_PASSWORD: string = '';

  /** Failed logins in a row before an account locks, and for how long. */
  @IsInt()
  @Min(1)
  AUTH_MAX_FAILED_LOGINS: number = 5;

  @IsInt()
  @Min(1)
  AUTH_LOCKOUT_MINUTES: number = 15;

  /** Live stream (`GET /api/v1/events`): a heartbeat this often keeps proxies from closing it. */
  @IsInt()
  @Min(1)
  @Max(300)
  LIVE_HEARTBEAT_SECONDS: number = 15;

  /** Open live streams one API process serves at most; beyond, browsers poll (503 with Retry-After). */
  @IsInt()
  @Min(1)
  LIVE_MAX_STREAMS: number = 5000;

  /** The built web app served at `/`; empty: `dist/web` of this checkout (the page bench serves a copy). */
  @IsOptional()
  @IsString()
  WEB_APP_DIR: string = '';

  /**
   * OpenID Connect (optional): tokens signed by this provider (RS256 with OIDC_PUBLIC_KEY, PEM) are
   * accepted besides the hub's own; the provider maps each user to a hub role and unit in the
   * claims named below. Local accounts keep working, e.g. for the integration account.
   */
  @IsOptional()
  @IsString()
  OIDC_ISSUER: string = '';

  @IsOptional()
  @IsString()
  OIDC_AUDIENCE: string = 'civic-hub';

  @IsOptional()
  @IsString()
  OIDC_PUBLIC_KEY: string = '';

  @IsString()
  OIDC_ROLE_CLAIM: string = 'hub_role';

  @IsString()
  OIDC_DEPARTMENT_CLAIM: string = 'hub_department';

  get authSecret(): string {
    if (this.HUB_AUTH_SECRET) return this.HUB_AUTH_SECRET;
    return `civic-hub-${this.HUB_ENV}-secret-not-for-production`;
  }

  get demoPassword(): string {
    return this.HUB_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
  }

  /** Reasons production must not start with this configuration (empty elsewhere). */
  productionProblems(): string[] {
    if (this.HUB_ENV !== 'production') return [];
    const problems: string[] = [];
    if (this.HUB_AUTH_SECRET.length < 32) problems.push('HUB_AUTH_SECRET must be set to 32+ characters');
    if (this.HUB_DEMO_PASSWORD) problems.push('HUB_DEMO_PASSWORD is for local demo mode only');
    if (this.OIDC_ISSUER && !this.OIDC_PUBLIC_KEY.includes('BEGIN PUBLIC KEY')) {
      problems.push('OIDC_PUBLIC_KEY must be the PEM public key of OIDC_ISSUER');
    }
    return problems;
  }

  get open311ApiKeys(): string[] {
    const keys = this.OPEN311_API_KEYS.split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    return this.HUB_ENV === 'production' ? keys : [...keys, DEMO_OPEN311_KEY];
  }
}

/** Accepted outside production only, documented in the README. */
export const DEMO_OPEN311_KEY = 'hub-demo-open311';
