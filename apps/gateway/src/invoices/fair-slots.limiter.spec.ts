import { describe, expect, it } from '@jest/globals';
import { FairSlots } from './fair-slots.limiter.js';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};
const tick = () => new Promise((r) => setImmediate(r));

describe('FairSlots', () => {
  it('caps one key at its share and gives the free slots to another key at once', async () => {
    const slots = new FairSlots(4, 2);
    const hold = deferred();
    const started: string[] = [];
    const tasks = ['a1', 'a2', 'a3', 'a4', 'a5', 'b1'].map((name) =>
      slots.run(name[0]!, async () => {
        started.push(name);
        await hold.promise;
      }),
    );
    await tick();
    expect(started).toEqual(['a1', 'a2', 'b1']);
    expect(slots.stats('a')).toEqual({ running: 2, waiting: 3 });
    hold.resolve();
    await Promise.all(tasks);
    expect(started).toHaveLength(6);
    expect(slots.stats()).toEqual({ running: 0, waiting: 0 });
  });

  it('serves waiting keys round-robin when slots free up', async () => {
    const slots = new FairSlots(1, 1);
    const order: string[] = [];
    const gate = deferred();
    const first = slots.run('a', () => gate.promise);
    const rest = ['a', 'a', 'b', 'c', 'b'].map((key, i) => slots.run(key, async () => void order.push(`${key}${i}`)));
    gate.resolve();
    await Promise.all([first, ...rest]);
    expect(order).toEqual(['a0', 'b2', 'c3', 'a1', 'b4']);
  });

  it('frees the slot of a task that fails', async () => {
    const slots = new FairSlots(1, 1);
    await expect(slots.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(slots.run('a', async () => 'ok')).resolves.toBe('ok');
  });
});
