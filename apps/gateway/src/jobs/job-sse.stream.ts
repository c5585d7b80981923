import type { MessageEvent } from '@nestjs/common';
import { Observable } from 'rxjs';
import { isFinalStatus, type JobStatusEvent, type JobStatusStreamEvent } from '@invoice/contracts';

/** A job's status as Postgres has it, with the time of its last change. */
export type JobSnapshot = JobStatusStreamEvent;

export interface JobSseStreamOptions {
  /** The status read from Postgres after subscribing to `live$`: the first event sent. */
  snapshot: JobSnapshot;
  /** Live events of this job, buffered from before the snapshot was read. */
  live$: Observable<JobStatusEvent>;
  /** Reads the status from Postgres again (at each heartbeat): catches a change whose event was missed. */
  recheck: () => Promise<JobSnapshot | null>;
  heartbeatMs: number;
}

const HEARTBEAT: MessageEvent = { comment: 'heartbeat' } as MessageEvent;

const sameState = (a: JobSnapshot, b: JobSnapshot) => a.status === b.status && a.progress === b.progress && a.error === b.error;

/**
 * A job's server-sent events: the snapshot first, then each change (events older than the
 * snapshot, or repeating the last state, are skipped); a comment line every `heartbeatMs`, with a
 * re-read of Postgres; the stream completes after the first final status (done, needs_review, failed).
 */
export function jobSseStream({ snapshot, live$, recheck, heartbeatMs }: JobSseStreamOptions): Observable<MessageEvent> {
  return new Observable<MessageEvent>((subscriber) => {
    const snapshotAt = Date.parse(snapshot.at);
    let last: JobSnapshot | undefined;
    const emit = (state: JobSnapshot) => {
      if (subscriber.closed || (last && sameState(last, state))) return;
      last = state;
      subscriber.next({ data: state });
      if (isFinalStatus(state.status)) subscriber.complete();
    };
    emit(snapshot);
    if (subscriber.closed) return;

    const subscription = live$.subscribe({
      next: ({ organizationId: _organizationId, ...event }) => {
        // Already reflected in the snapshot (or older): the buffer holds events from before the read.
        if (Date.parse(event.at) < snapshotAt) return;
        emit(event);
      },
      error: (error: unknown) => subscriber.error(error),
      // The gateway is shutting down: the client reconnects to another replica.
      complete: () => subscriber.complete(),
    });
    let checking = false;
    const timer = setInterval(() => {
      subscriber.next(HEARTBEAT);
      if (checking) return;
      checking = true;
      recheck()
        .then((state) => state && emit(state))
        .catch(() => undefined)
        .finally(() => (checking = false));
    }, heartbeatMs);
    return () => {
      clearInterval(timer);
      subscription.unsubscribe();
    };
  });
}
