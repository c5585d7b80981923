/**
 * Internal criteria of a clustering, as scikit-learn's davies_bouldin_score and
 * calinski_harabasz_score (Euclidean). Both are linear in the number of points, so they are
 * computed on every point the k-means runs used, never on a small sample.
 */
type Point = readonly number[];

function distance(a: Point, b: Point): number {
  let d = 0;
  for (let j = 0; j < a.length; j++) d += (a[j] - b[j]) ** 2;
  return Math.sqrt(d);
}

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
    spread[labels[i]] += distance(p, centroids[labels[i]]);
    counts[labels[i]]++;
  });
  for (let c = 0; c < k; c++) spread[c] = counts[c] ? spread[c] / counts[c] : 0;
  let total = 0;
  for (let i = 0; i < k; i++) {
    let worst = 0;
    for (let j = 0; j < k; j++) {
      if (i === j) continue;
      const d = distance(centroids[i], centroids[j]);
      const ratio = d === 0 ? (spread[i] + spread[j] === 0 ? 0 : Number.POSITIVE_INFINITY) : (spread[i] + spread[j]) / d;
      worst = Math.max(worst, ratio);
    }
    total += worst;
  }
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
  const dim = points[0].length;
  const mean = new Array<number>(dim).fill(0);
  for (const p of points) for (let j = 0; j < dim; j++) mean[j] += p[j] / n;
  const counts = new Array<number>(k).fill(0);
  let within = 0;
  points.forEach((p, i) => {
    counts[labels[i]]++;
    within += distance(p, centroids[labels[i]]) ** 2;
  });
  let between = 0;
  centroids.forEach((c, i) => (between += counts[i] * distance(c, mean) ** 2));
  return within === 0 ? Number.POSITIVE_INFINITY : (between * (n - k)) / (within * (k - 1));
}
