import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MonitoringModule } from '../monitoring/monitoring.module.js';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { JwtAuthGuard } from './jwt-auth.guard.js';
import { LoginAttemptsService } from './login-attempts.service.js';
import { LoginRateGuard } from './login-rate.guard.js';
import { SessionService } from './session.service.js';
import { TokenCheckService } from './token-check.service.js';

/**
 * Log-in, sessions and the guard every route passes (a route opts out with `@Public()`). The login form's error
 * filter counts errors as every route does (HTTP_METRICS, from MonitoringModule).
 */
@Module({
  imports: [UsersModule, MonitoringModule],
  controllers: [AuthController],
  providers: [
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    AuthService,
    SessionService,
    TokenCheckService,
    LoginAttemptsService,
    LoginRateGuard,
  ],
})
export class AuthModule {}
