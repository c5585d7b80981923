import { Random } from 'ml-random';
import { at, atFloat } from './indexed.access.js';

type Point = readonly number[];

/**
 * The k-means++ initial centers that ml-kmeans' `initialization: 'kmeans++'` picks for the same
 * points, k and seed (greedy k-means++ as scikit-learn's, 2 + floor(ln k) candidates per center, drawn
 * with ml-random's seeded generator): the same draws in the same order and the same arithmetic, so
 * the clustering that follows is the same (kmeans.init.spec.ts compares both).
 *
 * Why not ml-kmeans' own: it copies the points into an ml-matrix and allocates a row array for every
 * distance it computes, several arrays of n per center; on 20,000 points and 21 runs that is a few
 * hundred megabytes of short-lived objects, which V8 promotes to the old generation and the process
 * keeps as resident memory. This one works on one flat Float64Array of the points and a few
 * Float64Arrays of n, reused for every center.
 */
export function kmeansPlusPlusCenters(points: readonly Point[], k: number, seed: number): number[][] {
  const n = points.length;
  const dim = at(points, 0).length;
  const flat = new Float64Array(n * dim);
  points.forEach((p, i) => flat.set(p, i * dim));
  const random = new Random(seed);
  const trials = 2 + Math.floor(Math.log(k));
  const centers: number[] = [random.randInt(n)];

  // closest[i]: squared distance of point i to its nearest center so far.
  let closest = new Float64Array(n);
  distancesTo(flat, dim, at(centers, 0), closest);
  const cumulative = new Float64Array(n);
  const candidate = Array.from({ length: trials }, () => new Float64Array(n));
  let spare = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    cumulativeProbabilities(closest, cumulative);
    const candidates = Array.from({ length: trials }, () => drawIndex(cumulative, random.random()));
    candidates.forEach((index, j) => distancesTo(flat, dim, index, at(candidate, j)));
    let best = -1;
    let bestPotential = Number.POSITIVE_INFINITY;
    for (let j = 0; j < trials; j++) {
      const distances = at(candidate, j);
      let potential = 0;
      for (let i = 0; i < n; i++) potential += Math.min(atFloat(closest, i), atFloat(distances, i));
      if (potential < bestPotential) {
        best = j;
        bestPotential = potential;
      }
    }
    centers.push(at(candidates, best));
    const distances = at(candidate, best);
    for (let i = 0; i < n; i++) spare[i] = Math.min(atFloat(closest, i), atFloat(distances, i));
    [closest, spare] = [spare, closest];
  }
  return centers.map((index) => Array.from(flat.subarray(index * dim, (index + 1) * dim)));
}

/** Squared Euclidean distance of every point to point `index`, as ml-distance-euclidean sums it. */
function distancesTo(flat: Float64Array, dim: number, index: number, out: Float64Array): void {
  const o = index * dim;
  for (let i = 0; i < out.length; i++) {
    let d = 0;
    for (let j = 0; j < dim; j++) {
      const diff = atFloat(flat, i * dim + j) - atFloat(flat, o + j);
      d += diff * diff;
    }
    out[i] = d;
  }
}

/**
 * Running sums of the draw probabilities (each distance times the reciprocal of their sum, as
 * ml-kmeans scales them), checked to end at 1 as ml-random checks them.
 */
function cumulativeProbabilities(closest: Float64Array, out: Float64Array): void {
  let sum = atFloat(closest, 0);
  for (let i = 1; i < closest.length; i++) sum += atFloat(closest, i);
  const scale = 1 / sum;
  let running = atFloat(closest, 0) * scale;
  out[0] = running;
  for (let i = 1; i < closest.length; i++) {
    running += atFloat(closest, i) * scale;
    out[i] = running;
  }
  if (!(Math.abs(1 - running) <= 1e-8)) throw new Error(`probabilities should sum to 1, but instead sums to ${running}`);
}

/** The first index whose running sum reaches the draw (ml-random's choice with probabilities). */
function drawIndex(cumulative: Float64Array, draw: number): number {
  let index = 0;
  while (draw > atFloat(cumulative, index)) index++;
  return index;
}
