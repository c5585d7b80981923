import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '@invoice/contracts';
import { RedisClient } from '@invoice/monitoring';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';
import { throttleAddress } from './client-address.js';

/** Too many requests in the current window; the error filter answers 429 with `Retry-After: seconds`. */
export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('TOO_MANY_REQUESTS', message);
  }
}

/** One fixed window per key, counted atomically in Redis (all gateway replicas together): [hits, ms left in the window]. */
const COUNT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { hits, redis.call('PTTL', KEYS[1]) }
`;

const WINDOW_MS = 60_000;

/**
 * Login requests per client address and minute (LOGIN_RATE_PER_MINUTE), whatever their outcome: a cap on
 * how fast one address can even ask, under the failed-login back-off of LoginAttemptsService.
 */
@Injectable()
export class LoginRateGuard implements CanActivate {
  private readonly logger = new Logger(LoginRateGuard.name);

  constructor(
    private readonly client: RedisClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = `${this.config.QUEUE_PREFIX}:login:rate:${throttleAddress(request.ip)}`;
    let counted: number[];
    try {
      counted = (await this.client.redis.eval(COUNT, 1, key, WINDOW_MS)) as number[];
    } catch (error) {
      // As the failed-login back-off: with Redis down, logins go on unlimited rather than not at all.
      this.logger.warn({ err: error }, 'login rate limit skipped: Redis unavailable');
      return true;
    }
    const [hits = 0, windowMs = WINDOW_MS] = counted;
    const limit = this.config.LOGIN_RATE_PER_MINUTE;
    response.setHeader('ratelimit-limit', String(limit));
    response.setHeader('ratelimit-remaining', String(Math.max(0, limit - hits)));
    if (hits > limit) {
      const seconds = Math.max(1, Math.ceil(windowMs / 1000));
      throw new RateLimitedError(`Too many login requests from this address: try again in ${seconds} s`, seconds);
    }
    return true;
  }
}
