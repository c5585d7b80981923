import { describe, expect, it } from '@jest/globals';
import { applyIsotonic, fitIsotonic } from './isotonic.calibration.js';

describe('isotonic calibration', () => {
  const pairs = [
    ...Array.from({ length: 20 }, (_, i) => ({ score: 0.3, right: i < 6 })),
    ...Array.from({ length: 20 }, (_, i) => ({ score: 0.6, right: i < 10 })),
    ...Array.from({ length: 40 }, (_, i) => ({ score: 0.95, right: i < 39 })),
  ];
  const map = fitIsotonic(pairs);

  it('maps scores to the share right, never decreasing', () => {
    expect(applyIsotonic(map, 0.3)).toBeCloseTo(6.5 / 21, 2);
    expect(applyIsotonic(map, 0.95)).toBeCloseTo(39.5 / 41, 2);
    for (let i = 1; i < map.y.length; i++) expect(map.y[i]).toBeGreaterThanOrEqual(map.y[i - 1] as number);
  });

  it('pools scores out of order', () => {
    const pooled = fitIsotonic([{ score: 0.2, right: true }, { score: 0.4, right: false }]);
    expect(pooled.y).toHaveLength(1);
  });
});
