/**
 * Internal criteria of a clustering, as scikit-learn's davies_bouldin_score and
 * calinski_harabasz_score (Euclidean). Both are linear in the number of points, so they are
 * computed on every point the k-means runs used, never on a small sample.
 */
import { addAt, at, squaredDistance } from './indexed.access.js';

type Point = readonly number[];

const distance = (a: Point, b: Point): number => Math.sqrt(squaredDistance(a, b));

/**
 * Davies-Bouldin index: the mean, over clusters, of the worst ratio (s_i + s_j) / d(c_i, c_j), where
 * s_i is the mean distance of cluster i's points to its centroid. Lower is better (0 for clusters
 * that are points). Null with fewer than 2 clusters. Two clusters with the same centroid count as
 * an infinitely bad pair only when they have spread (as scikit-learn, which gives inf then).
 */
export function daviesBouldin(points: readonly Point[], labels: readonly number[], centroids: readonly Point[]): number | null {
  const k = centroids.length;
  if (k < 2) return null;
  const spread = new Array<number>(k).fill(0);
  const counts = new Array<number>(k).fill(0);
  points.forEach((p, i) => {
    const label = at(labels, i);
    addAt(spread, label, distance(p, at(centroids, label)));
    addAt(counts, label, 1);
  });
  const meanSpread = spread.map((sum, c) => (at(counts, c) ? sum / at(counts, c) : 0));
  let total = 0;
  centroids.forEach((ci, i) => {
    let worst = 0;
    centroids.forEach((cj, j) => {
      if (i === j) return;
      const d = distance(ci, cj);
      const pair = at(meanSpread, i) + at(meanSpread, j);
      const ratio = d === 0 ? (pair === 0 ? 0 : Number.POSITIVE_INFINITY) : pair / d;
      worst = Math.max(worst, ratio);
    });
    total += worst;
  });
  return total / k;
}

/**
 * Calinski-Harabasz index (variance ratio): (between-cluster dispersion / (k - 1)) / (within-cluster
 * dispersion / (n - k)). Higher is better. Null with fewer than 2 clusters or k >= n. When the
 * within dispersion is 0 (every cluster a point), Infinity: a perfect clustering ranks first
 * (scikit-learn returns 1 there, which would rank it last).
 */
export function calinskiHarabasz(points: readonly Point[], labels: readonly number[], centroids: readonly Point[]): number | null {
  const k = centroids.length;
  const n = points.length;
  if (k < 2 || k >= n) return null;
  const mean = new Array<number>(at(points, 0).length).fill(0);
  for (const p of points) p.forEach((value, j) => addAt(mean, j, value / n));
  const counts = new Array<number>(k).fill(0);
  let within = 0;
  points.forEach((p, i) => {
    const label = at(labels, i);
    addAt(counts, label, 1);
    within += distance(p, at(centroids, label)) ** 2;
  });
  let between = 0;
  centroids.forEach((c, i) => (between += at(counts, i) * distance(c, mean) ** 2));
  return within === 0 ? Number.POSITIVE_INFINITY : (between * (n - k)) / (within * (k - 1));
}
