import { describe, expect, it } from '@jest/globals';
import { chooseClustering, inertiaOf, nearestLabels } from './kmeans.selection.js';
import { seededRandom } from './random.seeded.js';
import { at } from './indexed.access.js';

// Three blobs of 4, 3 and 2 points: centroids (0.5, 0.5), (31/3, 31/3), (20, 1)
const blobs = [
  [10, 10],
  [0, 0],
  [20, 0],
  [0, 1],
  [10, 11],
  [1, 0],
  [20, 2],
  [1, 1],
  [11, 10],
];

function blobCloud(n: number, seed: number): number[][] {
  const random = seededRandom(seed);
  const centers = [
    [0, 0, 0],
    [6, 0, 3],
    [0, 7, -4],
  ];
  return Array.from({ length: n }, (_, i) => at(centers, i % 3).map((c) => c + random() - 0.5));
}

describe('chooseClustering', () => {
  it('finds three separated blobs, numbered by decreasing size (hand-computed centroids and inertia)', () => {
    const result = chooseClustering(blobs);
    expect(result.k).toBe(3);
    expect(result.degenerate).toBeNull();
    expect(result.labels).toEqual([1, 0, 2, 0, 1, 0, 2, 0, 1]);
    expect(result.centroids[0]).toEqual([0.5, 0.5]);
    expect(result.centroids[1]?.[0]).toBeCloseTo(31 / 3, 12);
    expect(result.centroids[1]?.[1]).toBeCloseTo(31 / 3, 12);
    expect(result.centroids[2]).toEqual([20, 1]);
    // blob A: 4 x 0.5; blob B: 2/9 + 5/9 + 5/9; blob C: 1 + 1
    expect(result.inertia).toBeCloseTo(2 + 4 / 3 + 2, 10);
    expect(result.silhouette).toBeGreaterThan(0.8);
    // k 2..8 (9 distinct points: at most n - 1 = 8), silhouette best at 3
    expect(result.scores.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const best = Math.max(...result.scores.map((s) => s.silhouette as number));
    expect(result.scores.find((s) => s.k === 3)?.silhouette).toBe(best);
    expect(result.silhouette).toBe(best);
    expect(result.kmeansSample).toBeNull();
  });

  it('measures every k by silhouette, Davies-Bouldin, Calinski-Harabasz and stability, and picks the best ranked', () => {
    const result = chooseClustering(blobCloud(600, 5), { maxK: 6 });
    expect(result.k).toBe(3);
    const three = result.scores.find((s) => s.k === 3)!;
    // three unit-cube blobs far apart: every seed finds them, the best silhouette and Davies-Bouldin
    expect(three.stability).toBe(1);
    expect(three.rank).toBe(1);
    for (const s of result.scores) {
      expect(three.daviesBouldin!).toBeLessThanOrEqual(s.daviesBouldin!);
      expect(three.silhouette!).toBeGreaterThanOrEqual(s.silhouette!);
    }
    // one seed: no stability
    expect(chooseClustering(blobCloud(60, 5), { seeds: [1], maxK: 3 }).scores.every((s) => s.stability === null)).toBe(true);
  });

  it('is reproducible: the same input gives the same output', () => {
    const points = blobCloud(300, 1);
    expect(chooseClustering(points)).toEqual(chooseClustering(points));
  });

  it('keeps, for each k, the run of lowest inertia among the seeds', () => {
    const points = blobCloud(150, 2);
    const one = chooseClustering(points, { seeds: [1] });
    const three = chooseClustering(points, { seeds: [1, 2, 3] });
    three.scores.forEach((score, i) => expect(score.inertia).toBeLessThanOrEqual(at(one.scores, i).inertia + 1e-9));
  });

  it('respects minK and maxK', () => {
    const result = chooseClustering(blobs, { minK: 4, maxK: 5 });
    expect(result.scores.map((s) => s.k)).toEqual([4, 5]);
    expect([4, 5]).toContain(result.k);
  });

  it('runs k-means on a sample above kmeansSampleSize, refines on all points, and stays reproducible', () => {
    const points = blobCloud(3000, 3);
    const result = chooseClustering(points, { kmeansSampleSize: 500, sampleSize: 300 });
    expect(result.kmeansSample).toBe(500);
    expect(result.k).toBe(3);
    expect(result.labels).toHaveLength(3000);
    // every blob is one cluster, each of 1000 points
    for (let blob = 0; blob < 3; blob++) {
      expect(new Set(result.labels.filter((_, i) => i % 3 === blob)).size).toBe(1);
    }
    expect(new Set(result.labels).size).toBe(3);
    expect(result.inertia).toBeCloseTo(inertiaOf(points, result.labels, result.centroids), 6);
    expect(chooseClustering(points, { kmeansSampleSize: 500, sampleSize: 300 })).toEqual(result);
  });

  describe('degenerate inputs: one cluster, said in the result', () => {
    it('no points: empty result', () => {
      expect(chooseClustering([])).toEqual({
        k: 0,
        labels: [],
        centroids: [],
        inertia: 0,
        silhouette: null,
        scores: [],
        degenerate: 'no-points',
        kmeansSample: null,
      });
    });

    it('one point', () => {
      expect(chooseClustering([[1, 2, 3]])).toEqual({
        k: 1,
        labels: [0],
        centroids: [[1, 2, 3]],
        inertia: 0,
        silhouette: null,
        scores: [],
        degenerate: 'single-point',
        kmeansSample: null,
      });
    });

    it('all points identical', () => {
      const result = chooseClustering([
        [2, 2],
        [2, 2],
        [2, 2],
      ]);
      expect(result).toMatchObject({
        k: 1,
        labels: [0, 0, 0],
        centroids: [[2, 2]],
        inertia: 0,
        silhouette: null,
        degenerate: 'identical-points',
      });
    });

    it('fewer distinct points than minK', () => {
      const points = [[0], [0], [0], [5], [5]];
      const result = chooseClustering(points, { minK: 3 });
      expect(result).toMatchObject({
        k: 1,
        labels: [0, 0, 0, 0, 0],
        centroids: [[2]],
        silhouette: null,
        degenerate: 'too-few-distinct-points',
      });
      // 3 x 2^2 + 2 x 3^2
      expect(result.inertia).toBe(30);
    });

    it('two distinct locations are two clusters, with a perfect silhouette', () => {
      const result = chooseClustering([[0], [0], [0], [5], [5]]);
      expect(result).toMatchObject({ k: 2, labels: [0, 0, 0, 1, 1], centroids: [[0], [5]], inertia: 0, silhouette: 1, degenerate: null });
      expect(result.scores.map((s) => s.k)).toEqual([2]);
    });

    it('fewer points than k: two distinct points cannot be scored (k <= n - 1)', () => {
      expect(chooseClustering([[0], [4]])).toMatchObject({
        k: 1,
        labels: [0, 0],
        centroids: [[2]],
        inertia: 8,
        silhouette: null,
        degenerate: 'too-few-points',
      });
    });

    it('fewer points than maxK: k goes up to n - 1 only', () => {
      // {0, 1} and {10}: silhouettes 0.9, 8/9 and 0 for the singleton
      const result = chooseClustering([[0], [1], [10]], { maxK: 8 });
      expect(result.scores.map((s) => s.k)).toEqual([2]);
      expect(result).toMatchObject({ k: 2, labels: [0, 0, 1], centroids: [[0.5], [10]], inertia: 0.5, degenerate: null });
      expect(result.silhouette).toBeCloseTo((0.9 + 8 / 9 + 0) / 3, 12);
    });
  });

  it('refuses invalid options and invalid points', () => {
    expect(() => chooseClustering(blobs, { minK: 1 })).toThrow(RangeError);
    expect(() => chooseClustering(blobs, { minK: 4, maxK: 3 })).toThrow(RangeError);
    expect(() => chooseClustering(blobs, { seeds: [] })).toThrow(RangeError);
    expect(() => chooseClustering(blobs, { kmeansSampleSize: 5 })).toThrow(RangeError);
    expect(() => chooseClustering([[0, 1], [2]])).toThrow(RangeError);
    expect(() => chooseClustering([[0], [Number.NaN]])).toThrow(RangeError);
  });
});

describe('nearestLabels and inertiaOf', () => {
  it('assign to the nearest centroid and sum the squared distances', () => {
    const centroids = [
      [0, 0],
      [10, 0],
    ];
    const points = [
      [1, 1],
      [9, 2],
      [5, 0],
    ];
    // (5, 0) is at the same distance of both: the lower index
    expect(nearestLabels(points, centroids)).toEqual([0, 1, 0]);
    expect(inertiaOf(points, [0, 1, 0], centroids)).toBe(2 + 5 + 25);
  });
});
