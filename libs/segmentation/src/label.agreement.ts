import { addAt, at, atFloat } from './indexed.access.js';
/**
 * Agreement between two labellings of the same points (a clustering and a known truth, or two
 * clusterings), as scikit-learn's adjusted_rand_score and adjusted_mutual_info_score (arithmetic
 * normalization): 1 for the same partition whatever the label values, about 0 for independent ones.
 */

interface Contingency {
  n: number;
  /** counts[i][j]: points with the i-th value of `a` and the j-th value of `b`. */
  counts: number[][];
  rows: number[];
  cols: number[];
}

function contingency(a: readonly (number | string)[], b: readonly (number | string)[]): Contingency {
  if (a.length !== b.length) throw new RangeError(`agreement: ${a.length} labels against ${b.length}`);
  const rowIds = new Map<number | string, number>();
  const colIds = new Map<number | string, number>();
  const pairs: [number, number][] = a.map((label, i) => {
    let r = rowIds.get(label);
    if (r === undefined) rowIds.set(label, (r = rowIds.size));
    const other = at(b, i);
    let c = colIds.get(other);
    if (c === undefined) colIds.set(other, (c = colIds.size));
    return [r, c];
  });
  const counts = Array.from({ length: rowIds.size }, () => new Array<number>(colIds.size).fill(0));
  for (const [r, c] of pairs) addAt(at(counts, r), c, 1);
  const rows = counts.map((row) => row.reduce((s, v) => s + v, 0));
  const cols = Array.from({ length: colIds.size }, (_, j) => counts.reduce((s, row) => s + at(row, j), 0));
  return { n: a.length, counts, rows, cols };
}

const pairsOf = (x: number) => (x * (x - 1)) / 2;

/** Adjusted Rand index (Hubert and Arabie): 1 for identical partitions, 0 expected by chance, can be negative. */
export function adjustedRandIndex(a: readonly (number | string)[], b: readonly (number | string)[]): number {
  const { n, counts, rows, cols } = contingency(a, b);
  // One cluster each, or every point alone in both: the same partition (scikit-learn's special case).
  if (rows.length === cols.length && (rows.length <= 1 || rows.length === n)) return 1;
  let index = 0;
  for (const row of counts) for (const v of row) index += pairsOf(v);
  const sumRows = rows.reduce((s, v) => s + pairsOf(v), 0);
  const sumCols = cols.reduce((s, v) => s + pairsOf(v), 0);
  const expected = (sumRows * sumCols) / pairsOf(n);
  const max = (sumRows + sumCols) / 2;
  return max === expected ? 0 : (index - expected) / (max - expected);
}

function entropy(sizes: readonly number[], n: number): number {
  let h = 0;
  for (const s of sizes) if (s > 0) h -= (s / n) * Math.log(s / n);
  return h;
}

/** log(k!) for k = 0..n. */
function logFactorials(n: number): Float64Array {
  const table = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) table[k] = atFloat(table, k - 1) + Math.log(k);
  return table;
}

/** Expected mutual information of two random labellings with these cluster sizes (hypergeometric model, Vinh et al. 2010). */
function expectedMutualInformation(rows: readonly number[], cols: readonly number[], n: number): number {
  const table = logFactorials(n);
  const lf = (k: number) => atFloat(table, k);
  let emi = 0;
  for (const ai of rows) {
    for (const bj of cols) {
      for (let nij = Math.max(1, ai + bj - n); nij <= Math.min(ai, bj); nij++) {
        const term = (nij / n) * Math.log((n * nij) / (ai * bj));
        const logP = lf(ai) + lf(bj) + lf(n - ai) + lf(n - bj) - lf(n) - lf(nij) - lf(ai - nij) - lf(bj - nij) - lf(n - ai - bj + nij);
        emi += term * Math.exp(logP);
      }
    }
  }
  return emi;
}

/** Adjusted mutual information, normalized by the arithmetic mean of the two entropies (scikit-learn's default). */
export function adjustedMutualInformation(a: readonly (number | string)[], b: readonly (number | string)[]): number {
  const { n, counts, rows, cols } = contingency(a, b);
  if (rows.length === cols.length && rows.length <= 1) return 1;
  let mi = 0;
  counts.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v > 0) mi += (v / n) * Math.log((n * v) / (at(rows, i) * at(cols, j)));
    }),
  );
  const emi = expectedMutualInformation(rows, cols, n);
  const normalizer = (entropy(rows, n) + entropy(cols, n)) / 2;
  let denominator = normalizer - emi;
  // As scikit-learn: keep the sign and stay away from 0.
  denominator = denominator < 0 ? Math.min(denominator, -Number.EPSILON) : Math.max(denominator, Number.EPSILON);
  return (mi - emi) / denominator;
}
