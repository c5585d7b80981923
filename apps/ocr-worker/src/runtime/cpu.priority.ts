import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** What `lowerCpuPriority` did: the nice value asked for, and how many threads it was applied to. */
export interface PriorityChange {
  nice: number;
  threads: number;
}

/**
 * Lowers the CPU priority (raises the nice value) of every thread of this process to `nice`, and so
 * of every thread started afterwards (on Linux a new thread inherits its creator's nice value): the
 * tesseract.js worker threads and sharp's thread pool then yield the CPU to the gateway, PostgreSQL
 * and Redis when they share a machine, and take it all when nothing else wants it.
 *
 * Linux keeps a nice value per thread, so each thread listed in /proc/self/task is set on its own;
 * elsewhere the process is. A thread already at or above `nice` is left alone (raising priority back
 * would need privileges). `nice` 0 changes nothing.
 */
export function lowerCpuPriority(nice: number, taskDir = '/proc/self/task'): PriorityChange {
  if (!Number.isInteger(nice) || nice < 0 || nice > 19) throw new RangeError(`nice must be an integer from 0 to 19, got ${nice}`);
  if (nice === 0) return { nice, threads: 0 };
  let threadIds: number[];
  try {
    threadIds = readdirSync(taskDir).map(Number).filter(Number.isInteger);
  } catch {
    if (getPriority(0) < nice) setPriority(0, nice);
    return { nice, threads: 1 };
  }
  let threads = 0;
  for (const tid of threadIds) {
    try {
      if (getPriority(tid) < nice) setPriority(tid, nice);
      threads++;
    } catch {
      // The thread ended between the listing and the call.
    }
  }
  return { nice, threads };
}
