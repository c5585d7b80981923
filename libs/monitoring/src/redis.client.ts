import { Redis } from 'ioredis';
import { redisConnectionFromUrl } from '@invoice/config';

/**
 * One plain Redis connection for a process's own keys (heartbeats, counters); BullMQ keeps its own.
 * Provide it with a factory from the app's config; it disconnects when the application shuts down.
 */
export class RedisClient {
  readonly redis: Redis;

  constructor(url: string) {
    this.redis = new Redis({ ...redisConnectionFromUrl(url), maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined); // callers report their failed commands
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
