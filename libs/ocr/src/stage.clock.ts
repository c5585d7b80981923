import { performance } from 'node:perf_hooks';

/** Stages of one page's reading that the engine times. */
export const PAGE_STAGES = ['decode', 'preprocess', 'qr', 'recognize', 'second', 'reread'] as const;
export type PageStage = (typeof PAGE_STAGES)[number];

/** Wall time and CPU time (this process, every thread) spent in each stage, ms. */
export type StageTimes = Partial<Record<PageStage, { wallMs: number; cpuMs: number }>>;

const cpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/**
 * Adds up the time spent in named stages. The CPU time is the whole process's (sharp's threads, the tesseract
 * worker thread, the main thread): it belongs to the stage only while nothing else runs in the process, which
 * is how the OCR benchmark's stage pass reads its pages (one page at a time, QR search not overlapped).
 */
export class StageClock {
  readonly times: StageTimes = {};

  async time<T>(stage: PageStage, run: () => Promise<T> | T): Promise<T> {
    const wall = performance.now();
    const cpu = cpuMs();
    try {
      return await run();
    } finally {
      this.add(stage, performance.now() - wall, cpuMs() - cpu);
    }
  }

  add(stage: PageStage, wallMs: number, cpu: number): void {
    const entry = (this.times[stage] ??= { wallMs: 0, cpuMs: 0 });
    entry.wallMs += wallMs;
    entry.cpuMs += cpu;
  }

  wallMs(stage: PageStage): number {
    return this.times[stage]?.wallMs ?? 0;
  }
}
