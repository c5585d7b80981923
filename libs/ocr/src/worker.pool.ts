import { OcrEngineError } from './ocr.errors.js';
import { silentLogger, type OcrLogger } from './ocr.logger.js';

export interface PoolStats {
  /** Workers the pool holds (busy + idle, including one being replaced). */
  size: number;
  /** Workers running a task (or being replaced after a failure). */
  busy: number;
  idle: number;
  /** Tasks waiting for a worker. */
  queued: number;
  /** Workers created since start, replacements included: stays equal to size while workers are reused. */
  created: number;
}

export interface WorkerPoolOptions<W> {
  size: number;
  create: (index: number) => Promise<W>;
  destroy: (worker: W) => Promise<void>;
  /** Whether a task failure leaves the worker unusable, so that it is destroyed and replaced. Default: never. */
  isFatal?: (err: unknown) => boolean;
  logger?: OcrLogger;
}

export interface RunOptions {
  /** Give up after this many ms of running (queue time excluded); the worker is then replaced. 0 = no limit. */
  timeoutMs?: number;
}

const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));

interface QueuedTask<W> {
  run: (worker: W) => void;
  reject: (err: unknown) => void;
}

/**
 * A fixed set of long-lived workers created once and reused, with a FIFO queue for tasks beyond
 * the pool size. A worker whose task failed fatally (or timed out) is destroyed and replaced.
 * `close()` lets accepted tasks finish, then destroys the workers.
 */
export class WorkerPool<W> {
  private readonly idle: W[] = [];
  private readonly queue: QueuedTask<W>[] = [];
  private busyCount = 0;
  private replacing = 0;
  private createdCount = 0;
  private liveCount = 0;
  private closing: Promise<void> | null = null;
  private drained: (() => void) | null = null;
  private readonly logger: OcrLogger;

  private constructor(private readonly options: WorkerPoolOptions<W>) {
    this.logger = options.logger ?? silentLogger;
  }

  /** Creates all workers in parallel; if one fails, the others are destroyed and the error is thrown. */
  static async start<W>(options: WorkerPoolOptions<W>): Promise<WorkerPool<W>> {
    if (!Number.isInteger(options.size) || options.size < 1)
      throw new RangeError(`pool size must be a positive integer, got ${options.size}`);
    const pool = new WorkerPool(options);
    const results = await Promise.allSettled(Array.from({ length: options.size }, (_, index) => pool.createWorker(index)));
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    const workers = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    if (failed) {
      await Promise.allSettled(workers.map((worker) => options.destroy(worker)));
      throw failed.reason;
    }
    pool.idle.push(...workers);
    pool.liveCount = workers.length;
    return pool;
  }

  stats(): PoolStats {
    const busy = this.busyCount + this.replacing;
    return { size: this.liveCount, busy, idle: this.idle.length, queued: this.queue.length, created: this.createdCount };
  }

  run<T>(task: (worker: W) => Promise<T>, runOptions: RunOptions = {}): Promise<T> {
    if (this.closing) return Promise.reject(new OcrEngineError('ENGINE_TERMINATED', 'the OCR engine is shutting down'));
    if (this.liveCount === 0) return Promise.reject(new OcrEngineError('WORKER_FAILED', 'the OCR engine has no working worker left'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        reject,
        run: (worker) => {
          this.execute(worker, task, runOptions.timeoutMs ?? 0).then(resolve, reject);
        },
      });
      this.dispatch();
    });
  }

  /** Stops accepting tasks, waits for accepted ones (running and queued), then destroys the workers. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.busyCount + this.replacing + this.queue.length > 0) {
        await new Promise<void>((resolve) => {
          this.drained = resolve;
        });
      }
      const workers = this.idle.splice(0);
      this.liveCount = 0;
      await Promise.allSettled(workers.map((worker) => this.options.destroy(worker)));
    })();
    return this.closing;
  }

  private async createWorker(index: number): Promise<W> {
    const worker = await this.options.create(index);
    this.createdCount += 1;
    return worker;
  }

  private dispatch(): void {
    while (this.queue.length > 0 && this.idle.length > 0) {
      const worker = this.idle.shift() as W;
      const next = this.queue.shift() as QueuedTask<W>;
      this.busyCount += 1;
      next.run(worker);
    }
    if (this.drained && this.busyCount + this.replacing + this.queue.length === 0) {
      const drained = this.drained;
      this.drained = null;
      drained();
    }
  }

  private async execute<T>(worker: W, task: (worker: W) => Promise<T>, timeoutMs: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    let fatal = false;
    try {
      const work = task(worker);
      if (timeoutMs <= 0) return await work;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new OcrEngineError('TIMEOUT', `OCR task took longer than ${timeoutMs} ms`)), timeoutMs);
      });
      work.catch(() => undefined); // after a timeout nobody awaits the abandoned task any more
      return await Promise.race([work, timeout]);
    } catch (err) {
      fatal = err instanceof OcrEngineError && err.code === 'TIMEOUT' ? true : (this.options.isFatal?.(err) ?? false);
      throw err;
    } finally {
      clearTimeout(timer);
      this.busyCount -= 1;
      if (fatal) {
        this.replace(worker);
      } else {
        this.idle.push(worker);
      }
      this.dispatch();
    }
  }

  private replace(broken: W): void {
    this.replacing += 1;
    void (async () => {
      await this.options
        .destroy(broken)
        .catch((err: unknown) => this.logger.warn({ err: errorMessage(err) }, 'destroying a failed OCR worker failed'));
      try {
        const fresh = await this.createWorker(this.createdCount);
        this.idle.push(fresh);
        this.logger.info({ created: this.createdCount }, 'replaced a failed OCR worker');
      } catch (err) {
        this.liveCount -= 1;
        this.logger.error({ err: errorMessage(err), size: this.liveCount }, 'could not replace a failed OCR worker; the pool shrinks');
        if (this.liveCount === 0) {
          for (const queued of this.queue.splice(0)) {
            queued.reject(new OcrEngineError('WORKER_FAILED', 'the OCR engine has no working worker left', { cause: err }));
          }
        }
      } finally {
        this.replacing -= 1;
        this.dispatch();
      }
    })();
  }
}
