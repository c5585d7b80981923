import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, TokenClaimsSchema, type AuthUser, type PlatformRole } from '@invoice/contracts';
import { findUserAuthState, type UserAuthState } from '@invoice/database';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';

/** Platform roles of a user: `platform-operator` for the usernames PLATFORM_OPERATORS names (the bootstrap admin when unset). */
export function platformRolesOf(username: string, config: Pick<GatewayConfig, 'PLATFORM_OPERATORS' | 'ADMIN_USERNAME'>): PlatformRole[] {
  const operators = config.PLATFORM_OPERATORS ?? [config.ADMIN_USERNAME];
  return operators.includes(username) ? ['platform-operator'] : [];
}

/** Why verified claims do not make a user, or null when they do (a pure function of the claims and the user's row). */
export function tokenRefusal(claims: { org: string; ver: number }, state: UserAuthState | null): string | null {
  if (!state) return 'Token revoked: the user no longer exists';
  if (!state.active) return 'Token revoked: the user is deactivated';
  if (state.tokenVersion !== claims.ver || state.organizationId !== claims.org)
    return 'Token revoked (password or role changed, or logged out everywhere): log in again';
  return null;
}

/** Turns the claims of a verified token into the request's user, checking them against the user's current row. */
@Injectable()
export class TokenCheckService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async userOf(rawClaims: unknown): Promise<AuthUser> {
    const parsed = TokenClaimsSchema.safeParse(rawClaims);
    if (!parsed.success) {
      const noExp = typeof rawClaims === 'object' && rawClaims !== null && !('exp' in rawClaims);
      throw new DomainError('UNAUTHENTICATED', noExp ? 'Invalid token: it has no expiry' : 'Invalid token');
    }
    const claims = parsed.data;
    const state = await findUserAuthState(this.dataSource, claims.sub);
    const refusal = tokenRefusal(claims, state);
    if (refusal || !state) throw new DomainError('UNAUTHENTICATED', refusal ?? 'Invalid token');
    return {
      userId: state.id,
      organizationId: state.organizationId,
      username: state.username,
      role: state.role,
      platformRoles: platformRolesOf(state.username, this.config),
    };
  }
}
