import { describe, expect, it } from '@jest/globals';
import { histogramQuantile } from './histogram.quantile.js';

describe('histogramQuantile', () => {
  // 10 observations: 4 at <= 0.1, 4 more at <= 0.5, 2 more at <= 1.
  const buckets = [
    { le: 0.1, count: 4 },
    { le: 0.5, count: 8 },
    { le: 1, count: 10 },
    { le: Infinity, count: 10 },
  ];

  it('interpolates inside the bucket holding the rank (hand-checked)', () => {
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.2); // rank 5: 0.1 + 0.4 * (1/4)
    expect(histogramQuantile(0.2, buckets)).toBeCloseTo(0.05); // rank 2: 0 + 0.1 * (2/4)
    expect(histogramQuantile(0.9, buckets)).toBeCloseTo(0.75); // rank 9: 0.5 + 0.5 * (1/2)
    expect(histogramQuantile(1, buckets)).toBeCloseTo(1);
  });

  it('reports the highest finite bound for ranks in +Inf, and null without observations', () => {
    expect(
      histogramQuantile(0.99, [
        { le: 1, count: 1 },
        { le: Infinity, count: 10 },
      ]),
    ).toBe(1);
    expect(
      histogramQuantile(0.5, [
        { le: 1, count: 0 },
        { le: Infinity, count: 0 },
      ]),
    ).toBeNull();
    expect(() => histogramQuantile(2, buckets)).toThrow(RangeError);
  });
});
