import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

export const CORES = availableParallelism();

export function intOption(name: string, fallback: number): number {
  const { values } = parseArgs({ options: { [name]: { type: 'string' } }, strict: false });
  const raw = values[name] ?? process.env[`BENCH_${name.toUpperCase()}`];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer (got ${raw})`);
  return value;
}

export function printTable(rows: Record<string, string | number>[]): void {
  const headers = Object.keys(rows[0] ?? {});
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(headers));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(headers.map((h) => String(row[h]))));
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** The element of a non-empty list at `index`, round the list again past its end. */
export function cycle<T>(list: readonly T[], index: number): T {
  const item = list[index % list.length];
  if (item === undefined) throw new RangeError('cycle: the list is empty');
  return item;
}

/** The first element of a list a benchmark needs one of; `what` names it in the error. */
export function firstOf<T>(list: readonly T[], what: string): T {
  const [item] = list;
  if (item === undefined) throw new Error(`no ${what}`);
  return item;
}

/** The median of some numbers (NaN for none). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 ? upper : ((sorted[mid - 1] ?? Number.NaN) + upper) / 2;
}

/** The nearest-rank `q` quantile (0..1] of numbers sorted ascending: the smallest value with a share q at or under it (NaN for none). */
export const percentile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
