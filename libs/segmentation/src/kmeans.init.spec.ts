import { describe, expect, it } from '@jest/globals';
import { kmeans } from 'ml-kmeans';
import { kmeansPlusPlusCenters } from './kmeans.init.js';
import { seededRandom } from './random.seeded.js';

/** Points in three loose groups with a skewed spread, as standardized customer features look. */
function points(n: number, seed: number): number[][] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const group = i % 3;
    return [group * 2 + random() * random() * 3, Math.log1p(random() * 10) - group, random() - 0.5];
  });
}

describe('kmeansPlusPlusCenters', () => {
  it.each([
    [2, 1],
    [3, 2],
    [5, 3],
    [8, 1],
    [11, 7],
  ])('gives the clustering of ml-kmeans with kmeans++ (k %i, seed %i)', (k, seed) => {
    const data = points(1500, 40 + k);
    const theirs = kmeans(data, k, { initialization: 'kmeans++', seed, maxIterations: 100 });
    const ours = kmeans(data, k, { initialization: kmeansPlusPlusCenters(data, k, seed), maxIterations: 100 });
    expect(ours.clusters).toEqual(theirs.clusters);
    expect(ours.centroids).toEqual(theirs.centroids);
    expect(ours.iterations).toBe(theirs.iterations);
  });

  it('picks the same first centers as ml-kmeans (one iteration from each)', () => {
    const data = points(400, 9);
    const theirs = kmeans(data, 4, { initialization: 'kmeans++', seed: 5, maxIterations: 1 });
    const ours = kmeans(data, 4, { initialization: kmeansPlusPlusCenters(data, 4, 5), maxIterations: 1 });
    expect(ours.centroids).toEqual(theirs.centroids);
  });

  it('returns k distinct points of the data, reproducibly', () => {
    const data = points(300, 3);
    const centers = kmeansPlusPlusCenters(data, 6, 11);
    expect(centers).toHaveLength(6);
    expect(new Set(centers.map((c) => c.join(','))).size).toBe(6);
    for (const c of centers) expect(data).toContainEqual(c);
    expect(kmeansPlusPlusCenters(data, 6, 11)).toEqual(centers);
    expect(kmeansPlusPlusCenters(data, 6, 12)).not.toEqual(centers);
  });
});
