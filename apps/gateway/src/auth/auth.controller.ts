import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { LoginRequestSchema, type LoginRequest, type TokenResponse } from '@invoice/contracts';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, TokenResponseSchema } from '../openapi/response.schemas.js';
import { ApiZodBody, ApiZodResponse } from '../openapi/zod-openapi.js';
import { Public } from './auth.decorators.js';
import { AuthService } from './auth.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in: a bearer token for a username and password (no token needed)' })
  @ApiZodBody(LoginRequestSchema, { username: 'admin', password: 'admin' })
  @ApiZodResponse(200, TokenResponseSchema, { access_token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…', token_type: 'Bearer', expires_in: 3600 })
  @ApiErrors(400, 401)
  token(@Body({ schema: LoginRequestSchema }) body: LoginRequest): Promise<TokenResponse> {
    return this.auth.issueToken(body);
  }
}
