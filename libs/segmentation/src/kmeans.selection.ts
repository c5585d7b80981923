import { kmeans } from 'ml-kmeans';
import { calinskiHarabasz, daviesBouldin } from './cluster.criteria.js';
import { chooseK } from './k.choice.js';
import { addAt, at, pick, squaredDistance } from './indexed.access.js';
import { kmeansPlusPlusCenters } from './kmeans.init.js';
import { adjustedRandIndex } from './label.agreement.js';
import { sampleIndices } from './random.seeded.js';
import { DEFAULT_SILHOUETTE_SAMPLE_SIZE, silhouetteScore } from './silhouette.score.js';

type Point = readonly number[];

export interface ChooseClusteringOptions {
  /** Smallest k tried (>= 2). Default 2. */
  minK?: number;
  /** Largest k tried; also capped by the number of distinct points and by n - 1. Default 8. */
  maxK?: number;
  /** One k-means++ run per seed and per k; the run with the lowest inertia is kept. Default [1, 2, 3]. */
  seeds?: readonly number[];
  /** Silhouette computed on samples of this many points (when there are more). Default 2000. */
  sampleSize?: number;
  /** Number of independent silhouette samples whose mean scores each k (when there are more points than sampleSize). Default 3. */
  silhouetteSamples?: number;
  /**
   * Above this many points, the k-means runs of every k and seed use a seeded sample of this size;
   * the chosen clustering is then refined on all points (Lloyd iterations from the sample's centroids
   * until convergence, which also assigns every point). Default 20000. Infinity: always all points.
   */
  kmeansSampleSize?: number;
  /** Seed of the silhouette and k-means samples. Default 0. */
  sampleSeed?: number;
  /** Maximum Lloyd iterations of one k-means run (ml-kmeans' maxIterations). Default 100. */
  maxIterations?: number;
}

/** The kept run for one k. */
export interface KScore {
  k: number;
  /** Sum of squared Euclidean distances to the centroids, on the points the runs used (see `kmeansSample`). */
  inertia: number;
  /** Mean silhouette, averaged over the silhouette samples; null when not defined there (fewer than 2 clusters in a sample). */
  silhouette: number | null;
  /** Davies-Bouldin index of the kept run on the points it used (lower is better). */
  daviesBouldin: number | null;
  /** Calinski-Harabasz index of the kept run on the points it used (higher is better). */
  calinskiHarabasz: number | null;
  /**
   * Mean adjusted Rand index between the kept run and the run of every other seed (1: every seed
   * finds the same clusters); null with a single seed.
   */
  stability: number | null;
  /** Mean of the k's ranks under the silhouette and Davies-Bouldin among the k tried (1: best on both); see chooseK. */
  rank: number;
  /** Seed of the kept run (lowest inertia; ties: first seed). */
  seed: number;
  iterations: number;
  converged: boolean;
}

/**
 * Why no k-means clustering was possible; the result is then one cluster (or none without points):
 * - no-points: no points at all (k 0);
 * - single-point: one point;
 * - identical-points: all points equal;
 * - too-few-distinct-points: fewer distinct points than minK;
 * - too-few-points: all points distinct but n - 1 < minK (a silhouette needs k <= n - 1);
 * - no-valid-clustering: every run of every k ended with an empty cluster (not expected in practice).
 */
export type DegenerateReason =
  'no-points' | 'single-point' | 'identical-points' | 'too-few-distinct-points' | 'too-few-points' | 'no-valid-clustering';

export interface ClusteringResult {
  /** Number of clusters (1 when degenerate, 0 without points). */
  k: number;
  /**
   * Cluster of every point, in input order. Clusters are numbered by decreasing size (ties: smaller
   * centroid first, coordinate by coordinate), so the numbering is stable for the same input.
   */
  labels: number[];
  /** Centroid of each cluster, in the points' space (the mean of the cluster's points). */
  centroids: number[][];
  /** Sum of squared Euclidean distances of all the points to their centroids. */
  inertia: number;
  /** Mean silhouette of the final labels (on the silhouette sample); null when degenerate. */
  silhouette: number | null;
  /** The kept run of every k tried, by increasing k (k values whose runs all ended with an empty cluster are left out). */
  scores: KScore[];
  /** Why there is a single cluster, or null when k-means chose k. */
  degenerate: DegenerateReason | null;
  /** Size of the sample the k-means runs used, or null when they used all the points. */
  kmeansSample: number | null;
}

export const DEFAULT_SEEDS: readonly number[] = [1, 2, 3];
export const DEFAULT_KMEANS_SAMPLE_SIZE = 20_000;

interface Run {
  labels: number[];
  centroids: number[][];
  inertia: number;
  iterations: number;
  converged: boolean;
}

/**
 * Chooses the number of clusters and the clustering, with ml-kmeans (k-means++ initialization).
 *
 * For each k from minK to min(maxK, distinct points, n - 1): one run per seed, keeping the run with
 * the lowest inertia (runs ending with an empty cluster are discarded); each k is measured by the
 * mean silhouette of its kept run over `silhouetteSamples` seeded samples of sampleSize points, its
 * Davies-Bouldin and Calinski-Harabasz indexes on the points the runs used, and its stability across
 * seeds; chooseK picks k from those. Everything is seeded: the same input gives the same output.
 *
 * Degenerate inputs do not throw: see DegenerateReason. Invalid options (minK < 2, maxK < minK, no
 * seeds, ...) and points of different dimensions or with non-finite coordinates do throw a RangeError.
 */
export function chooseClustering(points: readonly Point[], options: ChooseClusteringOptions = {}): ClusteringResult {
  const minK = options.minK ?? 2;
  const maxK = options.maxK ?? 8;
  const seeds = options.seeds ?? DEFAULT_SEEDS;
  const sampleSize = options.sampleSize ?? DEFAULT_SILHOUETTE_SAMPLE_SIZE;
  const kmeansSampleSize = options.kmeansSampleSize ?? DEFAULT_KMEANS_SAMPLE_SIZE;
  const sampleSeed = options.sampleSeed ?? 0;
  const silhouetteSamples = options.silhouetteSamples ?? 3;
  const maxIterations = options.maxIterations ?? 100;
  if (!Number.isInteger(minK) || minK < 2) throw new RangeError(`chooseClustering: minK must be an integer >= 2, got ${minK}`);
  if (!Number.isInteger(maxK) || maxK < minK) throw new RangeError(`chooseClustering: maxK must be an integer >= minK, got ${maxK}`);
  if (seeds.length === 0 || !seeds.every(Number.isInteger))
    throw new RangeError('chooseClustering: seeds must be a non-empty list of integers');
  if (!(kmeansSampleSize === Number.POSITIVE_INFINITY || (Number.isInteger(kmeansSampleSize) && kmeansSampleSize > maxK))) {
    throw new RangeError(`chooseClustering: kmeansSampleSize must be an integer > maxK or Infinity, got ${kmeansSampleSize}`);
  }
  if (!Number.isInteger(silhouetteSamples) || silhouetteSamples < 1)
    throw new RangeError(`chooseClustering: silhouetteSamples must be a positive integer, got ${silhouetteSamples}`);
  if (!Number.isInteger(maxIterations) || maxIterations < 1)
    throw new RangeError(`chooseClustering: maxIterations must be a positive integer, got ${maxIterations}`);
  checkPoints(points);

  const n = points.length;
  if (n === 0)
    return { k: 0, labels: [], centroids: [], inertia: 0, silhouette: null, scores: [], degenerate: 'no-points', kmeansSample: null };
  const distinct = countDistinct(points, maxK + 1);
  const kMax = Math.min(maxK, distinct, n - 1);
  if (n === 1) return singleCluster(points, 'single-point');
  if (distinct === 1) return singleCluster(points, 'identical-points');
  if (kMax < minK) return singleCluster(points, distinct < minK ? 'too-few-distinct-points' : 'too-few-points');

  const sampled = n > kmeansSampleSize;
  const sample = sampled ? pick(points, sampleIndices(n, kmeansSampleSize, sampleSeed)) : points;
  const sampleDistinct = sampled ? countDistinct(sample, maxK + 1) : distinct;
  // Several silhouette samples (one when they would all be every point): the mean is less noisy than one sample.
  const samplesCount = n > sampleSize ? silhouetteSamples : 1;
  const silhouetteIdxs = Array.from({ length: samplesCount }, (_, s) => sampleIndices(n, sampleSize, sampleSeed + 1 + s));
  const silhouetteOf = (labelsOf: (indices: readonly number[]) => readonly number[]) => meanSilhouette(points, silhouetteIdxs, labelsOf);

  const scores: Omit<KScore, 'rank'>[] = [];
  const kept = new Map<number, { run: Run; onSample: boolean }>();
  for (let k = minK; k <= kMax; k++) {
    // A sample with fewer distinct points than k cannot hold k clusters: run on all points.
    const onSample = sampled && k <= sampleDistinct;
    const data = onSample ? sample : points;
    const runs: { run: Run; seed: number }[] = [];
    for (const seed of seeds) {
      const run = runKmeans(data, k, seed, maxIterations);
      if (run !== null) runs.push({ run, seed });
    }
    if (runs.length === 0) continue;
    const { run, seed } = runs.reduce((best, r) => (r.run.inertia < best.run.inertia ? r : best));
    const others = runs.filter((r) => r.run !== run);
    const stability =
      seeds.length < 2
        ? null
        : others.length === 0
          ? 0
          : others.reduce((sum, r) => sum + adjustedRandIndex(run.labels, r.run.labels), 0) / others.length;
    const labelsOf = (indices: readonly number[]) =>
      onSample ? nearestLabels(pick(points, indices), run.centroids) : pick(run.labels, indices);
    scores.push({
      k,
      inertia: run.inertia,
      silhouette: silhouetteOf(labelsOf),
      daviesBouldin: daviesBouldin(data, run.labels, run.centroids),
      calinskiHarabasz: calinskiHarabasz(data, run.labels, run.centroids),
      stability,
      seed,
      iterations: run.iterations,
      converged: run.converged,
    });
    kept.set(k, { run, onSample });
  }

  const ranked = chooseK(scores);
  const chosen = ranked.chosen;
  if (chosen === null)
    return { ...singleCluster(points, 'no-valid-clustering'), scores: ranked.scores, kmeansSample: sampled ? sample.length : null };

  const keptRun = kept.get(chosen.k);
  if (keptRun === undefined) throw new Error(`chooseClustering: no kept run for the chosen k ${chosen.k}`);
  const { run, onSample } = keptRun;
  let final: Run = run;
  if (onSample) {
    // Refine on all points from the sample's centroids; this also assigns every point.
    // A cluster emptied by the refinement (not expected: every centroid starts as the mean of sample
    // points) is dropped rather than kept with a stale centroid.
    const refined = kmeans(points as number[][], chosen.k, { initialization: run.centroids.map((c) => [...c]), maxIterations });
    const { labels, k } = dropEmptyClusters(refined.clusters, chosen.k);
    const refinedRun = finishRun(points, labels, k, refined.iterations, refined.converged);
    // dropEmptyClusters leaves every cluster with points, so finishRun has a run to give.
    if (refinedRun === null) throw new Error('chooseClustering: the refined clustering has an empty cluster');
    final = refinedRun;
  }
  const { labels, centroids } = canonicalOrder(final.labels, final.centroids);
  return {
    k: centroids.length,
    labels,
    centroids,
    inertia: final.inertia,
    silhouette: onSample ? silhouetteOf((indices) => pick(labels, indices)) : chosen.silhouette,
    scores: ranked.scores,
    degenerate: null,
    kmeansSample: sampled ? sample.length : null,
  };
}

/** Mean of the silhouettes of the samples; null when any sample has fewer than 2 clusters. */
function meanSilhouette(
  points: readonly Point[],
  samples: readonly (readonly number[])[],
  labelsOf: (indices: readonly number[]) => readonly number[],
): number | null {
  let sum = 0;
  for (const indices of samples) {
    const value = silhouetteScore(pick(points, indices), labelsOf(indices), { sampleSize: Math.max(2, indices.length) });
    if (value === null) return null;
    sum += value;
  }
  return sum / samples.length;
}

function checkPoints(points: readonly Point[]): void {
  const first = points[0];
  if (first === undefined) return;
  const dim = first.length;
  if (dim === 0) throw new RangeError('chooseClustering: points without coordinates');
  for (const p of points) {
    if (p.length !== dim) throw new RangeError('chooseClustering: points of different dimensions');
    for (const v of p) if (!Number.isFinite(v)) throw new RangeError('chooseClustering: non-finite coordinate');
  }
}

/** Number of distinct points, counting no further than `cap`. */
function countDistinct(points: readonly Point[], cap: number): number {
  const seen = new Set<string>();
  for (const p of points) {
    seen.add(p.join(','));
    if (seen.size >= cap) break;
  }
  return seen.size;
}

function runKmeans(data: readonly Point[], k: number, seed: number, maxIterations: number): Run | null {
  // The k-means++ centers ml-kmeans would pick, drawn without its allocations (kmeans.init.ts).
  const result = kmeans(data as number[][], k, { initialization: kmeansPlusPlusCenters(data, k, seed), maxIterations });
  return finishRun(data, result.clusters, k, result.iterations, result.converged);
}

/**
 * Centroids as the means of the labelled points, and the inertia. Null when a cluster is empty
 * (ml-kmeans keeps an empty cluster's previous centroid: such a run does not have k clusters).
 */
function finishRun(points: readonly Point[], labels: readonly number[], k: number, iterations: number, converged: boolean): Run | null {
  const dim = at(points, 0).length;
  const sums = Array.from({ length: k }, () => new Array<number>(dim).fill(0));
  const counts = new Array<number>(k).fill(0);
  points.forEach((p, i) => {
    const c = at(labels, i);
    addAt(counts, c, 1);
    const sum = at(sums, c);
    p.forEach((value, j) => addAt(sum, j, value));
  });
  if (counts.some((count) => count === 0)) return null;
  const centroids = sums.map((sum, c) => sum.map((v) => v / at(counts, c)));
  return { labels: [...labels], centroids, inertia: inertiaOf(points, labels, centroids), iterations, converged };
}

/** Renumbers the labels 0..k'-1 over the clusters that have points, in their order. */
function dropEmptyClusters(labels: readonly number[], k: number): { labels: number[]; k: number } {
  const used = new Array<boolean>(k).fill(false);
  for (const label of labels) used[label] = true;
  // The new number of each used cluster (-1 for an empty one, which no label points at).
  const rank = new Array<number>(k).fill(-1);
  let next = 0;
  used.forEach((isUsed, c) => {
    if (isUsed) rank[c] = next++;
  });
  return { labels: pick(rank, labels), k: next };
}

/** Sum of squared Euclidean distances of the points to the centroid of their label. */
export function inertiaOf(points: readonly Point[], labels: readonly number[], centroids: readonly Point[]): number {
  let inertia = 0;
  points.forEach((p, i) => {
    const c = at(centroids, at(labels, i));
    p.forEach((v, j) => (inertia += (v - at(c, j)) ** 2));
  });
  return inertia;
}

/** Index of the nearest centroid of every point (squared Euclidean; ties: the lower index). */
export function nearestLabels(points: readonly Point[], centroids: readonly Point[]): number[] {
  return points.map((p) => {
    let best = 0;
    let bestDistance = Number.POSITIVE_INFINITY;
    centroids.forEach((c, index) => {
      const d = squaredDistance(p, c);
      if (d < bestDistance) {
        bestDistance = d;
        best = index;
      }
    });
    return best;
  });
}

/** Renumbers clusters by decreasing size, ties by increasing centroid (lexicographic). */
function canonicalOrder(labels: readonly number[], centroids: readonly number[][]): { labels: number[]; centroids: number[][] } {
  const sizes = new Array<number>(centroids.length).fill(0);
  for (const label of labels) addAt(sizes, label, 1);
  const order = centroids
    .map((_, c) => c)
    .sort((a, b) => {
      if (at(sizes, a) !== at(sizes, b)) return at(sizes, b) - at(sizes, a);
      const ca = at(centroids, a);
      const cb = at(centroids, b);
      for (let j = 0; j < ca.length; j++) {
        if (at(ca, j) !== at(cb, j)) return at(ca, j) - at(cb, j);
      }
      return a - b;
    });
  const rank = new Array<number>(centroids.length).fill(0);
  order.forEach((c, r) => (rank[c] = r));
  return { labels: pick(rank, labels), centroids: order.map((c) => [...at(centroids, c)]) };
}

function singleCluster(points: readonly Point[], degenerate: DegenerateReason): ClusteringResult {
  const labels = new Array<number>(points.length).fill(0);
  const centroid = at(points, 0).map((_, j) => points.reduce((s, p) => s + at(p, j), 0) / points.length);
  return {
    k: 1,
    labels,
    centroids: [centroid],
    inertia: inertiaOf(points, labels, [centroid]),
    silhouette: null,
    scores: [],
    degenerate,
    kmeansSample: null,
  };
}
