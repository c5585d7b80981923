import type { Redis } from 'ioredis';

export interface WorkerHeartbeat {
  workerId: string;
  hostname: string;
  pid: number;
  startedAt: string;
  lastSeen: string;
  concurrency: number;
  busy: number;
  idle: number;
  processed: number;
  failed: number;
}

/** Seconds a heartbeat lives: a worker that stops beating disappears from the summary within this. */
export const HEARTBEAT_TTL_SECONDS = 30;
export const HEARTBEAT_INTERVAL_MS = 10_000;

export const heartbeatKey = (queuePrefix: string, workerId: string) => `${queuePrefix}:workers:${workerId}`;

export async function writeHeartbeat(redis: Redis, queuePrefix: string, beat: WorkerHeartbeat): Promise<void> {
  await redis.set(heartbeatKey(queuePrefix, beat.workerId), JSON.stringify(beat), 'EX', HEARTBEAT_TTL_SECONDS);
}

export async function removeHeartbeat(redis: Redis, queuePrefix: string, workerId: string): Promise<void> {
  await redis.del(heartbeatKey(queuePrefix, workerId));
}

/** Every live worker's last heartbeat (SCAN over the workers' keys; a handful of keys). */
export async function readHeartbeats(redis: Redis, queuePrefix: string): Promise<WorkerHeartbeat[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', heartbeatKey(queuePrefix, '*'), 'COUNT', 200);
    cursor = next;
    keys.push(...found);
  } while (cursor !== '0');
  if (keys.length === 0) return [];
  const values = await redis.mget(...keys);
  return values
    .filter((value): value is string => value !== null)
    .map((value) => JSON.parse(value) as WorkerHeartbeat)
    .sort((a, b) => a.workerId.localeCompare(b.workerId));
}
