import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Request } from 'express';
import { type Principal, type Role, TokenError, verifyOidcToken, verifyToken } from '@hub/auth';
import { ApiConfig } from '../api.config';
import { PUBLIC_ROUTE, ROUTE_ROLES } from './auth.decorators';

/**
 * Every route needs a valid bearer token unless it is marked @Public(); @Roles() narrows a route to
 * some roles. 401 without or with a bad token, 403 for a role the route is not for.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(ApiConfig) private readonly config: ApiConfig,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) {
      throw new UnauthorizedException(
        'Authorization: Bearer <accessToken> required (POST /api/v1/auth/login)',
      );
    }
    try {
      req.principal = this.verify(token);
    } catch (e) {
      if (e instanceof TokenError) throw new UnauthorizedException(e.message);
      throw e;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROUTE_ROLES, targets);
    if (roles && !roles.includes(req.principal.role)) {
      throw new ForbiddenException(
        `role ${req.principal.role} may not use this route (for ${roles.join(', ')})`,
      );
    }
    return true;
  }

  /** The hub's own tokens (HS256), or the configured OIDC provider's (RS256). */
  private verify(token: string): Principal {
    const now = new Date();
    const c = this.config;
    if (c.OIDC_ISSUER && c.OIDC_PUBLIC_KEY && tokenAlgorithm(token) === 'RS256') {
      return verifyOidcToken(token, {
        issuer: c.OIDC_ISSUER,
        audience: c.OIDC_AUDIENCE,
        publicKey: c.OIDC_PUBLIC_KEY,
        roleClaim: c.OIDC_ROLE_CLAIM,
        departmentClaim: c.OIDC_DEPARTMENT_CLAIM,
        now,
      });
    }
    return verifyToken(token, { secret: c.authSecret, issuer: 'civic-hub', now });
  }
}

function tokenAlgorithm(token: string): string | undefined {
  try {
    return (JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as { alg?: string })
      .alg;
  } catch {
    return undefined;
  }
}
