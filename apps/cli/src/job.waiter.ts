import pLimit from 'p-limit';
import type { BatchResponse, JobStatusResponse } from '@invoice/contracts';
import { ApiError, AuthError, type GatewayClient } from './gateway.client.js';

export const FINAL_STATUSES = ['done', 'needs_review', 'failed'] as const;
export const isFinal = (status: string) => (FINAL_STATUSES as readonly string[]).includes(status);

export interface WaitOptions {
  /** First interval between rounds; grows by half each round to 5x while nothing moves. */
  pollIntervalMs: number;
  /** 0: no limit. */
  timeoutMs: number;
  concurrency: number;
  signal?: AbortSignal;
  onFinal?: (status: JobStatusResponse) => void;
}

/** The next pause between polling rounds: back to the base when a job finished, else 1.5x up to 5x. */
export function nextInterval(current: number, base: number, moved: boolean): number {
  return moved ? base : Math.min(Math.round(current * 1.5), base * 5);
}

/** A pause that ends early on abort, and leaves no listener behind on the (long-lived) signal. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Polls `GET /api/jobs/:id` for every job until each is done, needs_review or failed (or the time
 * or the signal runs out): a bounded number of requests at a time, and a pause between rounds
 * that grows while nothing changes. Answers the last status seen of each job.
 */
export async function waitForJobs(client: GatewayClient, jobIds: string[], options: WaitOptions): Promise<Map<string, JobStatusResponse>> {
  const last = new Map<string, JobStatusResponse>();
  const pending = new Set(jobIds);
  const limit = pLimit(options.concurrency);
  const deadline = options.timeoutMs > 0 ? Date.now() + options.timeoutMs : Infinity;
  let interval = options.pollIntervalMs;
  while (pending.size > 0 && !options.signal?.aborted) {
    let moved = false;
    await Promise.all(
      [...pending].map((jobId) =>
        limit(async () => {
          if (options.signal?.aborted) return;
          let status: JobStatusResponse;
          try {
            status = await client.job(jobId);
          } catch (error) {
            if (error instanceof AuthError || !(error instanceof ApiError) || error.status !== 404) throw error;
            status = { jobId, documentId: '', status: 'failed', progress: 0, error: 'the gateway no longer knows this job (404)' };
          }
          last.set(jobId, status);
          if (isFinal(status.status)) {
            pending.delete(jobId);
            moved = true;
            options.onFinal?.(status);
          }
        }),
      ),
    );
    if (pending.size === 0 || Date.now() >= deadline) break;
    interval = nextInterval(interval, options.pollIntervalMs, moved);
    await sleep(Math.min(interval, Math.max(deadline - Date.now(), 0)), options.signal);
  }
  return last;
}

/**
 * Once the gateway answers batches (`batchId` in the upload answer, `GET /api/batches/:id`), a
 * batch is one poll for all of its files: this waits until each batch has `completedAt`, so the
 * jobs are then read once each instead of polled. Answers the batches it could not follow (the
 * gateway does not know them, e.g. a gateway without batches): their jobs are polled one by one.
 */
export async function waitForBatches(
  client: GatewayClient,
  batchIds: string[],
  options: Omit<WaitOptions, 'onFinal'> & { onComplete?: (batch: BatchResponse) => void },
): Promise<Set<string>> {
  const unknown = new Set<string>();
  const pending = new Set(batchIds);
  const limit = pLimit(options.concurrency);
  const deadline = options.timeoutMs > 0 ? Date.now() + options.timeoutMs : Infinity;
  let interval = options.pollIntervalMs;
  while (pending.size > 0 && !options.signal?.aborted) {
    let moved = false;
    await Promise.all(
      [...pending].map((batchId) =>
        limit(async () => {
          if (options.signal?.aborted) return;
          try {
            const batch = await client.batch(batchId);
            if (batch.completedAt === null) return;
            options.onComplete?.(batch);
          } catch (error) {
            if (error instanceof AuthError || !(error instanceof ApiError) || error.status !== 404) throw error;
            unknown.add(batchId);
          }
          pending.delete(batchId);
          moved = true;
        }),
      ),
    );
    if (pending.size === 0 || Date.now() >= deadline) break;
    interval = nextInterval(interval, options.pollIntervalMs, moved);
    await sleep(Math.min(interval, Math.max(deadline - Date.now(), 0)), options.signal);
  }
  return unknown;
}
