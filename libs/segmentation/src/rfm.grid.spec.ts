import { describe, expect, it } from '@jest/globals';
import { distanceToCell, gridFrequencyScore, RFM_GRID, RFM_SEGMENTS, rfmGridSegment } from './rfm.grid.js';

describe('rfmGridSegment', () => {
  it('tiles the 5 x 5 grid: every cell in exactly one segment', () => {
    for (let r = 1; r <= 5; r++) {
      for (let f = 1; f <= 5; f++) {
        const owners = RFM_SEGMENTS.filter((name) => {
          const cell = RFM_GRID[name];
          return r >= cell.r[0] && r <= cell.r[1] && f >= cell.f[0] && f <= cell.f[1];
        });
        expect(owners).toHaveLength(1);
      }
    }
  });
  it('reads the published map (hand-checked cells)', () => {
    expect(rfmGridSegment(5, 5)).toBe('Champions');
    expect(rfmGridSegment(4, 4)).toBe('Loyal');
    expect(rfmGridSegment(5, 2)).toBe('Potential loyalist');
    expect(rfmGridSegment(5, 1)).toBe('New');
    expect(rfmGridSegment(4, 1)).toBe('Promising');
    expect(rfmGridSegment(3, 3)).toBe('Need attention');
    expect(rfmGridSegment(3, 1)).toBe('About to sleep');
    expect(rfmGridSegment(2, 4)).toBe('At risk');
    expect(rfmGridSegment(1, 5)).toBe("Can't lose them");
    expect(rfmGridSegment(2, 2)).toBe('Hibernating');
    expect(rfmGridSegment(1, 1)).toBe('Lost');
  });
  it('refuses scores off the grid', () => {
    expect(() => rfmGridSegment(0, 3)).toThrow(RangeError);
    expect(() => rfmGridSegment(3, 6)).toThrow(RangeError);
  });
});

describe('gridFrequencyScore', () => {
  it('gives one-time buyers F 1 and keeps the others', () => {
    expect(gridFrequencyScore(1, 3)).toBe(1);
    expect(gridFrequencyScore(2, 3)).toBe(3);
  });
});

describe('distanceToCell', () => {
  it('is 0 inside a cell and the Euclidean distance to its border outside', () => {
    expect(distanceToCell(5.2, 4.1, 'Champions')).toBe(0);
    // Loyal covers r [2.5, 4.5], f [3.5, 5.5]: from (5.2, 4.1) 0.7 along r
    expect(distanceToCell(5.2, 4.1, 'Loyal')).toBeCloseTo(0.7, 12);
    // Lost covers r [0.5, 1.5], f [0.5, 2.5]: from (3, 4) -> (1.5, 1.5)
    expect(distanceToCell(3, 4, 'Lost')).toBeCloseTo(Math.hypot(1.5, 1.5), 12);
  });
});
