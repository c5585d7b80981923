import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  DomainError,
  type AuthUser,
  type ChangePasswordRequest,
  type LoginRequest,
  type Role,
  type TokenClaims,
  type TokenResponse,
} from '@invoice/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';
import { UsersService } from '../users/users.service.js';
import { LoginAttemptsService } from './login-attempts.service.js';

/** What an access token is signed from: the user's row as it is now. */
export interface TokenUser {
  id: string;
  organizationId: string;
  username: string;
  role: Role;
  tokenVersion: number;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly attempts: LoginAttemptsService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** A token for the right password, unless this username or address is locked by earlier failures (429 with Retry-After). */
  async issueToken(request: LoginRequest, clientAddress: string): Promise<TokenResponse> {
    return this.accessToken(await this.authenticate(request, clientAddress));
  }

  /** The user a username and password name, under the login back-off (a wrong one is a 401, a locked one a 429). */
  async authenticate({ username, password }: LoginRequest, clientAddress: string): Promise<TokenUser> {
    await this.attempts.assertAllowed(username, clientAddress);
    const user = await this.users.verifyCredentials(username, password);
    if (!user) {
      await this.attempts.recordFailure(username, clientAddress);
      throw new DomainError('UNAUTHENTICATED', 'Invalid username or password');
    }
    await this.attempts.recordSuccess(username, clientAddress);
    return user;
  }

  /** A signed access token carrying the user's current token version. */
  async accessToken(user: TokenUser): Promise<TokenResponse> {
    const claims: Omit<TokenClaims, 'exp' | 'iat'> = {
      sub: user.id,
      org: user.organizationId,
      username: user.username,
      role: user.role,
      ver: user.tokenVersion,
    };
    const access_token = await this.jwt.signAsync(claims);
    return { access_token, token_type: 'Bearer', expires_in: this.config.JWT_EXPIRES_IN_SECONDS };
  }

  /** A password change checks the current password under the same back-off as a login (a stolen token must not guess it). */
  async changePassword(user: AuthUser, request: ChangePasswordRequest, clientAddress: string): Promise<void> {
    await this.attempts.assertAllowed(user.username, clientAddress);
    if (!(await this.users.verifyCredentials(user.username, request.currentPassword))) {
      await this.attempts.recordFailure(user.username, clientAddress);
      throw new DomainError('VALIDATION_FAILED', 'currentPassword is not the current password');
    }
    await this.users.setPassword(user, request.newPassword);
  }
}
