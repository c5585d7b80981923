import { describe, expect, it } from '@jest/globals';
import type { MessageEvent } from '@nestjs/common';
import { Subject } from 'rxjs';
import type { BatchSummary, DocumentStatus, JobStatusEvent } from '@invoice/contracts';
import { batchSseStream } from './batch-sse.stream.js';

const organizationId = '0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f';
const createdAt = '2026-01-01T00:00:00.000Z';

function batch(done: number, total = 2): BatchSummary {
  const counts: Record<DocumentStatus, number> = { queued: total - done, processing: 0, done, needs_review: 0, failed: 0, rejected: 0 };
  return {
    batchId: 'b4a3c2d1-0e9f-4a8b-9c7d-6e5f4a3b2c1d',
    createdAt,
    createdBy: 'admin',
    startedAt: done ? '2026-01-01T00:00:01.000Z' : null,
    completedAt: done === total ? '2026-01-01T00:00:09.000Z' : null,
    total,
    duplicates: 0,
    counts,
    progress: Math.round((100 * done) / total),
  };
}

const jobEvent = (n: number, status: DocumentStatus, at = '2026-01-01T00:00:05.000Z'): JobStatusEvent => ({
  jobId: `job-${n}`,
  documentId: `doc-${n}`,
  organizationId,
  status,
  progress: status === 'done' ? 100 : 15,
  error: null,
  at,
});

function collect(stream: ReturnType<typeof batchSseStream>) {
  const messages: MessageEvent[] = [];
  let completed = false;
  const subscription = stream.subscribe({ next: (m) => messages.push(m), complete: () => (completed = true) });
  const ofType = <T>(type: string) => messages.filter((m) => m.type === type).map((m) => m.data as T);
  return {
    subscription,
    messages,
    completed: () => completed,
    batches: () => ofType<BatchSummary>('batch'),
    jobs: () => ofType<Omit<JobStatusEvent, 'organizationId'>>('job'),
  };
}

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe('batchSseStream', () => {
  it('sends a complete batch alone and ends without listening', () => {
    const live = new Subject<JobStatusEvent>();
    const out = collect(
      batchSseStream({ snapshot: batch(2), live$: live, reread: async () => batch(2), heartbeatMs: 60_000, throttleMs: 10 }),
    );
    expect(out.batches()).toEqual([batch(2)]);
    expect(out.completed()).toBe(true);
    expect(live.observed).toBe(false);
  });

  it('forwards job events without the organization, re-reads the counts after them, and ends when the batch is complete', async () => {
    const live = new Subject<JobStatusEvent>();
    let current = batch(0);
    const out = collect(
      batchSseStream({ snapshot: current, live$: live, reread: async () => current, heartbeatMs: 60_000, throttleMs: 10 }),
    );
    live.next(jobEvent(1, 'processing'));
    current = batch(1);
    live.next(jobEvent(1, 'done'));
    await tick(30);
    expect(out.batches().map((b) => b.progress)).toEqual([0, 50]);
    current = batch(2);
    live.next(jobEvent(2, 'done'));
    await tick(30);
    expect(out.jobs().map((j) => `${j.jobId}:${j.status}`)).toEqual(['job-1:processing', 'job-1:done', 'job-2:done']);
    expect(out.jobs()[0]).not.toHaveProperty('organizationId');
    expect(out.batches().map((b) => b.progress)).toEqual([0, 50, 100]);
    expect(out.batches().at(-1)!.completedAt).not.toBeNull();
    expect(out.completed()).toBe(true);
    expect(live.observed).toBe(false);
  });

  it('re-reads a busy batch at most once per throttle interval, and never sends the same counts twice', async () => {
    const live = new Subject<JobStatusEvent>();
    let reads = 0;
    const out = collect(
      batchSseStream({
        snapshot: batch(0, 1000),
        live$: live,
        reread: async () => {
          reads++;
          return batch(0, 1000);
        },
        heartbeatMs: 60_000,
        throttleMs: 50,
      }),
    );
    for (let n = 0; n < 500; n++) live.next(jobEvent(n, 'processing'));
    await tick(120);
    expect(out.jobs()).toHaveLength(500);
    expect(reads).toBeGreaterThanOrEqual(1);
    expect(reads).toBeLessThanOrEqual(3);
    expect(out.batches()).toHaveLength(1);
    expect(out.completed()).toBe(false);
    out.subscription.unsubscribe();
    expect(live.observed).toBe(false);
  });

  it('writes heartbeats and catches a completion whose events were missed', async () => {
    const live = new Subject<JobStatusEvent>();
    let current = batch(0);
    const out = collect(batchSseStream({ snapshot: current, live$: live, reread: async () => current, heartbeatMs: 20, throttleMs: 5 }));
    await tick(50);
    expect(out.messages.filter((m) => (m as { comment?: string }).comment === 'heartbeat').length).toBeGreaterThanOrEqual(1);
    expect(out.completed()).toBe(false);
    current = batch(2);
    await tick(60);
    expect(out.batches().at(-1)).toEqual(batch(2));
    expect(out.completed()).toBe(true);
  });
});
