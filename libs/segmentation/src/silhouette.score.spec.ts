import { describe, expect, it } from '@jest/globals';
import { sampleIndices, seededRandom } from './random.seeded.js';
import { silhouetteScore, silhouetteValues } from './silhouette.score.js';
import { pick } from './indexed.access.js';

describe('silhouetteValues', () => {
  it('matches hand-computed values on two 1-D clusters', () => {
    // {0, 1} and {4, 5}: every a = 1; b = 4.5 for the outer points, 3.5 for the inner ones
    const values = silhouetteValues([[0], [1], [4], [5]], [0, 0, 1, 1]);
    expect(values[0]).toBeCloseTo(3.5 / 4.5, 12);
    expect(values[1]).toBeCloseTo(2.5 / 3.5, 12);
    expect(values[2]).toBeCloseTo(2.5 / 3.5, 12);
    expect(values[3]).toBeCloseTo(3.5 / 4.5, 12);
  });

  it('gives 0 to a singleton and to a point whose a and b are both 0', () => {
    expect(silhouetteValues([[0], [1], [10]], [0, 0, 1])).toEqual([expect.closeTo(0.9, 12), expect.closeTo(8 / 9, 12), 0]);
    expect(silhouetteValues([[2], [2], [2], [2]], [0, 0, 1, 1])).toEqual([0, 0, 0, 0]);
  });

  it('is not defined (null) with a single cluster', () => {
    expect(silhouetteValues([[0], [1]], [3, 3])).toEqual([null, null]);
    expect(silhouetteValues([], [])).toEqual([]);
  });

  it('rejects labels that do not match the points', () => {
    expect(() => silhouetteValues([[0], [1]], [0])).toThrow(RangeError);
  });
});

describe('silhouetteScore', () => {
  it('is the mean of the values (hand-computed)', () => {
    expect(silhouetteScore([[0], [1], [4], [5]], [0, 0, 1, 1])).toBeCloseTo((3.5 / 4.5 + 2.5 / 3.5) / 2, 12);
    // 2-D: {(0,0), (0,2)} and the singleton {(3,0)}: (0,0): a 2, b 3; (0,2): a 2, b sqrt(13); singleton 0
    const s13 = Math.sqrt(13);
    expect(
      silhouetteScore(
        [
          [0, 0],
          [0, 2],
          [3, 0],
        ],
        [0, 0, 1],
      ),
    ).toBeCloseTo((1 / 3 + (s13 - 2) / s13 + 0) / 3, 12);
  });

  it('does not care about the label values', () => {
    expect(silhouetteScore([[0], [1], [4], [5]], [7, 7, -1, -1])).toBe(silhouetteScore([[0], [1], [4], [5]], [0, 0, 1, 1]));
  });

  it('is negative for a clustering against the geometry', () => {
    // {0, 5} and {1, 4}: each point is nearer the other cluster
    expect(silhouetteScore([[0], [5], [1], [4]], [0, 0, 1, 1])).toBeLessThan(0);
  });

  it('defines the degenerate cases: no points, one point, one cluster -> null; all singletons -> 0', () => {
    expect(silhouetteScore([], [])).toBeNull();
    expect(silhouetteScore([[1, 2, 3]], [0])).toBeNull();
    expect(silhouetteScore([[0], [1], [2]], [0, 0, 0])).toBeNull();
    expect(silhouetteScore([[0], [1], [2]], [0, 1, 2])).toBe(0);
    expect(silhouetteScore([[4], [4], [4], [4]], [0, 0, 1, 1])).toBe(0);
  });

  it('samples deterministically above sampleSize, within the sample', () => {
    const random = seededRandom(5);
    const points = Array.from({ length: 600 }, (_, i) => [(i % 3) * 4 + random(), random()]);
    const labels = points.map((_, i) => i % 3);
    const full = silhouetteScore(points, labels, { sampleSize: 600 }) as number;
    const sampled = silhouetteScore(points, labels, { sampleSize: 100, seed: 9 }) as number;
    expect(silhouetteScore(points, labels, { sampleSize: 100, seed: 9 })).toBe(sampled);
    expect(silhouetteScore(points, labels, { sampleSize: 100, seed: 10 })).not.toBe(sampled);
    const idx = sampleIndices(600, 100, 9);
    const manual = silhouetteValues(pick(points, idx), pick(labels, idx)) as number[];
    expect(sampled).toBeCloseTo(manual.reduce((s, v) => s + v, 0) / 100, 12);
    expect(Math.abs(sampled - full)).toBeLessThan(0.05);
    // the default sample (2000) is above 600 points: the exact value
    expect(silhouetteScore(points, labels)).toBe(full);
  });

  it('refuses a sample size below 2', () => {
    expect(() => silhouetteScore([[0], [1]], [0, 1], { sampleSize: 1 })).toThrow(RangeError);
  });
});

describe('sampleIndices', () => {
  it('draws distinct sorted indices, the same for the same seed', () => {
    const a = sampleIndices(1000, 50, 1);
    expect(a).toHaveLength(50);
    expect(new Set(a).size).toBe(50);
    expect(a).toEqual([...a].sort((x, y) => x - y));
    expect(a.every((i) => i >= 0 && i < 1000)).toBe(true);
    expect(sampleIndices(1000, 50, 1)).toEqual(a);
    expect(sampleIndices(1000, 50, 2)).not.toEqual(a);
    expect(sampleIndices(3, 10, 1)).toEqual([0, 1, 2]);
    expect(sampleIndices(0, 10, 1)).toEqual([]);
  });
});
