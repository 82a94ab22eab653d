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
import { type Principal, type Role, TokenError, verifyToken } from '@hub/auth';
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
      req.principal = verifyToken(token, {
        secret: this.config.authSecret,
        issuer: 'civic-hub',
        now: new Date(),
      });
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
}
