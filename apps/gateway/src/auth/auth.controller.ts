import { Body, Controller, HttpCode, Ip, Post, Put, UseGuards } from '@nestjs/common';
import { ChangePasswordRequestSchema, LoginRequestSchema, type AuthUser, type ChangePasswordRequest, type LoginRequest, type TokenResponse } from '@invoice/contracts';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { BEARER } from '../openapi/openapi.setup.js';
import { ApiErrors, TokenResponseSchema } from '../openapi/response.schemas.js';
import { ApiZodBody, ApiZodResponse } from '../openapi/zod-openapi.js';
import { UsersService } from '../users/users.service.js';
import { CurrentUser, Public } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import { JsonOnlyGuard } from './json-only.guard.js';
import { LoginRateGuard } from './login-rate.guard.js';
import { throttleAddress } from './client-address.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  @UseGuards(JsonOnlyGuard, LoginRateGuard)
  @ApiOperation({
    summary: 'Log in: a bearer token for a username and password (no token needed; JSON only)',
    description: 'Repeated failures lock the username and client address for a time that doubles with each further failure: 429 with Retry-After.',
  })
  @ApiZodBody(LoginRequestSchema, { username: 'admin', password: 'admin' })
  @ApiZodResponse(200, TokenResponseSchema, { access_token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…', token_type: 'Bearer', expires_in: 3600 })
  @ApiErrors(400, 401, 415, 429)
  token(@Body({ schema: LoginRequestSchema }) body: LoginRequest, @Ip() ip: string): Promise<TokenResponse> {
    return this.auth.issueToken(body, throttleAddress(ip));
  }

  @Post('logout-everywhere')
  @HttpCode(204)
  @ApiBearerAuth(BEARER)
  @ApiOperation({ summary: 'Log out everywhere: every token issued to the caller so far stops working' })
  @ApiResponse({ status: 204, description: 'Revoked' })
  @ApiErrors(401)
  async logoutEverywhere(@CurrentUser() user: AuthUser): Promise<void> {
    await this.users.revokeTokens(user.userId);
  }

  @Put('password')
  @HttpCode(204)
  @UseGuards(JsonOnlyGuard)
  @ApiBearerAuth(BEARER)
  @ApiOperation({ summary: "Change the caller's password (at least 12 characters, not a common one); earlier tokens stop working" })
  @ApiZodBody(ChangePasswordRequestSchema, { currentPassword: 'the-old-password', newPassword: 'a-new-long-passphrase' })
  @ApiResponse({ status: 204, description: 'Changed: log in again' })
  @ApiErrors(400, 401, 415, 429)
  async changePassword(@CurrentUser() user: AuthUser, @Body({ schema: ChangePasswordRequestSchema }) body: ChangePasswordRequest, @Ip() ip: string): Promise<void> {
    await this.auth.changePassword(user, body, throttleAddress(ip));
  }
}
