import { Redis } from 'ioredis';
import { TEST_REDIS_URL } from './test-database.js';

/** Deletes every key under a prefix (BullMQ keys are `<prefix>:<queue>:...`). */
export async function deleteRedisPrefix(prefix: string, url = TEST_REDIS_URL): Promise<number> {
  if (!prefix.startsWith('test-')) throw new Error(`Refusing to delete a prefix that is not a test prefix: ${prefix}`);
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
