import { describe, expect, it } from '@jest/globals';
import { cycle, firstOf, median, percentile } from './bench.support.js';

describe('bench support', () => {
  it('cycles through a list and names what a list lacks', () => {
    expect([0, 1, 2, 3].map((i) => cycle(['a', 'b', 'c'], i))).toEqual(['a', 'b', 'c', 'a']);
    expect(() => cycle([], 0)).toThrow(RangeError);
    expect(firstOf([7, 8], 'number')).toBe(7);
    expect(() => firstOf([], 'finished run')).toThrow('no finished run');
  });

  it('takes the nearest-rank percentile of sorted numbers', () => {
    const sorted = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(sorted, 0.95)).toBe(19);
    expect(percentile(sorted, 0.5)).toBe(10);
    expect(percentile(sorted, 1)).toBe(20);
    expect(percentile([], 0.95)).toBeNaN();
  });

  it('takes the median of an odd or even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
