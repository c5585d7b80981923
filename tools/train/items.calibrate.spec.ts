import { describe, expect, it } from '@jest/globals';
import { chooseThreshold, leaveGroupOut, tally, thresholdOutOfGroup, type HeldOut, type ItemsRow } from './items.calibrate.js';

const held = (probability: number, right: boolean, group = 'a'): HeldOut => ({ set: 's', group, x: [], right, exact: right, probability });

describe('line-item calibration', () => {
  it('chooses the lowest threshold with at most the share of wrong accepted rows, 1 when none keeps it', () => {
    const rows = [held(0.95, true), held(0.9, true), held(0.85, false), held(0.8, true)];
    expect(chooseThreshold(rows, 0.01)).toBe(0.9);
    expect(tally(rows, 0.9)).toEqual({ accepted: 2, wrong: 0, inexact: 0 });
    expect(chooseThreshold(rows, 0.34)).toBe(0.8);
    expect(chooseThreshold([held(0.9, false)], 0.01)).toBe(1);
  });

  it('predicts each group with a calibration fitted without it', () => {
    // Group b is the only one where the signal goes with wrong readings: fitted without b, b looks right.
    const rows: ItemsRow[] = [
      ...Array.from({ length: 20 }, (_, i) => ({ set: 's', group: 'a', x: [1], right: i % 10 !== 0, exact: true })),
      ...Array.from({ length: 20 }, () => ({ set: 's', group: 'c', x: [0], right: false, exact: false })),
      ...Array.from({ length: 5 }, () => ({ set: 's', group: 'b', x: [1], right: false, exact: false })),
    ];
    const b = leaveGroupOut(rows).filter((r) => r.group === 'b');
    expect(b).toHaveLength(5);
    expect(Math.min(...b.map((r) => r.probability))).toBeGreaterThan(0.7);
  });

  it('decides each group by a threshold chosen on the others', () => {
    const rows = [held(0.9, true, 'a'), held(0.9, true, 'a'), held(0.9, false, 'b'), held(0.5, true, 'b')];
    // Without b, 0.9 is safe: b's wrong row at 0.9 is accepted. Without a, nothing at 0.9 is safe: a is held.
    expect(thresholdOutOfGroup(rows, 0.01)).toEqual({ accepted: 1, wrong: 1 });
  });
});
