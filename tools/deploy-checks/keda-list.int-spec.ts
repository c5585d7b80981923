import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { redisConnectionFromUrl } from '@invoice/config';
import { JOBS, OCR_JOB_OPTIONS, QUEUES, type OcrJobPayload } from '@invoice/contracts';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueQueuePrefix } from '@invoice/testing';
import { readYamlDocuments } from './repo-files.js';

interface Manifest {
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  spec?: { triggers?: { type: string; metadata: Record<string, string> }[] };
}

/**
 * The KEDA ScaledObject watches one Redis list to scale the OCR workers. This checks, against a
 * live Redis, that the list it names is the one BullMQ really pushes the OCR queue's waiting jobs
 * to (with the product's own job options), under the prefix the ConfigMap gives the apps.
 */
describe('KEDA listName in k8s/ is the list BullMQ uses for waiting OCR jobs (live Redis)', () => {
  const configMap = readYamlDocuments<Manifest>('k8s/configmap.yaml').find((m) => m.kind === 'ConfigMap')!;
  const scaledObject = readYamlDocuments<Manifest>('k8s/ocr-worker.yaml').find((m) => m.kind === 'ScaledObject')!;
  const configuredPrefix = configMap.data!.QUEUE_PREFIX!;
  const listName = scaledObject.spec!.triggers!.find((t) => t.type === 'redis')!.metadata.listName!;

  // The same layout under a prefix of the test's own, so no real deployment's keys are touched.
  const prefix = uniqueQueuePrefix('keda');
  const expectedKey = `${prefix}${listName.slice(configuredPrefix.length)}`;
  let queue: Queue;
  let redis: Redis;

  beforeAll(() => {
    queue = new Queue(QUEUES.OCR, { prefix, connection: redisConnectionFromUrl(TEST_REDIS_URL) });
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  });

  afterAll(async () => {
    await queue?.close();
    redis?.disconnect();
    await deleteRedisPrefix(prefix);
  });

  it('names the list under the ConfigMap prefix', () => {
    expect(listName.startsWith(`${configuredPrefix}:`)).toBe(true);
  });

  it('is the list that holds every waiting job, and only waiting jobs', async () => {
    const payload = (): OcrJobPayload => ({ documentId: randomUUID(), organizationId: randomUUID() });
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const jobId of ids) await queue.add(JOBS.OCR_DOCUMENT, payload(), { ...OCR_JOB_OPTIONS, jobId });

    expect(await redis.type(expectedKey)).toBe('list');
    expect(await redis.llen(expectedKey)).toBe(ids.length);
    expect((await redis.lrange(expectedKey, 0, -1)).sort()).toEqual([...ids].sort());
    expect(await queue.getWaitingCount()).toBe(ids.length);

    // No other list under the prefix holds them: KEDA watching this one sees the whole backlog.
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      keys.push(...found);
    } while (cursor !== '0');
    const lists: string[] = [];
    for (const key of keys) if ((await redis.type(key)) === 'list' && (await redis.llen(key)) > 0) lists.push(key);
    expect(lists).toEqual([expectedKey]);

    // A job taken by a worker leaves the list (LLEN counts waiting jobs, not jobs in hand).
    const job = await queue.getJob(ids[0]!);
    const token = randomUUID();
    const worker = new Worker(QUEUES.OCR, null, { prefix, connection: redisConnectionFromUrl(TEST_REDIS_URL), autorun: false });
    try {
      const taken = await worker.getNextJob(token);
      expect(taken?.id).toBe(job!.id);
      expect(await redis.llen(expectedKey)).toBe(ids.length - 1);
    } finally {
      await worker.close(true);
    }
  });
});
