import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError, type LoginRequest, type TokenResponse } from '@invoice/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';
import { UsersService } from '../users/users.service.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async issueToken({ username, password }: LoginRequest): Promise<TokenResponse> {
    const user = await this.users.verifyCredentials(username, password);
    if (!user) throw new DomainError('UNAUTHENTICATED', 'Invalid username or password');
    const access_token = await this.jwt.signAsync({
      sub: user.id,
      org: user.organizationId,
      username: user.username,
      role: user.role,
    });
    return { access_token, token_type: 'Bearer', expires_in: this.config.JWT_EXPIRES_IN_SECONDS };
  }
}
