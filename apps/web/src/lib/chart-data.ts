import type { AnalyticsOverviewResponse, CustomerScores } from '@invoice/contracts';

/** A fixed palette so a segment keeps its colour across charts. */
export const PALETTE = [
  '#0d6efd',
  '#198754',
  '#fd7e14',
  '#dc3545',
  '#6f42c1',
  '#20c997',
  '#ffc107',
  '#6c757d',
  '#d63384',
  '#0dcaf0',
] as const;

/** The palette's colour for the `index`-th series, round the palette again past its end. */
const paletteColor = (index: number): string => PALETTE[index % PALETTE.length] ?? PALETTE[0];

/**
 * Every month from the range's first (else the first with data) to the range's last (else the last
 * with data), YYYY-MM, so gaps and the range's quiet months show as zero, not as skipped bars.
 * No data: no months.
 */
export function monthSeries(
  months: AnalyticsOverviewResponse['months'],
  range: { from?: string; to?: string } = {},
): { labels: string[]; revenue: number[]; invoices: number[] } {
  if (months.length === 0) return { labels: [], revenue: [], invoices: [] };
  const byMonth = new Map(months.map((m) => [m.month, m]));
  const sorted = [...byMonth.keys()].sort();
  const first = range.from?.slice(0, 7) ?? sorted.at(0);
  const last = range.to?.slice(0, 7) ?? sorted.at(-1);
  if (first === undefined || last === undefined) return { labels: [], revenue: [], invoices: [] };
  const labels: string[] = [];
  // `first` is a YYYY-MM month; the 1,200-month cap below ends the loop whatever it holds.
  let [year = 0, month = 1] = first.split('-').map(Number);
  for (;;) {
    const label = `${year}-${String(month).padStart(2, '0')}`;
    labels.push(label);
    if (label >= last || labels.length > 1200) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return {
    labels,
    revenue: labels.map((l) => byMonth.get(l)?.revenue ?? 0),
    invoices: labels.map((l) => byMonth.get(l)?.invoices ?? 0),
  };
}

export interface ScatterSeries {
  label: string;
  color: string;
  points: { x: number; y: number; name: string }[];
}

/** Customers by recency (x, days) and monetary value (y), one series per segment, segments in the order given. */
export function segmentScatter(customers: readonly CustomerScores[], segmentOrder: readonly string[]): ScatterSeries[] {
  const order = [...segmentOrder, ...new Set(customers.map((c) => c.segment).filter((s) => !segmentOrder.includes(s)))];
  return order
    .map((label, index) => ({
      label,
      color: paletteColor(index),
      points: customers
        .filter((c) => c.segment === label)
        .map((c) => ({ x: c.recencyDays, y: c.monetary, name: c.customerName ?? c.customerKey })),
    }))
    .filter((series) => series.points.length > 0);
}

/** Colour of a segment by its position in the run's list. */
export function segmentColor(segmentOrder: readonly string[], label: string): string {
  const index = segmentOrder.indexOf(label);
  return paletteColor(index < 0 ? segmentOrder.length : index);
}
