import type { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { EntityManager } from 'typeorm';
import { tryAdvisoryTransactionLock } from '@invoice/database';

/** What one reconcile pass did; `skipped` when another process held the lock. */
export interface ReconcileReport {
  checked: number;
  requeued: number;
  failed: number;
  skipped: boolean;
}

/** Rows Postgres has as pending, read a page at a time in id order. */
const PAGE = 500;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

export interface QueueReconcileSpec<Row extends { id: string }> {
  /** Advisory lock key: one pass of this kind at a time across every worker process. */
  lockKey: number;
  /** Pending rows with an id after `after`, in id order, at most `limit`. */
  pending(manager: EntityManager, after: string, limit: number): Promise<Row[]>;
  /** The BullMQ job id a row is carried by. */
  jobId(row: Row): string;
  /** Queues the row's job again under its own id. */
  requeue(row: Row): Promise<void>;
  /** Records in Postgres that the row's job failed for good (BullMQ gave up on it). */
  markFailed(manager: EntityManager, row: Row, reason: string): Promise<void>;
}

/**
 * Postgres is the record of what must be done; Redis (which may keep nothing on disk) only carries the
 * work. In one transaction holding the spec's advisory lock, every pending row is checked against its
 * job: a job Redis no longer holds is queued again, a failed one is recorded as failed, and a completed
 * one whose row was not updated (a crash in between) is removed and queued again.
 */
export async function reconcileWithQueue<Row extends { id: string }>(
  manager: EntityManager,
  queue: Queue,
  spec: QueueReconcileSpec<Row>,
): Promise<ReconcileReport> {
  if (!(await tryAdvisoryTransactionLock(manager, spec.lockKey))) return { checked: 0, requeued: 0, failed: 0, skipped: true };
  const report: ReconcileReport = { checked: 0, requeued: 0, failed: 0, skipped: false };
  let after = FIRST_ID;
  for (;;) {
    const rows = await spec.pending(manager, after, PAGE);
    for (const row of rows) {
      report.checked++;
      const jobId = spec.jobId(row);
      const state = await queue.getJobState(jobId);
      if (state === 'unknown') {
        await spec.requeue(row);
        report.requeued++;
      } else if (state === 'failed') {
        const job = await queue.getJob(jobId);
        await spec.markFailed(manager, row, job?.failedReason ?? 'Job failed');
        report.failed++;
      } else if (state === 'completed') {
        await queue.remove(jobId);
        await spec.requeue(row);
        report.requeued++;
      }
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < PAGE) break;
    after = last.id;
  }
  return report;
}

/**
 * Runs `pass` now and then every `intervalMs` (a pass still running is not started twice), logging
 * what it changed; `stop` clears the timer and waits for a running pass.
 */
export function runPeriodically(
  pass: () => Promise<ReconcileReport>,
  intervalMs: number,
  logger: Logger,
  what: string,
): { stop: () => Promise<void> } {
  let running: Promise<unknown> | undefined;
  const tick = () => {
    running ??= pass()
      .then((report) => {
        if (report.requeued || report.failed) logger.warn(`Reconciled ${what}: ${JSON.stringify(report)}`);
      })
      .catch((error: Error) => logger.error(`Reconcile of ${what} failed: ${error.message}`))
      .finally(() => (running = undefined));
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
