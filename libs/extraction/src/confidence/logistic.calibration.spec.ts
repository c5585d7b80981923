import { describe, expect, it } from '@jest/globals';
import { applyLogistic, fitLogistic } from './logistic.calibration.js';

describe('logistic calibration', () => {
  // Right 9 times in 10 when the signal is 1, 3 in 10 when it is 0.
  const rows = [
    ...Array.from({ length: 40 }, (_, i) => ({ x: [1, 0], right: i % 10 !== 0 })),
    ...Array.from({ length: 40 }, (_, i) => ({ x: [0, 0], right: i % 10 < 3 })),
  ];
  const model = fitLogistic(rows, { l2: 0, epochs: 2000 });

  it('gives the share right of each signal value', () => {
    expect(applyLogistic(model, [1, 0])).toBeCloseTo(0.9, 1);
    expect(applyLogistic(model, [0, 0])).toBeCloseTo(0.3, 1);
  });

  it('is deterministic and gives a constant on a signal that never varies', () => {
    expect(fitLogistic(rows, { l2: 0, epochs: 2000 })).toEqual(model);
    expect(model.weights[1]).toBe(0);
  });
});
