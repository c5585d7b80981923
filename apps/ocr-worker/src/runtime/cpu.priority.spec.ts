import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { getPriority } from 'node:os';
import { lowerCpuPriority } from './cpu.priority.js';

/** The nice value the test runner (and so a child it starts) runs at. */
const base = getPriority();

/**
 * Runs in a child process (the test runner's own priority is left alone): lowers the priority, then
 * starts a worker thread, and prints the nice value of every thread of the child.
 */
function childNiceValues(nice: number): { change: { nice: number; threads: number }; values: number[] } {
  const source = `
    import { readdirSync } from 'node:fs';
    import { getPriority } from 'node:os';
    import { Worker } from 'node:worker_threads';
    import { setPriority } from 'node:os';
    const lowerCpuPriority = ${lowerCpuPriority.toString()};
    const change = lowerCpuPriority(${nice});
    const worker = new Worker('setInterval(() => {}, 1000)', { eval: true });
    await new Promise((resolve) => worker.once('online', resolve));
    const values = readdirSync('/proc/self/task').map((tid) => getPriority(Number(tid)));
    await worker.terminate();
    console.log(JSON.stringify({ change, values }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', source], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

describe('lowerCpuPriority', () => {
  const linux = process.platform === 'linux' ? it : it.skip;

  linux('sets every existing thread and the threads started afterwards to the nice value', () => {
    const nice = Math.min(19, base + 7);
    const { change, values } = childNiceValues(nice);
    expect(change.nice).toBe(nice);
    expect(change.threads).toBeGreaterThan(1); // the main thread and V8's/libuv's own threads
    expect(values.length).toBeGreaterThan(change.threads); // the worker thread came later
    expect(new Set(values)).toEqual(new Set([nice]));
  });

  linux('with 0 leaves the process as it is', () => {
    const { change, values } = childNiceValues(0);
    expect(change.threads).toBe(0);
    expect(new Set(values)).toEqual(new Set([base]));
  });

  it('refuses values outside 0..19', () => {
    expect(() => lowerCpuPriority(20)).toThrow(/0 to 19/);
    expect(() => lowerCpuPriority(-1)).toThrow(/0 to 19/);
    expect(() => lowerCpuPriority(1.5)).toThrow(/0 to 19/);
  });
});
