import type { Readable } from 'node:stream';

export interface StallLimits {
  /** UPLOAD_STALL_TIMEOUT_MS */
  timeoutMs: number;
  /** UPLOAD_MIN_PROGRESS_BYTES */
  minBytes: number;
}

export interface ProgressWatchdog {
  /** The gateway is busy with a part (not reading the body): the clock stops. */
  pause(): void;
  /** Reading again: a fresh window starts. */
  resume(): void;
  stop(): void;
}

/**
 * Calls `onStall` once when, while it runs, the body brings fewer than `minBytes` within `timeoutMs` (a client
 * that trickles or stops sending holds an upload slot, a pooled connection and a transaction otherwise).
 */
export function watchProgress(body: Readable, limits: StallLimits, onStall: () => void): ProgressWatchdog {
  let received = 0;
  let timer: NodeJS.Timeout | undefined;
  const count = (chunk: Buffer) => (received += chunk.length);
  const check = () => {
    // A body that has all arrived is not stalled: what is left is the gateway's own work on buffered parts.
    if (received >= limits.minBytes || body.readableEnded) {
      received = 0;
      return;
    }
    stop();
    onStall();
  };
  const start = () => {
    received = 0;
    clearInterval(timer);
    timer = setInterval(check, limits.timeoutMs);
  };
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
    body.off('data', count);
  };
  body.on('data', count);
  start();
  return { pause: () => clearInterval(timer), resume: start, stop };
}
