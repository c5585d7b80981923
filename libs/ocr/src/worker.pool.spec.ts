import { describe, expect, it } from '@jest/globals';
import { OcrEngineError } from './ocr.errors.js';
import { WorkerPool } from './worker.pool.js';

interface FakeWorker {
  id: number;
  destroyed: boolean;
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function fakePool(size: number, options: { isFatal?: (err: unknown) => boolean; failCreateAfter?: number } = {}) {
  const created: FakeWorker[] = [];
  const pool = await WorkerPool.start<FakeWorker>({
    size,
    isFatal: options.isFatal,
    create: async () => {
      if (options.failCreateAfter !== undefined && created.length >= options.failCreateAfter) throw new Error('cannot create');
      const worker = { id: created.length, destroyed: false };
      created.push(worker);
      return worker;
    },
    destroy: async (worker) => {
      worker.destroyed = true;
    },
  });
  return { pool, created };
}

describe('WorkerPool', () => {
  it('creates its workers once and reuses them, queueing tasks beyond the pool size', async () => {
    const { pool, created } = await fakePool(2);
    expect(pool.stats()).toEqual({ size: 2, busy: 0, idle: 2, queued: 0, created: 2 });

    const gates = [deferred(), deferred(), deferred(), deferred()];
    const used: number[] = [];
    const results = gates.map((gate, i) =>
      pool.run(async (worker) => {
        used.push(worker.id);
        await gate.promise;
        return i;
      }),
    );
    await tick();
    expect(pool.stats()).toEqual({ size: 2, busy: 2, idle: 0, queued: 2, created: 2 });
    expect(used).toEqual([0, 1]);

    gates[1]!.resolve();
    await tick();
    expect(used).toEqual([0, 1, 1]); // the freed worker takes the next task, in FIFO order
    gates.forEach((gate) => gate.resolve());
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3]);
    expect(pool.stats()).toEqual({ size: 2, busy: 0, idle: 2, queued: 0, created: 2 });
    expect(created).toHaveLength(2);
  });

  it('keeps a worker after a non-fatal failure and replaces it after a fatal one', async () => {
    const { pool, created } = await fakePool(1, { isFatal: (err) => err instanceof Error && err.message === 'crash' });
    await expect(pool.run(async () => Promise.reject(new Error('bad input')))).rejects.toThrow('bad input');
    expect(pool.stats().created).toBe(1);

    await expect(pool.run(async () => Promise.reject(new Error('crash')))).rejects.toThrow('crash');
    expect(await pool.run(async (worker) => worker.id)).toBe(1);
    expect(created[0]?.destroyed).toBe(true);
    expect(pool.stats()).toEqual({ size: 1, busy: 0, idle: 1, queued: 0, created: 2 });
  });

  it('times out a task and replaces its worker', async () => {
    const { pool, created } = await fakePool(1);
    const never = pool.run(() => new Promise<never>(() => undefined), { timeoutMs: 20 });
    await expect(never).rejects.toMatchObject({ name: 'OcrEngineError', code: 'TIMEOUT' });
    expect(await pool.run(async (worker) => worker.id)).toBe(1);
    expect(created[0]?.destroyed).toBe(true);
  });

  it('close() waits for running and queued tasks, then destroys the workers and refuses new tasks', async () => {
    const { pool, created } = await fakePool(1);
    const gate = deferred();
    const first = pool.run(async () => {
      await gate.promise;
      return 'first';
    });
    const second = pool.run(async () => 'second');
    await tick();
    let closed = false;
    const closing = pool.close().then(() => {
      closed = true;
    });
    await expect(pool.run(async () => 'late')).rejects.toMatchObject({ code: 'ENGINE_TERMINATED' });
    await tick();
    expect(closed).toBe(false);
    expect(created[0]?.destroyed).toBe(false);

    gate.resolve();
    expect(await first).toBe('first');
    expect(await second).toBe('second');
    await closing;
    expect(closed).toBe(true);
    expect(created[0]?.destroyed).toBe(true);
    expect(pool.stats()).toMatchObject({ size: 0, busy: 0, idle: 0 });
    await expect(pool.close()).resolves.toBeUndefined();
  });

  it('destroys the workers it made when one fails to start', async () => {
    const created: FakeWorker[] = [];
    let calls = 0;
    const start = WorkerPool.start<FakeWorker>({
      size: 3,
      create: async () => {
        calls += 1;
        if (calls === 2) throw new OcrEngineError('ENGINE_INIT_FAILED', 'no model');
        const worker = { id: calls, destroyed: false };
        created.push(worker);
        return worker;
      },
      destroy: async (worker) => {
        worker.destroyed = true;
      },
    });
    await expect(start).rejects.toMatchObject({ code: 'ENGINE_INIT_FAILED' });
    expect(created.every((worker) => worker.destroyed)).toBe(true);
  });

  it('rejects queued tasks when the last worker cannot be replaced', async () => {
    const { pool } = await fakePool(1, { isFatal: () => true, failCreateAfter: 1 });
    const gate = deferred();
    const failing = pool.run(async () => {
      await gate.promise;
      throw new Error('crash');
    });
    const queued = pool.run(async () => 'never runs');
    gate.resolve();
    await expect(failing).rejects.toThrow('crash');
    await expect(queued).rejects.toMatchObject({ code: 'WORKER_FAILED' });
    await expect(pool.run(async () => 'x')).rejects.toMatchObject({ code: 'WORKER_FAILED' });
  });

  it('refuses a pool size below 1', async () => {
    await expect(fakePool(0)).rejects.toThrow(RangeError);
  });
});
