import type { INestApplicationContext } from '@nestjs/common';
import { createTestDatabase, deleteRedisPrefix, uniqueQueuePrefix, type TestDatabase } from '@invoice/testing';
import { createWorker } from '../bootstrap.js';
import { loadWorkerConfig, type WorkerConfig } from '../config/worker.config.js';

/**
 * The worker's settings in a test: quiet logs, no HTTP port, one OCR job at a time and the periodic
 * reconcile pass out of the way (a test that needs it runs it by hand), then `overrides` (at least
 * DATABASE_URL and QUEUE_PREFIX).
 */
export function testWorkerConfig(overrides: Record<string, string>): WorkerConfig {
  return loadWorkerConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    PORT: '0',
    OCR_CONCURRENCY: '1',
    RECONCILE_INTERVAL_MS: '3600000',
    ...overrides,
  }).config;
}

/** A worker on a database and a queue prefix of its own. */
export interface TestWorker {
  db: TestDatabase;
  prefix: string;
  worker: INestApplicationContext;
  /** Stops the worker, drops the database and removes the Redis keys. */
  close(): Promise<void>;
}

/** Starts a worker on a new test database and queue prefix named after `label`, with testWorkerConfig and `overrides`. */
export async function startTestWorker(label: string, overrides: Record<string, string> = {}): Promise<TestWorker> {
  const db = await createTestDatabase(label);
  const prefix = uniqueQueuePrefix(label);
  const worker = await createWorker(testWorkerConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix, ...overrides }));
  const close = async () => {
    await worker.close();
    await db.drop();
    await deleteRedisPrefix(prefix);
  };
  return { db, prefix, worker, close };
}
