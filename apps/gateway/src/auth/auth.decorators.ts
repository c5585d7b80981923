import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { AuthUser, Role } from '@invoice/contracts';

export const IS_PUBLIC = 'auth:isPublic';
export const ROLES = 'auth:roles';

/** A route that needs no token (only the token route and health checks). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Roles allowed on a route; without it any authenticated user may call it. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** The authenticated user, taken from the verified token. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  const request = context.switchToHttp().getRequest<{ user?: AuthUser }>();
  if (!request.user) throw new Error('CurrentUser used on a public route');
  return request.user;
});
