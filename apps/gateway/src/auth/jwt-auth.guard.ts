import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { SSE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { DomainError, type AuthUser, type Role, type TokenClaims } from '@invoice/contracts';
import { IS_PUBLIC, ROLES } from './auth.decorators.js';
import { TokenCheckService } from './token-check.service.js';

/** The query parameter that may carry the token on server-sent event routes (a browser's EventSource cannot send headers). */
export const QUERY_TOKEN_PARAM = 'access_token';

/**
 * Global guard: every route needs a valid HS256 bearer token unless marked @Public(); then role checks.
 * On `@Sse()` routes only, the token may instead come as `?access_token=` (logs redact it).
 * A valid signature is not enough: the claims must have their shape (an `exp`, UUIDs) and the user must
 * still exist, be active and hold the token version the token carries (TokenCheckService).
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
    @Inject(TokenCheckService) private readonly tokens: TokenCheckService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; query?: Record<string, unknown>; user?: AuthUser }>();
    const token = this.tokenOf(request, this.reflector.get<boolean>(SSE_METADATA, context.getHandler()) === true);
    let claims: unknown;
    try {
      // Algorithms are pinned in JwtModule's verifyOptions: "none" and any other algorithm are refused.
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      throw new DomainError('UNAUTHENTICATED', expired ? 'Token expired: log in again' : 'Invalid token');
    }
    const user = await this.tokens.userOf(claims);
    request.user = user;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (allowed && !allowed.includes(user.role)) {
      throw new DomainError('FORBIDDEN', `This action needs one of the roles: ${allowed.join(', ')} (you are ${user.role})`);
    }
    return true;
  }

  private tokenOf(
    request: { headers: Record<string, string | undefined>; query?: Record<string, unknown> },
    isEventStream: boolean,
  ): string {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() === 'bearer' && token) return token;
    const queryToken = request.query?.[QUERY_TOKEN_PARAM];
    if (isEventStream && typeof queryToken === 'string' && queryToken) return queryToken;
    throw new DomainError(
      'UNAUTHENTICATED',
      isEventStream
        ? `Missing bearer token: send "Authorization: Bearer <access_token>" or ?${QUERY_TOKEN_PARAM}=<access_token>`
        : 'Missing bearer token: send "Authorization: Bearer <access_token>"',
    );
  }
}
