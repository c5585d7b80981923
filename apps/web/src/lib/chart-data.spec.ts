import { describe, expect, it } from '@jest/globals';
import type { CustomerScores } from '@invoice/contracts';
import { PALETTE, monthSeries, segmentColor, segmentScatter } from './chart-data.js';

const customer = (key: string, segment: string, recencyDays: number, monetary: number): CustomerScores => ({
  customerKey: key,
  customerName: key === 'k3' ? null : `Name ${key}`,
  customerCategory: null,
  recencyDays,
  frequency: 1,
  monetary,
  r: 3,
  f: 3,
  m: 3,
  segment,
  rfmSegment: null,
});

describe('chart data', () => {
  it('fills the months without invoices with zeros, across a year end', () => {
    const series = monthSeries([
      { month: '2026-02', revenue: 5, invoices: 1 },
      { month: '2025-11', revenue: 10, invoices: 2 },
    ]);
    expect(series).toEqual({ labels: ['2025-11', '2025-12', '2026-01', '2026-02'], revenue: [10, 0, 0, 5], invoices: [2, 0, 0, 1] });
    expect(monthSeries([])).toEqual({ labels: [], revenue: [], invoices: [] });
  });

  it('spans the whole range when there is one, the quiet months as zeros', () => {
    const series = monthSeries([{ month: '2026-03', revenue: 7, invoices: 3 }], { from: '2026-01-01', to: '2026-04-30' });
    expect(series).toEqual({ labels: ['2026-01', '2026-02', '2026-03', '2026-04'], revenue: [0, 0, 7, 0], invoices: [0, 0, 3, 0] });
    // An open end is taken from the data.
    expect(monthSeries([{ month: '2026-03', revenue: 7, invoices: 3 }], { from: '2026-02-15' }).labels).toEqual(['2026-02', '2026-03']);
    expect(monthSeries([], { from: '2026-01-01', to: '2026-12-31' }).labels).toEqual([]);
  });

  it('groups customers by segment in the run order, with a stable colour per segment', () => {
    const series = segmentScatter(
      [
        customer('k1', 'Lost', 300, 50),
        customer('k2', 'Champions', 3, 9000),
        customer('k3', 'Champions', 10, 4000),
        customer('k4', 'Other', 1, 1),
      ],
      ['Champions', 'Loyal', 'Lost'],
    );
    expect(series.map((s) => [s.label, s.color, s.points.length])).toEqual([
      ['Champions', PALETTE[0], 2],
      ['Lost', PALETTE[2], 1],
      ['Other', PALETTE[3], 1],
    ]);
    expect(series[0]?.points[1]).toEqual({ x: 10, y: 4000, name: 'k3' });
    expect(segmentColor(['Champions', 'Loyal', 'Lost'], 'Lost')).toBe(PALETTE[2]);
  });
});
