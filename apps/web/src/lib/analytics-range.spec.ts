import { describe, expect, it } from '@jest/globals';
import { localToday, monthBounds, monthInvoicesPath, presetRange, rangeFromSearch, rangeToSearch } from './analytics-range.js';

describe('analytics range', () => {
  it('defaults to the last 12 whole months, this one included', () => {
    expect(rangeFromSearch(new URLSearchParams(), '2026-12-06')).toEqual({ preset: '12m', from: '2026-01-01', to: '2026-12-31' });
    expect(rangeFromSearch(new URLSearchParams(), '2026-03-31')).toEqual({ preset: '12m', from: '2025-04-01', to: '2026-03-31' });
  });

  it('computes every preset across year ends and leap years', () => {
    expect(presetRange('3m', '2026-02-10')).toEqual({ from: '2025-12-01', to: '2026-02-28' });
    expect(presetRange('3m', '2028-02-29')).toEqual({ from: '2027-12-01', to: '2028-02-29' });
    expect(presetRange('year', '2026-07-14')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(presetRange('lastYear', '2026-01-01')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(presetRange('all', '2026-01-01')).toEqual({});
  });

  it('reads a preset or dates of its own from the URL, and drops malformed ones', () => {
    expect(rangeFromSearch(new URLSearchParams('range=lastYear'), '2026-05-05')).toEqual({
      preset: 'lastYear',
      from: '2025-01-01',
      to: '2025-12-31',
    });
    expect(rangeFromSearch(new URLSearchParams('range=all'), '2026-05-05')).toEqual({ preset: 'all' });
    expect(rangeFromSearch(new URLSearchParams('from=2026-02-01&range=3m'), '2026-05-05')).toEqual({
      preset: 'custom',
      from: '2026-02-01',
      to: undefined,
    });
    expect(rangeFromSearch(new URLSearchParams('range=forever&from=02/01/2026'), '2026-05-05')).toEqual({
      preset: '12m',
      from: '2025-06-01',
      to: '2026-05-31',
    });
  });

  it('writes the range back to the URL, keeping the other parameters', () => {
    const search = new URLSearchParams('segment=Loyal&from=2026-01-01');
    expect(rangeToSearch(search, { preset: 'year' }).toString()).toBe('segment=Loyal&range=year');
    expect(rangeToSearch(search, { preset: '12m' }).toString()).toBe('segment=Loyal');
    expect(rangeToSearch(new URLSearchParams('range=3m'), { preset: 'custom', to: '2026-04-30' }).toString()).toBe('to=2026-04-30');
    // A round trip gives the same range.
    const custom = { preset: 'custom', from: '2026-01-15', to: '2026-02-14' } as const;
    expect(rangeFromSearch(rangeToSearch(new URLSearchParams(), custom), '2026-05-05')).toEqual(custom);
  });

  it('opens the invoices of a month of the charts', () => {
    expect(monthBounds('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthInvoicesPath('2026-12', false)).toBe('/invoices?issuedFrom=2026-12-01&issuedTo=2026-12-31');
    expect(monthInvoicesPath('2026-04', true)).toBe('/invoices?issuedFrom=2026-04-01&issuedTo=2026-04-30&status=done');
  });

  it("takes today in the viewer's time zone", () => {
    expect(localToday(new Date(2026, 0, 31, 23, 59))).toBe('2026-01-31');
  });
});
