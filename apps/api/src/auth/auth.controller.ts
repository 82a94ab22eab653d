import {
  Body,
  Controller,
  Get,
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
    const user = PgAccountStore.principal(account);
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

  /** Who the token names (the UI shows it and picks the views of the role). */
  @Get('me')
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}
