import type { Provider } from '@nestjs/common';
import { getOptionsToken, getStorageToken, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { GatewayConfig } from '../config/gateway.config.js';
import { LoginAttemptsService } from './login-attempts.service.js';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';

/**
 * What the login route's ThrottlerGuard needs (options, Redis storage) and the failed-login back-off.
 * The guard is applied per route (`@UseGuards(ThrottlerGuard)`), so other routes are not limited.
 */
export function loginThrottleProviders(config: GatewayConfig): Provider[] {
  const options: ThrottlerModuleOptions = {
    // "default" keeps the header names plain: Retry-After, X-RateLimit-Limit, ...
    throttlers: [{ name: 'default', ttl: 60_000, limit: config.LOGIN_RATE_PER_MINUTE }],
    errorMessage: 'Too many login requests from this address: wait for Retry-After seconds',
  };
  return [
    { provide: getOptionsToken(), useValue: options },
    RedisThrottlerStorage,
    { provide: getStorageToken(), useExisting: RedisThrottlerStorage },
    LoginAttemptsService,
  ];
}
