/** Cumulative histogram buckets as prom-client reports them: upper bound `le` and count of values <= le. */
export interface CumulativeBucket {
  le: number;
  count: number;
}

/**
 * The q-quantile of a histogram, interpolated linearly inside the bucket that holds it (what
 * PromQL's histogram_quantile does). Null when there is no observation. A quantile that falls in
 * the +Inf bucket is reported as the highest finite bound.
 */
export function histogramQuantile(q: number, buckets: CumulativeBucket[]): number | null {
  if (q < 0 || q > 1) throw new RangeError('q must be in [0, 1]');
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const total = sorted.at(-1)?.count ?? 0;
  if (total === 0) return null;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const { le, count } of sorted) {
    if (count >= rank) {
      if (!Number.isFinite(le)) return lowerBound;
      const inBucket = count - lowerCount;
      return inBucket === 0 ? le : lowerBound + ((le - lowerBound) * (rank - lowerCount)) / inBucket;
    }
    lowerBound = Number.isFinite(le) ? le : lowerBound;
    lowerCount = count;
  }
  return lowerBound;
}
