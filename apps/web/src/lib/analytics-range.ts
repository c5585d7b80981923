/**
 * The analytics page's issue-date range, kept in the URL: a preset (`range=3m`, ...) or dates of
 * one's own (`from`, `to`); without either, the last 12 months. Presets cover whole calendar months
 * (the charts are monthly), counted from the viewer's today.
 */
export const RANGE_PRESETS = ['3m', '12m', 'year', 'lastYear', 'all'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const DEFAULT_PRESET: RangePreset = '12m';

export interface AnalyticsRange {
  /** The preset the range comes from, or `custom` for dates typed in. */
  preset: RangePreset | 'custom';
  from?: string;
  to?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** YYYY-MM-DD of a day given by year, month (1-12, may overflow either way) and day (0: the month before's last). */
function isoDay(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** Today in the viewer's time zone, YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  return isoDay(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** First and last day of a month (YYYY-MM). */
export function monthBounds(month: string): { from: string; to: string } {
  const [year = Number.NaN, m = Number.NaN] = month.split('-').map(Number);
  return { from: isoDay(year, m, 1), to: isoDay(year, m + 1, 0) };
}

/** The dates of a preset, counted from `today` (YYYY-MM-DD); `all` has none. */
export function presetRange(preset: RangePreset, today: string): { from?: string; to?: string } {
  const [year = Number.NaN, month = Number.NaN] = today.split('-').map(Number);
  const lastMonths = (count: number) => ({ from: isoDay(year, month - count + 1, 1), to: isoDay(year, month + 1, 0) });
  switch (preset) {
    case '3m':
      return lastMonths(3);
    case '12m':
      return lastMonths(12);
    case 'year':
      return { from: isoDay(year, 1, 1), to: isoDay(year, 12, 31) };
    case 'lastYear':
      return { from: isoDay(year - 1, 1, 1), to: isoDay(year - 1, 12, 31) };
    case 'all':
      return {};
  }
}

/** The range a query string asks for: its own dates first, else its preset, else the default preset. */
export function rangeFromSearch(search: URLSearchParams, today: string): AnalyticsRange {
  const date = (key: string) => {
    const value = search.get(key) ?? '';
    return DATE.test(value) ? value : undefined;
  };
  const from = date('from');
  const to = date('to');
  if (from || to) return { preset: 'custom', from, to };
  const asked = search.get('range') as RangePreset | null;
  const preset = asked && RANGE_PRESETS.includes(asked) ? asked : DEFAULT_PRESET;
  return { preset, ...presetRange(preset, today) };
}

/**
 * The query string for a range, other parameters kept (the selected segment): a preset by its name
 * (the default one by nothing, so the plain page has a plain URL), dates of one's own as dates.
 */
export function rangeToSearch(search: URLSearchParams, range: AnalyticsRange): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const key of ['range', 'from', 'to']) next.delete(key);
  if (range.preset === 'custom') {
    if (range.from) next.set('from', range.from);
    if (range.to) next.set('to', range.to);
  } else if (range.preset !== DEFAULT_PRESET) {
    next.set('range', range.preset);
  }
  return next;
}

/** The invoice list of one month of the charts: every invoice issued in it, or the done ones the revenue sums. */
export function monthInvoicesPath(month: string, doneOnly: boolean): string {
  const { from, to } = monthBounds(month);
  const search = new URLSearchParams({ issuedFrom: from, issuedTo: to });
  if (doneOnly) search.set('status', 'done');
  return `/invoices?${search.toString()}`;
}
