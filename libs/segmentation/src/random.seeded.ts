import { at } from './indexed.access.js';
/**
 * Seeded randomness for the samples the segmentation draws (silhouette sample, k-means sample), so
 * that the same input always gives the same output. Math.random is never used.
 */

/** mulberry32: a small 32-bit PRNG, good enough for sampling; returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `size` distinct indices out of [0, n), drawn uniformly with the seed (partial Fisher-Yates),
 * returned in ascending order. When size >= n, all indices 0..n-1.
 */
export function sampleIndices(n: number, size: number, seed: number): number[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (size >= n) return Array.from({ length: n }, (_, i) => i);
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`size must be a non-negative integer, got ${size}`);
  const random = seededRandom(seed);
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (n - i));
    const tmp = at(pool, i);
    pool[i] = at(pool, j);
    pool[j] = tmp;
  }
  return Array.from(pool.subarray(0, size)).sort((a, b) => a - b);
}
