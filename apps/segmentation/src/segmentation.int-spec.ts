import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue, QueueEvents } from 'bullmq';
import { redisConnectionFromUrl } from '@invoice/config';
import { JOBS, QUEUES, SEGMENTATION_SCHEDULER_ID, segmentationCounterKey } from '@invoice/contracts';
import { OpsServerHost, RedisClient } from '@invoice/monitoring';
import { SegmentationRunService } from './runs/segmentation-run.service.js';
import { latestSucceededRuns, runRfmSegments, runSegments, segmentMovements } from '@invoice/database';
import { RFM_SEGMENTS } from '@invoice/segmentation';
import {
  createTestDatabase,
  deleteRedisPrefix,
  seedInvoice,
  seedOrganization,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  type TestDatabase,
} from '@invoice/testing';
import { createSegmentationService } from './bootstrap.js';
import { loadSegmentationConfig } from './config/segmentation.config.js';

const REFERENCE = '2024-12-31';
const daysBefore = (days: number) => new Date(Date.parse(REFERENCE) - days * 86_400_000).toISOString().slice(0, 10);

describe('segmentation service (real Postgres and Redis)', () => {
  let db: TestDatabase;
  let prefix: string;
  let queue: Queue;
  let events: QueueEvents;
  let services: INestApplicationContext[] = [];
  let org: string;

  beforeAll(async () => {
    db = await createTestDatabase('segmentation');
    prefix = uniqueQueuePrefix('segmentation');
    const connection = redisConnectionFromUrl(TEST_REDIS_URL);
    queue = new Queue(QUEUES.SEGMENTATION, { connection, prefix });
    events = new QueueEvents(QUEUES.SEGMENTATION, { connection, prefix });
    org = await seedOrganization(db.dataSource, 'Segmented org');
    // Three kinds of customers: regular big buyers, one-off small buyers long ago, recent first-time buyers.
    for (let c = 0; c < 6; c++) {
      for (let i = 0; i < 12; i++) {
        await seedInvoice(db.dataSource, {
          organizationId: org,
          customerKey: `id:${100 + c}`,
          customerName: `Big ${c}`,
          customerCategory: 'A',
          issueDate: daysBefore(5 + i * 30),
          total: 900 + c * 10,
        });
      }
    }
    for (let c = 0; c < 6; c++) {
      await seedInvoice(db.dataSource, {
        organizationId: org,
        customerKey: `id:${200 + c}`,
        customerName: `Gone ${c}`,
        customerCategory: 'E',
        issueDate: daysBefore(600 + c * 10),
        total: 20 + c,
      });
    }
    for (let c = 0; c < 6; c++) {
      await seedInvoice(db.dataSource, {
        organizationId: org,
        customerKey: `email:new${c}@x.org`,
        issueDate: daysBefore(3 + c),
        total: 60 + c,
      });
    }
    const { config } = loadSegmentationConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.url,
      QUEUE_PREFIX: prefix,
      PORT: '0',
    });
    // Two replicas, as in production.
    services = [await createSegmentationService(config), await createSegmentationService(config)];
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.close()));
    await events?.close();
    await queue?.close();
    await db?.drop();
    await deleteRedisPrefix(prefix);
  });

  async function runNow(): Promise<void> {
    const job = await queue.add(JOBS.SEGMENTATION_RUN, { organizationId: org, trigger: 'manual', referenceDate: REFERENCE });
    await job.waitUntilFinished(events, 60_000);
  }

  it('keeps one schedule however many replicas start', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toEqual([SEGMENTATION_SCHEDULER_ID]);
    expect(schedulers[0]).toMatchObject({ pattern: '0 * * * *' });
  });

  it('segments customers by RFM, names the segments, and stores the run', async () => {
    const { redis } = services[0]!.get(RedisClient);
    await redis.set(segmentationCounterKey(prefix, org), '250');
    await runNow();
    // Invoices accepted before this run no longer count towards the next invoice-triggered one.
    expect(await redis.get(segmentationCounterKey(prefix, org))).toBeNull();
    const [run] = await latestSucceededRuns(db.dataSource, org, 1);
    expect(run).toMatchObject({
      status: 'succeeded',
      trigger: 'manual',
      referenceDate: REFERENCE,
      currency: 'EUR',
      customers: 18,
      invoices: 84,
    });
    expect(run!.k).toBeGreaterThanOrEqual(2);
    expect(run!.silhouette).toBeGreaterThan(0.3);

    const customers: { customer_key: string; segment: string; recency_days: number; frequency: number; monetary: string }[] =
      await db.dataSource.query(
        `SELECT customer_key, segment, recency_days, frequency, monetary FROM customer_segments WHERE run_id = $1`,
        [run!.id],
      );
    const segmentOf = (key: string) => customers.find((c) => c.customer_key === key)!.segment;
    expect(customers.find((c) => c.customer_key === 'id:100')).toMatchObject({ recency_days: 5, frequency: 12, monetary: '10800.00' });
    // Each kind of customer lands together, and apart from the other kinds.
    const kinds = [0, 1, 2, 3, 4, 5].map((c) => [segmentOf(`id:${100 + c}`), segmentOf(`id:${200 + c}`), segmentOf(`email:new${c}@x.org`)]);
    expect(new Set(kinds.map((k) => k[0])).size).toBe(1);
    expect(new Set(kinds.map((k) => k[1])).size).toBe(1);
    expect(new Set(kinds.map((k) => k[2])).size).toBe(1);
    expect(new Set(kinds[0]).size).toBe(3);
    // The big buyers buy often (F 5) but the first-time buyers are more recent: R 4, the Loyal cell of the grid.
    expect(segmentOf('id:100')).toBe('Loyal');
    expect(segmentOf('id:200')).toBe('Lost');

    const segments = await runSegments(db.dataSource, run!.id);
    expect(segments.reduce((sum, s) => sum + s.size, 0)).toBe(18);
    expect(segments.reduce((sum, s) => sum + s.revenueShare, 0)).toBeCloseTo(1, 6);
    const loyal = segments.find((s) => s.label === 'Loyal')!;
    expect(loyal.centroid.frequency).toBeCloseTo(12, 0);
    expect(new Set(segments.map((s) => s.label)).size).toBe(segments.length);
    // Both views and the criteria of every k are stored with the run.
    expect(run!.criteria.map((c) => c.k)).toEqual(Array.from({ length: run!.criteria.length }, (_, i) => i + 2));
    expect(run!.criteria.every((c) => c.daviesBouldin !== null && c.stability !== null)).toBe(true);
    expect(['clear', 'weak']).toContain(run!.structure);
    const grid = await runRfmSegments(db.dataSource, run!.id, RFM_SEGMENTS);
    expect(grid.reduce((sum, s) => sum + s.size, 0)).toBe(18);
    // The six one-off buyers of long ago are the oldest third: R 1 (Lost) or R 2 (Hibernating) by quintile, F 1.
    const gridOf: { customer_key: string; rfm_segment: string }[] = await db.dataSource.query(
      `SELECT customer_key, rfm_segment FROM customer_segments WHERE run_id = $1 AND customer_key LIKE 'id:2%'`,
      [run!.id],
    );
    expect(gridOf).toHaveLength(6);
    for (const row of gridOf) expect(['Lost', 'Hibernating']).toContain(row.rfm_segment);
  });

  it('tells how many customers moved between segments from one run to the next', async () => {
    // One big buyer stops buying: remove their recent invoices by moving them two years back.
    await db.dataSource.query(`UPDATE invoices SET issue_date = issue_date - 730 WHERE customer_key = 'id:105'`);
    await runNow();
    const [current, previous] = await latestSucceededRuns(db.dataSource, org, 2);
    const movements = await segmentMovements(db.dataSource, previous!.id, current!.id);
    expect(movements).toContainEqual(expect.objectContaining({ from: 'Loyal', customers: 1 }));
    expect(movements.reduce((sum, m) => sum + m.customers, 0)).toBeGreaterThanOrEqual(1);
  });

  it('runs the schedule for every organization, and one failing organization does not stop the others', async () => {
    const broken = await seedOrganization(db.dataSource, 'Org with one bad invoice');
    await seedInvoice(db.dataSource, { organizationId: broken, customerKey: 'id:1', issueDate: daysBefore(3), total: 10 });
    // A total Postgres accepts but the clustering refuses (not finite) makes that organization's run fail.
    await db.dataSource.query(`UPDATE invoices SET total = 'NaN' WHERE organization_id = $1`, [broken]);
    const job = await queue.add(JOBS.SEGMENTATION_RUN, { trigger: 'schedule', referenceDate: REFERENCE });
    const outcomes = (await job.waitUntilFinished(events, 60_000)) as { organizationId: string; status: string }[];
    expect(outcomes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ organizationId: org, status: 'succeeded' }),
        expect.objectContaining({ organizationId: broken, status: 'failed' }),
      ]),
    );
    const [failed] = await db.dataSource.query(`SELECT status, error FROM segmentation_runs WHERE organization_id = $1`, [broken]);
    expect(failed.status).toBe('failed');
    expect(failed.error).toBeTruthy();
  });

  it('closes runs that a killed process left running', async () => {
    await db.dataSource.query(
      `INSERT INTO segmentation_runs (id, organization_id, status, trigger, reference_date, started_at) VALUES ('b1111111-1111-4111-8111-111111111111', $1, 'running', 'schedule', $2, now() - interval '2 hours')`,
      [org, REFERENCE],
    );
    await services[0]!.get(SegmentationRunService).onApplicationBootstrap();
    const [row] = await db.dataSource.query(
      `SELECT status, error FROM segmentation_runs WHERE id = 'b1111111-1111-4111-8111-111111111111'`,
    );
    expect(row).toEqual({ status: 'failed', error: 'interrupted: the process stopped during the run' });
  });

  it('exports its metrics and health on its own port', async () => {
    const port = services[0]!.get(OpsServerHost).port;
    expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const scraped = await Promise.all(
      services.map(async (s) => (await fetch(`http://127.0.0.1:${s.get(OpsServerHost).port}/metrics`)).text()),
    );
    const succeeded = scraped
      .map((t) => Number(t.match(/invoice_ocr_segmentation_runs_total\{status="succeeded"[^}]*\} (\d+)/)?.[1] ?? 0))
      .reduce((a, b) => a + b, 0);
    expect(succeeded).toBe(3); // two manual runs and the scheduled run of the good organization
    expect(scraped.join('\n')).toMatch(/invoice_ocr_segmentation_runs_total\{status="failed"[^}]*\} 1/);
    expect(text).toContain('invoice_ocr_segmentation_last_success_timestamp_seconds');
  });
});
