import { Body, Controller, HttpCode, Ip, Post, Put, Redirect, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  ChangePasswordRequestSchema,
  LoginFormSchema,
  LoginRequestSchema,
  SESSION_COOKIE,
  type AuthUser,
  type ChangePasswordRequest,
  type LoginForm,
  type LoginRequest,
  type TokenResponse,
} from '@invoice/contracts';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { BEARER } from '../openapi/openapi.setup.js';
import { ApiErrors, TokenResponseSchema } from '../openapi/response.schemas.js';
import { ApiZodBody, ApiZodResponse } from '../openapi/zod-openapi.js';
import { UsersService } from '../users/users.service.js';
import { CurrentUser, Public } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import { JsonOnlyGuard } from './json-only.guard.js';
import { LoginRateGuard } from './login-rate.guard.js';
import { LoginFormFilter } from './login-form.filter.js';
import { LoginFormGuard } from './login-form.guard.js';
import { DEFAULT_RETURN_PATH, returnPath } from './login-form.js';
import { throttleAddress } from './client-address.js';
import { readCookie, sessionCookieOptions } from './session.cookie.js';
import { SessionService, type SessionCookie } from './session.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly sessions: SessionService,
  ) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  @UseGuards(JsonOnlyGuard, LoginRateGuard)
  @ApiOperation({
    summary: 'Log in: a bearer token for a username and password (no token needed; JSON only)',
    description:
      'Repeated failures lock the username and client address for a time that doubles with each further failure: 429 with Retry-After.',
  })
  @ApiZodBody(LoginRequestSchema, { username: 'admin', password: 'admin' })
  @ApiZodResponse(200, TokenResponseSchema, {
    access_token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…',
    token_type: 'Bearer',
    expires_in: 3600,
  })
  @ApiErrors(400, 401, 415, 429)
  token(@Body({ schema: LoginRequestSchema }) body: LoginRequest, @Ip() ip: string): Promise<TokenResponse> {
    return this.auth.issueToken(body, throttleAddress(ip));
  }

  @Public()
  @Post('session')
  @HttpCode(200)
  @UseGuards(JsonOnlyGuard, LoginRateGuard)
  @ApiOperation({
    summary: "Log in for a browser session: a bearer token, and the session's refresh token in an httpOnly cookie",
    description:
      `Like POST /api/auth/token (same back-off), and also sets the cookie ${SESSION_COOKIE} (httpOnly, SameSite=Strict, Path=/api/auth, Secure over HTTPS) ` +
      'that POST /api/auth/refresh exchanges for a new bearer token. The web app logs in this way, so every tab of the browser shares the session.',
  })
  @ApiZodBody(LoginRequestSchema, { username: 'admin', password: 'admin' })
  @ApiZodResponse(200, TokenResponseSchema, {
    access_token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…',
    token_type: 'Bearer',
    expires_in: 3600,
  })
  @ApiErrors(400, 401, 415, 429)
  async session(
    @Body({ schema: LoginRequestSchema }) body: LoginRequest,
    @Ip() ip: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokenResponse> {
    const { tokens, cookie } = await this.sessions.start(await this.auth.authenticate(body, throttleAddress(ip)));
    setSessionCookie(req, res, cookie);
    return tokens;
  }

  @Public()
  @Post('login-form')
  @Redirect(DEFAULT_RETURN_PATH, 303)
  @UseGuards(LoginFormGuard, LoginRateGuard)
  @UseFilters(LoginFormFilter)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiOperation({
    summary: "Log in from the web app's HTML login form (urlencoded, from this site's pages only): the session cookie, then a redirect",
    description:
      `What the login page's form posts before the app's scripts run. Like POST /api/auth/session (same back-off, same cookie ${SESSION_COOKIE}), ` +
      'without a bearer token in the answer: 303 to `from` (a local path, else /demo), where the app takes its token from the cookie. ' +
      'Wrong credentials or a missing field: 303 to /login#login-failed; too many attempts: 303 to /login#login-throttled (both keep `from`). ' +
      'A post from another site (Sec-Fetch-Site, else Origin) is refused with 403.',
  })
  @ApiZodBody(LoginFormSchema, { username: 'admin', password: 'admin', from: '/invoices' })
  @ApiResponse({
    status: 303,
    description: 'Logged in (Location: the page asked for), or refused (Location: the login page with the reason as fragment)',
  })
  @ApiErrors(403, 415)
  async loginForm(
    @Body({ schema: LoginFormSchema }) body: LoginForm,
    @Ip() ip: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ url: string }> {
    const { cookie } = await this.sessions.start(await this.auth.authenticate(body, throttleAddress(ip)));
    setSessionCookie(req, res, cookie);
    return { url: returnPath(body.from) };
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @UseGuards(JsonOnlyGuard)
  @ApiOperation({
    summary: 'Refresh a browser session: a new bearer token for the session cookie, which is rotated',
    description:
      `Reads the cookie ${SESSION_COOKIE} (send an empty JSON body \`{}\`). Each refresh token works once: the answer sets the next one. ` +
      'A token used twice revokes the whole session; a password or role change, "log out everywhere" and deactivation end it too. ' +
      'A 401 says why in `details.session` (missing, unknown, reused, revoked, expired, user) and clears the cookie.',
  })
  @ApiZodResponse(200, TokenResponseSchema, {
    access_token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…',
    token_type: 'Bearer',
    expires_in: 3600,
  })
  @ApiErrors(401, 415)
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<TokenResponse> {
    try {
      const { tokens, cookie } = await this.sessions.refresh(readCookie(req.headers.cookie, SESSION_COOKIE));
      setSessionCookie(req, res, cookie);
      return tokens;
    } catch (error) {
      res.clearCookie(SESSION_COOKIE, sessionCookieOptions(req.secure));
      throw error;
    }
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Log out of a browser session: its refresh tokens are revoked and the cookie cleared (bearer tokens already issued run to their expiry)',
  })
  @ApiResponse({ status: 204, description: 'Logged out' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.sessions.end(readCookie(req.headers.cookie, SESSION_COOKIE));
    res.clearCookie(SESSION_COOKIE, sessionCookieOptions(req.secure));
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
  async changePassword(
    @CurrentUser() user: AuthUser,
    @Body({ schema: ChangePasswordRequestSchema }) body: ChangePasswordRequest,
    @Ip() ip: string,
  ): Promise<void> {
    await this.auth.changePassword(user, body, throttleAddress(ip));
  }
}

function setSessionCookie(req: Request, res: Response, cookie: SessionCookie): void {
  // Whole seconds, rounded up: the cookie lasts as long as its token.
  const maxAgeMs = Math.ceil((cookie.expiresAt.getTime() - Date.now()) / 1000) * 1000;
  res.cookie(SESSION_COOKIE, cookie.value, sessionCookieOptions(req.secure, maxAgeMs));
}
