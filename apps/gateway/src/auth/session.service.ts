import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, type SessionEndReason, type TokenResponse } from '@invoice/contracts';
import {
  consumeRefreshToken,
  deleteEndedRefreshTokens,
  findRefreshFamily,
  findUserAuthState,
  insertRefreshToken,
  revokeRefreshFamily,
} from '@invoice/database';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';
import { AuthService, type TokenUser } from './auth.service.js';

/** A session's next refresh token (for the cookie) and when it expires. */
export interface SessionCookie {
  value: string;
  expiresAt: Date;
}

export const hashRefreshToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A 401 that tells the web app why the session ended (`details.session`). */
export function sessionEnded(reason: SessionEndReason): DomainError {
  const messages: Record<SessionEndReason, string> = {
    missing: 'No session: log in',
    unknown: 'Session unknown: log in again',
    reused: 'Session ended: its refresh token was used twice (copied?); log in again',
    revoked: 'Session ended: logged out; log in again',
    expired: 'Session expired: log in again',
    user: 'Session ended: password or role changed, logged out everywhere, or user deactivated; log in again',
  };
  return new DomainError('UNAUTHENTICATED', messages[reason], { session: reason });
}

/**
 * Browser sessions behind the web app's httpOnly cookie. A login starts a family of refresh tokens;
 * each refresh uses the presented token once and hands out the next one (rotation), with a new access
 * token. Tokens are stored as their SHA-256 only. A used token presented again (a stolen copy, or the
 * victim after the thief) revokes the whole family. A refresh also checks the user's row: a token
 * version changed since the login (password or role change, "log out everywhere", deactivation)
 * ends the session, as it revokes access tokens.
 */
@Injectable()
export class SessionService {
  private readonly logger = new Logger(SessionService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    @Inject(GATEWAY_CONFIG) private readonly config: Pick<GatewayConfig, 'SESSION_IDLE_SECONDS' | 'SESSION_MAX_SECONDS'>,
  ) {}

  /** A new session for a user who just logged in. */
  async start(user: TokenUser): Promise<{ tokens: TokenResponse; cookie: SessionCookie }> {
    await deleteEndedRefreshTokens(this.dataSource);
    const sessionExpiresAt = new Date(Date.now() + this.config.SESSION_MAX_SECONDS * 1000);
    const cookie = await this.issue(user, randomUUID(), user.tokenVersion, sessionExpiresAt);
    return { tokens: await this.auth.accessToken(user), cookie };
  }

  /** Rotates the session's refresh token and answers a fresh access token; a 401 with the reason otherwise. */
  async refresh(presented: string | null): Promise<{ tokens: TokenResponse; cookie: SessionCookie }> {
    if (!presented) throw sessionEnded('missing');
    const used = await consumeRefreshToken(this.dataSource, hashRefreshToken(presented));
    if ('refusal' in used) {
      if (used.refusal === 'reused' && used.familyId) {
        await revokeRefreshFamily(this.dataSource, used.familyId);
        this.logger.warn({ familyId: used.familyId }, 'refresh token used twice: session revoked');
      }
      throw sessionEnded(used.refusal);
    }
    const { token } = used;
    const state = await findUserAuthState(this.dataSource, token.userId);
    if (!state || !state.active || state.tokenVersion !== token.tokenVersion || state.organizationId !== token.organizationId) {
      await revokeRefreshFamily(this.dataSource, token.familyId);
      throw sessionEnded('user');
    }
    const cookie = await this.issue(state, token.familyId, token.tokenVersion, token.sessionExpiresAt);
    return { tokens: await this.auth.accessToken(state), cookie };
  }

  /** Logging out ends the session of the presented token (nothing to do without one). */
  async end(presented: string | null): Promise<void> {
    const familyId = presented ? await findRefreshFamily(this.dataSource, hashRefreshToken(presented)) : null;
    if (familyId) await revokeRefreshFamily(this.dataSource, familyId);
  }

  private async issue(
    user: Pick<TokenUser, 'id' | 'organizationId'>,
    familyId: string,
    tokenVersion: number,
    sessionExpiresAt: Date,
  ): Promise<SessionCookie> {
    const value = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Math.min(Date.now() + this.config.SESSION_IDLE_SECONDS * 1000, sessionExpiresAt.getTime()));
    await insertRefreshToken(this.dataSource, {
      id: randomUUID(),
      organizationId: user.organizationId,
      userId: user.id,
      familyId,
      tokenHash: hashRefreshToken(value),
      tokenVersion,
      expiresAt,
      sessionExpiresAt,
    });
    return { value, expiresAt };
  }
}
