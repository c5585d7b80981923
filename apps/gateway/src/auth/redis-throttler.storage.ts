import { Inject, Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { RedisClient } from '@invoice/monitoring';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';

/**
 * Fixed window per key, with a block once the limit is passed; atomic in one script, so every gateway
 * replica sharing the Redis counts together. Answers [hits, ms left in the window, blocked 0/1, ms left blocked].
 */
const INCREMENT = `
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then
  return { tonumber(redis.call('GET', KEYS[1]) or '0'), math.max(redis.call('PTTL', KEYS[1]), 0), 1, blocked }
end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return { hits, ttl, 1, tonumber(ARGV[3]) }
end
return { hits, ttl, 0, 0 }
`;

/** @nestjs/throttler's storage on Redis, under `<QUEUE_PREFIX>:throttle:` (tests run on their own prefix). */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly prefix: string;

  constructor(
    private readonly client: RedisClient,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.prefix = `${config.QUEUE_PREFIX}:throttle`;
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    const base = `${this.prefix}:${throttlerName}:${key}`;
    const [totalHits, windowMs, isBlocked, blockMs] = (await this.client.redis.eval(INCREMENT, 2, `${base}:hits`, `${base}:block`, ttl, limit, blockDuration)) as number[];
    return {
      totalHits: totalHits ?? 0,
      timeToExpire: Math.ceil((windowMs ?? 0) / 1000),
      isBlocked: isBlocked === 1,
      timeToBlockExpire: Math.ceil((blockMs ?? 0) / 1000),
    };
  }
}
