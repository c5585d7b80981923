import { describe, expect, it } from '@jest/globals';
import type { MessageEvent } from '@nestjs/common';
import { Subject } from 'rxjs';
import type { JobStatusEvent } from '@invoice/contracts';
import { jobSseStream, type JobSnapshot } from './job-sse.stream.js';

const ids = { jobId: 'job-1', documentId: '3a1f2b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b' };
const organizationId = '0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f';
const state = (status: JobSnapshot['status'], progress: number, at: string, error: string | null = null): JobSnapshot => ({
  ...ids,
  status,
  progress,
  error,
  at,
});
const event = (snapshot: JobSnapshot): JobStatusEvent => ({ ...snapshot, organizationId });

function collect(stream: ReturnType<typeof jobSseStream>) {
  const messages: MessageEvent[] = [];
  let completed = false;
  const subscription = stream.subscribe({ next: (m) => messages.push(m), complete: () => (completed = true) });
  return {
    messages,
    completed: () => completed,
    subscription,
    data: () => messages.filter((m) => m.data).map((m) => m.data as JobSnapshot),
  };
}

describe('jobSseStream', () => {
  it('sends a final snapshot alone and ends', () => {
    const live = new Subject<JobStatusEvent>();
    const out = collect(
      jobSseStream({ snapshot: state('done', 100, '2026-01-01T00:00:10Z'), live$: live, recheck: async () => null, heartbeatMs: 60_000 }),
    );
    expect(out.data()).toEqual([state('done', 100, '2026-01-01T00:00:10Z')]);
    expect(out.completed()).toBe(true);
    expect(live.observed).toBe(false);
  });

  it('sends the snapshot, then newer changes in order, skipping older and repeated ones, and ends at the final status', () => {
    const live = new Subject<JobStatusEvent>();
    const out = collect(
      jobSseStream({
        snapshot: state('processing', 15, '2026-01-01T00:00:05Z'),
        live$: live,
        recheck: async () => null,
        heartbeatMs: 60_000,
      }),
    );
    live.next(event(state('processing', 5, '2026-01-01T00:00:04Z'))); // before the snapshot
    live.next(event(state('processing', 15, '2026-01-01T00:00:05.100Z'))); // the snapshot's own event
    live.next(event(state('processing', 80, '2026-01-01T00:00:07Z')));
    live.next(event(state('queued', 0, '2026-01-01T00:00:08Z', 'Retrying after: timeout')));
    live.next(event(state('done', 100, '2026-01-01T00:00:09Z')));
    live.next(event(state('failed', 100, '2026-01-01T00:00:10Z')));
    expect(out.data().map((d) => `${d.status}:${d.progress}`)).toEqual(['processing:15', 'processing:80', 'queued:0', 'done:100']);
    expect(out.data()[0]).not.toHaveProperty('organizationId');
    expect(out.data()[1]).not.toHaveProperty('organizationId');
    expect(out.completed()).toBe(true);
    expect(live.observed).toBe(false);
  });

  it('writes heartbeats and catches a missed change by re-reading the status', async () => {
    const live = new Subject<JobStatusEvent>();
    let current = state('processing', 15, '2026-01-01T00:00:05Z');
    const out = collect(jobSseStream({ snapshot: current, live$: live, recheck: async () => current, heartbeatMs: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(out.messages.filter((m) => (m as { comment?: string }).comment === 'heartbeat').length).toBeGreaterThanOrEqual(1);
    expect(out.completed()).toBe(false);
    current = state('needs_review', 100, '2026-01-01T00:00:09Z');
    for (let i = 0; i < 50 && !out.completed(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(out.data().map((d) => d.status)).toEqual(['processing', 'needs_review']);
    expect(out.completed()).toBe(true);
  });

  it('stops listening when the client leaves', () => {
    const live = new Subject<JobStatusEvent>();
    const out = collect(
      jobSseStream({ snapshot: state('queued', 0, '2026-01-01T00:00:00Z'), live$: live, recheck: async () => null, heartbeatMs: 60_000 }),
    );
    expect(live.observed).toBe(true);
    out.subscription.unsubscribe();
    expect(live.observed).toBe(false);
  });
});
