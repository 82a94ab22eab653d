import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Logger,
  type OnApplicationBootstrap,
  Post,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { hashPassword, issueToken, type Principal, verifyPassword } from '@hub/auth';
import { PgAccountStore } from '@hub/persistence';
import { ApiConfig } from '../api.config';
import { CurrentPrincipal, Public } from './auth.decorators';

export class LoginDto {
  @ApiProperty({ example: 'housing.staff' })
  @IsString()
  @Length(1, 100)
  username!: string;

  @ApiProperty({ example: 'hub-demo' })
  @IsString()
  @Length(1, 200)
  password!: string;
}

/** A scrypt hash to compare against when the account does not exist, so both answers take as long. */
const DUMMY_HASH = hashPassword('not-an-account');

/**
 * Login with a local account: a short-lived bearer token. Repeated failures lock the account for a
 * while; an unknown name and a wrong password get the same answer.
 */
@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController implements OnApplicationBootstrap {
  constructor(
    @Inject(PgAccountStore) private readonly accounts: PgAccountStore,
    @Inject(ApiConfig) private readonly config: ApiConfig,
  ) {}

  /** Local mode: the demo accounts exist as soon as login does. Production: none may exist. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.HUB_ENV === 'production') {
      const demo = await this.accounts.countDemo();
      if (demo > 0)
        throw new Error(`refusing to start: ${demo} demo account(s) with the demo password exist`);
      return;
    }
    const created = await this.accounts.ensureDemoAccounts(await hashPassword(this.config.demoPassword));
    if (created > 0) Logger.log(`${created} demo account(s) created (password: see README)`, 'auth');
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  async login(
    @Body() dto: LoginDto,
  ): Promise<{ accessToken: string; tokenType: 'Bearer'; expiresAt: string; user: Principal }> {
    const account = await this.accounts.find(dto.username);
    const refused = new UnauthorizedException('wrong username or password');
    if (!account || !account.active) {
      await verifyPassword(dto.password, await DUMMY_HASH);
      throw refused;
    }
    if (account.lockedUntil && account.lockedUntil > new Date()) {
      throw new UnauthorizedException(
        `account locked after repeated failures until ${account.lockedUntil.toISOString()}`,
      );
    }
    if (!(await verifyPassword(dto.password, account.passwordHash))) {
      const locked = await this.accounts.loginFailed(
        account.username,
        this.config.AUTH_MAX_FAILED_LOGINS,
        this.config.AUTH_LOCKOUT_MINUTES,
      );
      if (locked)
        throw new UnauthorizedException(
          `account locked after repeated failures until ${locked.toISOString()}`,
        );
      throw refused;
    }
    await this.accounts.loginSucceeded(account.username);
    return this.issue(PgAccountStore.principal(account));
  }

  /**
   * A fresh token for a still-valid one of the hub's own: the web app renews shortly before expiry
   * while its user is active. An expired token gets 401 (from the guard), and so does an account
   * disabled or locked since; role and unit are the account's as they are now.
   */
  @Post('refresh')
  @HttpCode(200)
  async refresh(
    @CurrentPrincipal() who: Principal,
    @Headers('authorization') authorization: string,
  ): Promise<{ accessToken: string; tokenType: 'Bearer'; expiresAt: string; user: Principal }> {
    if (!isHubToken(authorization)) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: 'authorization: a token of the OIDC provider is renewed by the provider',
        errors: [
          { field: 'authorization', problems: ['is not a token of the hub (POST /api/v1/auth/login)'] },
        ],
      });
    }
    const account = await this.accounts.find(who.username);
    if (!account || !account.active) throw new UnauthorizedException('the account is disabled');
    if (account.lockedUntil && account.lockedUntil > new Date()) {
      throw new UnauthorizedException(`account locked until ${account.lockedUntil.toISOString()}`);
    }
    return this.issue(PgAccountStore.principal(account));
  }

  /** Who the token names (the UI shows it and picks the views of the role). */
  @Get('me')
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  private issue(user: Principal): {
    accessToken: string;
    tokenType: 'Bearer';
    expiresAt: string;
    user: Principal;
  } {
    const token = issueToken(user, {
      secret: this.config.authSecret,
      ttlSeconds: this.config.HUB_TOKEN_TTL_SECONDS,
      issuer: 'civic-hub',
      now: new Date(),
    });
    return {
      accessToken: token.accessToken,
      tokenType: 'Bearer',
      expiresAt: token.expiresAt.toISOString(),
      user,
    };
  }
}

/** Whether the bearer token is one the hub signed (HS256), not the OIDC provider's. */
function isHubToken(authorization: string | undefined): boolean {
  try {
    const header = (authorization ?? '').split(' ')[1]?.split('.')[0] ?? '';
    return (
      (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown }).alg === 'HS256'
    );
  } catch {
    return false;
  }
}
