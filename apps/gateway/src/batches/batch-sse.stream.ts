import type { MessageEvent } from '@nestjs/common';
import { concatMap, from, Observable, Subject, throttleTime } from 'rxjs';
import type { BatchSummary, JobStatusEvent } from '@invoice/contracts';

export interface BatchSseStreamOptions {
  /** The batch as Postgres has it, read after subscribing to `live$`: the first event sent. */
  snapshot: BatchSummary;
  /** Live status events of the batch's documents, buffered from before the snapshot was read. */
  live$: Observable<JobStatusEvent>;
  /** Reads the batch again: after job events (at most once per `throttleMs`) and at each heartbeat. */
  reread: () => Promise<BatchSummary>;
  heartbeatMs: number;
  throttleMs: number;
}

const HEARTBEAT: MessageEvent = { comment: 'heartbeat' } as MessageEvent;

/**
 * A batch's server-sent events: `batch` events (counts, progress, start and end: the batch answer
 * without its file lists) first and whenever they change, `job` events for each status change of
 * one of its documents, a comment line every `heartbeatMs`. The stream completes once the batch
 * is complete (every file done, needs_review or failed). A batch of thousands of files re-reads
 * its counts at most once per `throttleMs`, however many job events arrive.
 */
export function batchSseStream({ snapshot, live$, reread, heartbeatMs, throttleMs }: BatchSseStreamOptions): Observable<MessageEvent> {
  return new Observable<MessageEvent>((subscriber) => {
    const snapshotAt = Date.parse(snapshot.createdAt);
    let last = '';
    const emitBatch = (batch: BatchSummary) => {
      const state = JSON.stringify(batch);
      if (subscriber.closed || state === last) return;
      last = state;
      subscriber.next({ type: 'batch', data: batch });
      if (batch.completedAt) subscriber.complete();
    };
    emitBatch(snapshot);
    if (subscriber.closed) return;

    const changed = new Subject<void>();
    const rereads = changed
      .pipe(
        throttleTime(throttleMs, undefined, { leading: true, trailing: true }),
        concatMap(() => from(reread().catch(() => null))),
      )
      .subscribe((batch) => batch && emitBatch(batch));
    const jobs = live$.subscribe({
      next: ({ organizationId: _organizationId, ...event }) => {
        if (Date.parse(event.at) < snapshotAt || subscriber.closed) return;
        subscriber.next({ type: 'job', data: event });
        changed.next();
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    });
    const timer = setInterval(() => {
      subscriber.next(HEARTBEAT);
      changed.next();
    }, heartbeatMs);
    return () => {
      clearInterval(timer);
      jobs.unsubscribe();
      rereads.unsubscribe();
      changed.complete();
    };
  });
}
