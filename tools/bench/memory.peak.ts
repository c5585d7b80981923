import { readFileSync, writeFileSync } from 'node:fs';

const MB = 2 ** 20;

/**
 * The process's peak resident memory in MB since the last reset. On Linux it is the kernel's own
 * high-water mark (VmHWM of /proc/self/status), so a peak inside synchronous code is not missed the
 * way a timer sampling `process.memoryUsage()` misses it; elsewhere it is getrusage's maximum (never reset).
 */
export function peakRssMb(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** Sets the high-water mark back to the current resident memory (Linux; a no-op elsewhere). */
export function resetPeakRss(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not Linux, or not allowed: the peaks then run from the start of the process
  }
}

/** Current resident memory and V8 heap in use, in MB. */
export function memoryNowMb(): { rss: number; heap: number } {
  const { rss, heapUsed } = process.memoryUsage();
  return { rss: rss / MB, heap: heapUsed / MB };
}
