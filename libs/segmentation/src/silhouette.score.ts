import { at, atFloat, atInt } from './indexed.access.js';
import { sampleIndices } from './random.seeded.js';

export interface SilhouetteOptions {
  /** Above this many points, the score is computed on a seeded random sample of this size. Default 2000. */
  sampleSize?: number;
  /** Seed of that sample. Default 0. */
  seed?: number;
}

export const DEFAULT_SILHOUETTE_SAMPLE_SIZE = 2000;

/**
 * Silhouette of every point (Euclidean distance), as scikit-learn's silhouette_samples:
 * a = mean distance to the other points of its cluster, b = smallest mean distance to the points of
 * another cluster, s = (b - a) / max(a, b).
 * Degenerate cases: a point alone in its cluster (singleton) gets 0; a = b = 0 (the point and its
 * nearest other cluster all at the same place) gets 0. With fewer than 2 clusters there is no
 * "other cluster" and the silhouette is not defined: every value is null.
 * Labels are any numbers (compared by value); quadratic in the number of points.
 */
export function silhouetteValues(points: readonly (readonly number[])[], labels: readonly number[]): (number | null)[] {
  checkInput(points, labels);
  return silhouetteOfSubset(
    points,
    labels,
    points.map((_, i) => i),
  );
}

/**
 * Mean silhouette (Euclidean) of a clustering, between -1 and 1; higher is better separated.
 * When there are more points than sampleSize, the mean is taken over a seeded random sample of
 * sampleSize points, the silhouette of each being computed within the sample (as scikit-learn's
 * silhouette_score with sample_size): same input and seed, same score.
 * Returns null when it is not defined: no points, or fewer than 2 clusters (in the sample).
 * Singletons count as 0 (so n points in n clusters score 0).
 */
export function silhouetteScore(
  points: readonly (readonly number[])[],
  labels: readonly number[],
  options: SilhouetteOptions = {},
): number | null {
  checkInput(points, labels);
  const sampleSize = options.sampleSize ?? DEFAULT_SILHOUETTE_SAMPLE_SIZE;
  if (!Number.isInteger(sampleSize) || sampleSize < 2)
    throw new RangeError(`silhouetteScore: sampleSize must be an integer >= 2, got ${sampleSize}`);
  const indices = sampleIndices(points.length, sampleSize, options.seed ?? 0);
  const values = silhouetteOfSubset(points, labels, indices);
  // Either every value is null (fewer than 2 clusters) or none is.
  let sum = 0;
  for (const v of values) {
    if (v === null) return null;
    sum += v;
  }
  return values.length === 0 ? null : sum / values.length;
}

function checkInput(points: readonly (readonly number[])[], labels: readonly number[]): void {
  if (points.length !== labels.length) throw new RangeError(`silhouette: ${points.length} points but ${labels.length} labels`);
}

/** Silhouette of the points at `indices`, computed among those points only. */
function silhouetteOfSubset(
  points: readonly (readonly number[])[],
  labels: readonly number[],
  indices: readonly number[],
): (number | null)[] {
  const s = indices.length;
  if (s === 0) return [];
  const dim = at(points, at(indices, 0)).length;
  // Compact labels 0..k-1 and a flat copy of the coordinates, for a tight inner loop.
  const ids = new Map<number, number>();
  const label = new Int32Array(s);
  const flat = new Float64Array(s * dim);
  for (let a = 0; a < s; a++) {
    const index = at(indices, a);
    const raw = at(labels, index);
    let id = ids.get(raw);
    if (id === undefined) {
      id = ids.size;
      ids.set(raw, id);
    }
    label[a] = id;
    const p = at(points, index);
    if (p.length !== dim) throw new RangeError('silhouette: points of different dimensions');
    flat.set(p, a * dim);
  }
  const k = ids.size;
  if (k < 2) return new Array<null>(s).fill(null);

  const counts = new Int32Array(k);
  for (const id of label) counts[id] = atInt(counts, id) + 1;
  // sums[a * k + c] = sum of the distances from point a to the points of cluster c
  const sums = new Float64Array(s * k);
  for (let a = 0; a < s; a++) {
    const la = atInt(label, a);
    const oa = a * dim;
    for (let b = a + 1; b < s; b++) {
      const ob = b * dim;
      let d2 = 0;
      for (let j = 0; j < dim; j++) {
        const diff = atFloat(flat, oa + j) - atFloat(flat, ob + j);
        d2 += diff * diff;
      }
      const d = Math.sqrt(d2);
      sums[a * k + atInt(label, b)] = atFloat(sums, a * k + atInt(label, b)) + d;
      sums[b * k + la] = atFloat(sums, b * k + la) + d;
    }
  }

  const values = new Array<number>(s);
  for (let a = 0; a < s; a++) {
    const own = atInt(label, a);
    const ownCount = atInt(counts, own);
    if (ownCount === 1) {
      values[a] = 0;
      continue;
    }
    const intra = atFloat(sums, a * k + own) / (ownCount - 1);
    let nearest = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      if (c !== own) nearest = Math.min(nearest, atFloat(sums, a * k + c) / atInt(counts, c));
    }
    const denominator = Math.max(intra, nearest);
    values[a] = denominator === 0 ? 0 : (nearest - intra) / denominator;
  }
  return values;
}
