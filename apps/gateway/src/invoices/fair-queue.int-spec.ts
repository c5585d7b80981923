import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import request from 'supertest';
import { redisConnectionFromUrl } from '@invoice/config';
import { QUEUES, type OcrJobPayload } from '@invoice/contracts';
import { createTestDatabase, deleteRedisPrefix, TEST_REDIS_URL, uniqueQueuePrefix, type TestDatabase } from '@invoice/testing';
import { distinctPng, startGateway, testGatewayConfig, userToken } from '../testing/gateway.harness.js';

/**
 * Fair queueing through the real gateway and a real BullMQ worker: the worker here does nothing
 * but record the order it receives jobs in (the test is about order, not OCR).
 */
describe('fair queueing of OCR jobs (real Postgres and Redis, real BullMQ worker)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let prefix: string;
  let queue: Queue;
  let worker: Worker | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('fairqueue');
    prefix = uniqueQueuePrefix('fairqueue');
    app = await startGateway(testGatewayConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix, MAX_FILES_PER_REQUEST: '60' }));
    queue = new Queue(QUEUES.OCR, { connection: redisConnectionFromUrl(TEST_REDIS_URL), prefix });
  });

  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await app?.close();
    await db?.drop();
    await deleteRedisPrefix(prefix);
  });

  const upload = async (token: string, from: number, count: number) => {
    let req = request(app.getHttpServer())
      .post('/api/invoices')
      .set({ authorization: `Bearer ${token}` });
    for (let i = 0; i < count; i++) req = req.attach('files', await distinctPng(from + i), `f${from + i}.png`);
    const res = await req.expect(202);
    return res.body.jobs.map((j: { jobId: string }) => j.jobId) as string[];
  };

  it('interleaves organizations: a small batch after a big one is not starved, and a single upload goes first', async () => {
    const big = await userToken(app, 'Big org', 'big', 'uploader');
    const small = await userToken(app, 'Small org', 'small', 'uploader');
    const single = await userToken(app, 'Single org', 'single', 'uploader');
    const bigJobs = await upload(big, 0, 60);
    const smallJobs = await upload(small, 1000, 5);
    const singleJobs = await upload(single, 2000, 1);
    // Priorities: each organization's k-th pending document gets k.
    expect((await queue.getJob(bigJobs[59]!))?.opts.priority).toBe(60);
    expect((await queue.getJob(smallJobs[0]!))?.opts.priority).toBe(1);
    expect((await queue.getJob(singleJobs[0]!))?.opts.priority).toBe(1);

    const order: string[] = [];
    const allDone = new Promise<void>((resolve) => {
      worker = new Worker<OcrJobPayload>(
        QUEUES.OCR,
        async (job) => {
          order.push(job.id!);
          if (order.length === 66) resolve();
        },
        { connection: redisConnectionFromUrl(TEST_REDIS_URL), prefix, concurrency: 1 },
      );
    });
    await allDone;

    const position = (jobId: string) => order.indexOf(jobId);
    const lastSmall = Math.max(...smallJobs.map(position));
    const lastBig = Math.max(...bigJobs.map(position));
    // First in first out would put the small batch at positions 60-64 and the single upload at 65.
    expect(position(singleJobs[0]!)).toBeLessThan(3);
    expect(lastSmall).toBeLessThan(12);
    expect(lastBig).toBe(65);
    // Within an organization, upload order is kept.
    expect(bigJobs.map(position)).toEqual([...bigJobs.map(position)].sort((a, b) => a - b));
  });

  it('starts an organization with a backlog after its own queued documents', async () => {
    const small = await userToken(app, 'Small org', 'small', 'uploader');
    // The worker above did not touch Postgres: the small organization still has 5 queued documents.
    const [jobId] = await upload(small, 3000, 1);
    expect((await queue.getJob(jobId!))?.opts.priority).toBe(6);
  });
});
