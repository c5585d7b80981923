import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { LoginRequestSchema, type LoginRequest, type TokenResponse } from '@invoice/contracts';
import { Public } from './auth.decorators.js';
import { AuthService } from './auth.service.js';

@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  token(@Body({ schema: LoginRequestSchema }) body: LoginRequest): Promise<TokenResponse> {
    return this.auth.issueToken(body);
  }
}
