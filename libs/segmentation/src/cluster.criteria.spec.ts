import { describe, expect, it } from '@jest/globals';
import { calinskiHarabasz, daviesBouldin } from './cluster.criteria.js';

// Two clusters on a line: {0, 2} (centroid 1) and {10, 12} (centroid 11).
const points = [[0], [2], [10], [12]];
const labels = [0, 0, 1, 1];
const centroids = [[1], [11]];

describe('daviesBouldin', () => {
  it('matches the hand-computed value', () => {
    // s = 1 for both, d = 10: (1 + 1) / 10 = 0.2 for each cluster, mean 0.2
    expect(daviesBouldin(points, labels, centroids)).toBeCloseTo(0.2, 12);
  });
  it('takes the worst neighbour of each cluster', () => {
    // clusters {0,2} c1 s1, {6} c6 s0, {20,24} c22 s2: cluster 0 worst (1+0)/5 = 0.2, cluster 1 worst max(0.2, 2/16) = 0.2,
    // cluster 2 worst max(3/21, 2/16) = 1/7 -> (0.2 + 0.2 + 1/7) / 3
    const value = daviesBouldin([[0], [2], [6], [20], [24]], [0, 0, 1, 2, 2], [[1], [6], [22]]);
    expect(value).toBeCloseTo((0.4 + 1 / 7) / 3, 12);
  });
  it('is null for one cluster', () => {
    expect(daviesBouldin(points, [0, 0, 0, 0], [[6]])).toBeNull();
  });
});

describe('calinskiHarabasz', () => {
  it('matches the hand-computed value', () => {
    // mean 6; between 2 x 25 + 2 x 25 = 100; within 4 x 1 = 4; (100 / 1) / (4 / 2) = 50
    expect(calinskiHarabasz(points, labels, centroids)).toBeCloseTo(50, 12);
  });
  it('is Infinity for clusters without spread and null for one cluster or k = n', () => {
    expect(calinskiHarabasz([[0], [0], [5]], [0, 0, 1], [[0], [5]])).toBe(Number.POSITIVE_INFINITY);
    expect(calinskiHarabasz(points, [0, 0, 0, 0], [[6]])).toBeNull();
    expect(calinskiHarabasz([[0], [1]], [0, 1], [[0], [1]])).toBeNull();
  });
});
