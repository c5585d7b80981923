import type { Queue } from 'bullmq';
import type { Registry } from 'prom-client';
import { registerCollectedGauge } from './metrics.registry.js';

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized', 'waiting-children'] as const;

/** `invoice_ocr_queue_jobs{queue,state}`, read from BullMQ's counters at scrape time (no scan of jobs). */
export function registerQueueGauges(registry: Registry, queues: Queue[]) {
  return registerCollectedGauge(
    registry,
    'queue_jobs',
    'Jobs per BullMQ queue and state, read at scrape time',
    ['queue', 'state'],
    async () => {
      const rows: { labels: { queue: string; state: string }; value: number }[] = [];
      for (const queue of queues) {
        const counts = await queue.getJobCounts(...QUEUE_STATES);
        for (const state of QUEUE_STATES) rows.push({ labels: { queue: queue.name, state }, value: counts[state] ?? 0 });
      }
      return rows;
    },
  );
}
