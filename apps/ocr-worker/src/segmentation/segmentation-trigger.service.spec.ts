import { describe, expect, it } from '@jest/globals';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { RedisClient } from '@invoice/monitoring';
import type { WorkerConfig } from '../config/worker.config.js';
import { SegmentationTriggerService } from './segmentation-trigger.service.js';

/** The service against in-memory stand-ins of Redis (INCR), the queue and the runs table. */
function trigger(segmentedOrganizations: string[], threshold = 3) {
  const counters = new Map<string, number>();
  const added: { organizationId: string; delay: number }[] = [];
  let runQueries = 0;
  const redis = { incr: async (key: string) => counters.set(key, (counters.get(key) ?? 0) + 1).get(key)! };
  const queue = {
    add: async (_name: string, data: { organizationId: string }, opts: { delay: number }) =>
      added.push({ organizationId: data.organizationId, delay: opts.delay }),
  };
  const dataSource = {
    query: async (_sql: string, [organizationId]: [string]) => {
      runQueries++;
      return [{ segmented: segmentedOrganizations.includes(organizationId) }];
    },
  };
  const config = { QUEUE_PREFIX: 'p', SEGMENTATION_TRIGGER_INVOICES: threshold, SEGMENTATION_DEBOUNCE_MS: 60_000 } as WorkerConfig;
  const service = new SegmentationTriggerService(
    queue as unknown as Queue,
    config,
    { redis } as unknown as RedisClient,
    dataSource as unknown as DataSource,
  );
  return { service, added, queries: () => runQueries, segmentedOrganizations };
}

const NEW_ORG = '0e4c1d8a-7b7e-4a51-9f0e-3c2b1a000001';
const OLD_ORG = '0e4c1d8a-7b7e-4a51-9f0e-3c2b1a000002';
const ORG = '0e4c1d8a-7b7e-4a51-9f0e-3c2b1a000003';

describe('SegmentationTriggerService', () => {
  it('asks for a run from the first accepted invoice of an organization never segmented', async () => {
    const { service, added } = trigger([]);
    await expect(service.invoiceAccepted(NEW_ORG)).resolves.toBe(true);
    await expect(service.invoiceAccepted(NEW_ORG)).resolves.toBe(true);
    // Each ask is the same debounced job (deduplicated by the queue), pushed back by the debounce.
    expect(added).toEqual([
      { organizationId: NEW_ORG, delay: 60_000 },
      { organizationId: NEW_ORG, delay: 60_000 },
    ]);
  });

  it('waits for the threshold once the organization has segmented customers, and remembers that', async () => {
    const { service, added, queries } = trigger([OLD_ORG]);
    await expect(service.invoiceAccepted(OLD_ORG)).resolves.toBe(false);
    await expect(service.invoiceAccepted(OLD_ORG)).resolves.toBe(false);
    await expect(service.invoiceAccepted(OLD_ORG)).resolves.toBe(true);
    expect(added).toEqual([{ organizationId: OLD_ORG, delay: 60_000 }]);
    // Asked Postgres once; the answer cannot change back.
    expect(queries()).toBe(1);
  });

  it('keeps asking until a run has segmented customers', async () => {
    const { service, added, segmentedOrganizations } = trigger([]);
    await service.invoiceAccepted(ORG);
    segmentedOrganizations.push(ORG);
    await expect(service.invoiceAccepted(ORG)).resolves.toBe(false);
    expect(added).toHaveLength(1);
  });

  it('never fails the invoice when Redis or Postgres does', async () => {
    const { service } = trigger([]);
    (service as unknown as { client: { redis: { incr: () => Promise<number> } } }).client.redis.incr = () =>
      Promise.reject(new Error('down'));
    await expect(service.invoiceAccepted(ORG)).resolves.toBe(false);
  });
});
