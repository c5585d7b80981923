import type { CustomerAggregate, RfmScore, RfmScores } from './segmentation.types.js';
import { at } from './indexed.access.js';

export interface QuintileOptions {
  /** true for frequency and monetary (more is better), false for recency (fewer days is better). */
  higherIsBetter: boolean;
}

/**
 * Classic 1-5 RFM scores by quintile.
 *
 * Each value is placed by its mid-rank percentile p = (number of values strictly below + half the
 * number of values equal to it) / n, and scored floor(5p) + 1 (so 1..5), computed in integers to
 * avoid rounding at the quintile boundaries. With higherIsBetter false the score is reversed
 * (6 - score), so the fewest recency days get 5.
 *
 * Consequences, all intended:
 * - ties always get the same score (they share the same mid-rank);
 * - n distinct values split into exact quintiles when n is a multiple of 5 (10 values: 1,1,2,2,...,5,5);
 * - one value, or all values identical: p = 0.5, every score is 3 (nothing to rank against);
 * - two distinct values: p = 0.25 and 0.75, scores 2 and 4 (not 1 and 5: two customers are not
 *   enough evidence for the extreme quintiles);
 * - a large tie block lands on the score of its middle (half the customers with 1 invoice -> score 2).
 *
 * Throws a RangeError on a non-finite value.
 */
export function quintileScores(values: ArrayLike<number>, { higherIsBetter }: QuintileOptions): RfmScore[] {
  const n = values.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`quintileScores: non-finite value ${values[i]}`);
  }
  // Indexes in a typed array: sorting 100,000 of them leaves no garbage for the old generation.
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => at(values, a) - at(values, b));
  const scores = new Array<RfmScore>(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && at(values, at(order, end)) === at(values, at(order, start))) end++;
    const count = end - start;
    // floor(5 * (start + count / 2) / n) + 1, in integers
    const higher = Math.min(5, Math.floor((5 * (2 * start + count)) / (2 * n)) + 1);
    const score = (higherIsBetter ? higher : 6 - higher) as RfmScore;
    for (let i = start; i < end; i++) scores[at(order, i)] = score;
    start = end;
  }
  return scores;
}

/** R, F and M quintile scores of every customer (recency: fewer days is better). */
export function rfmScores(rows: readonly CustomerAggregate[]): RfmScores[] {
  const r = quintileScores(
    Float64Array.from(rows, (row) => row.recencyDays),
    { higherIsBetter: false },
  );
  const f = quintileScores(
    Float64Array.from(rows, (row) => row.frequency),
    { higherIsBetter: true },
  );
  const m = quintileScores(
    Float64Array.from(rows, (row) => row.monetary),
    { higherIsBetter: true },
  );
  return rows.map((_, i) => ({ r: at(r, i), f: at(f, i), m: at(m, i) }));
}
