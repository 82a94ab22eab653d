import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { type Principal, type Role } from '@hub/auth';

export const PUBLIC_ROUTE = 'hub:public';
export const ROUTE_ROLES = 'hub:roles';

/** A route anyone may call without a token (the public board, Open311, health). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only these roles may call the route (on top of the department scope checked in the handler). */
export const Roles = (...roles: Role[]) => SetMetadata(ROUTE_ROLES, roles);

/** The caller, as the access token names them (set by the AuthGuard). */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal =>
    ctx.switchToHttp().getRequest<{ principal: Principal }>().principal,
);
