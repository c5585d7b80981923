import { describe, expect, it } from '@jest/globals';
import { isFinal, nextInterval } from './job.waiter.js';

describe('polling', () => {
  it('backs off by half while nothing moves, up to 5x, and comes back when a job finishes', () => {
    const seen = [1000];
    for (let i = 0; i < 6; i++) seen.push(nextInterval(seen.at(-1)!, 1000, false));
    expect(seen).toEqual([1000, 1500, 2250, 3375, 5000, 5000, 5000]);
    expect(nextInterval(5000, 1000, true)).toBe(1000);
  });

  it('knows the final statuses', () => {
    expect(['queued', 'processing', 'done', 'needs_review', 'failed'].filter(isFinal)).toEqual(['done', 'needs_review', 'failed']);
  });
});
