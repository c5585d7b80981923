import { describe, expect, it } from '@jest/globals';
import { seededRandom } from './random.seeded.js';
import { SEGMENT_NAMES } from './segment.naming.js';
import { segmentCustomers, SINGLE_SEGMENT_LABEL } from './segmentation.pipeline.js';
import type { CustomerAggregate } from './segmentation.types.js';
import { at } from './indexed.access.js';

const row = (customerKey: string, recencyDays: number, frequency: number, monetary: number): CustomerAggregate => ({
  customerKey,
  recencyDays,
  frequency,
  monetary,
});

// Five groups of 4 identical customers. Hand-computed over the 5 group values: recency mean 195,
// std 198.4; log1p F mean 1.815, std 1.122; log1p M mean 6.589, std 2.323. Centroid z-scores
// (R, F, M) and scores (r, f, m; r reversed, F of one-time buyers 1):
//   A (2, 25, 12000):   -0.97,  1.29,  1.21 -> 5 5 5 Champions
//   B (3, 1, 150):      -0.97, -1.00, -0.68 -> 5 1 2 New
//   C (500, 1, 30):      1.54, -1.00, -1.36 -> 1 1 1 Lost
//   D (350, 20, 9000):   0.78,  1.10,  1.08 -> 2 5 5 Cannot lose them
//   E (120, 3, 400):    -0.38, -0.38, -0.26 -> 4 2 2 Potential loyalist
const groups: Record<string, [number, number, number]> = {
  A: [2, 25, 12000],
  B: [3, 1, 150],
  C: [500, 1, 30],
  D: [350, 20, 9000],
  E: [120, 3, 400],
};
const fiveGroups = Object.entries(groups).flatMap(([group, [r, f, m]]) => [1, 2, 3, 4].map((i) => row(`${group}${i}`, r, f, m)));

describe('segmentCustomers', () => {
  it('segments five clear groups (hand-checked names, scores, shares)', () => {
    const result = segmentCustomers(fiveGroups);
    // 5 distinct points of 4 customers each: k = 5 puts each group alone, silhouette 1
    expect(result).toMatchObject({ k: 5, silhouette: 1, degenerate: null });
    expect(result.scores.map((s) => s.k)).toEqual([2, 3, 4, 5]);
    // equal sizes: ordered by scaled recency, A (-0.973), B (-0.968), E, D, C
    expect(result.segments.map((s) => s.label)).toEqual(['Champions', 'New', 'Potential loyalist', "Can't lose them", 'Lost']);
    expect(result.segments.map((s) => s.size)).toEqual([4, 4, 4, 4, 4]);
    const total = 4 * (12000 + 150 + 30 + 9000 + 400);
    expect(result.segments[0]?.revenueShare).toBeCloseTo(48000 / total, 12);
    expect(result.segments[3]?.revenueShare).toBeCloseTo(36000 / total, 12);
    expect(result.segments.reduce((s, seg) => s + seg.revenueShare, 0)).toBeCloseTo(1, 12);
    expect(result.segments[0]?.centroid.recencyDays).toBeCloseTo(2, 9);
    expect(result.segments[0]?.centroid.frequency).toBeCloseTo(25, 9);
    expect(result.segments[0]?.centroid.monetary).toBeCloseTo(12000, 6);
    expect(result.segments[4]?.scores).toMatchObject({ r: 1, f: 1, m: 1 });

    // Customer quintile scores among the 20: recency blocks of 4 at mid-ranks 2, 6, 10, 14, 18 of 20
    // -> 5, 4, 3, 2, 1; F: 8 one-time buyers (mid-rank 4/20 -> 2), then 3, 4, 5; M: 1 to 5
    const byKey = new Map(result.customers.map((c) => [c.customerKey, c]));
    expect(byKey.get('A1')).toEqual({ customerKey: 'A1', r: 5, f: 5, m: 5, cluster: 0, segment: 'Champions', rfmSegment: 'Champions' });
    expect(byKey.get('B2')).toEqual({ customerKey: 'B2', r: 4, f: 2, m: 2, cluster: 1, segment: 'New', rfmSegment: 'Promising' });
    expect(byKey.get('E3')).toEqual({
      customerKey: 'E3',
      r: 3,
      f: 3,
      m: 3,
      cluster: 2,
      segment: 'Potential loyalist',
      rfmSegment: 'Need attention',
    });
    expect(byKey.get('D4')).toEqual({ customerKey: 'D4', r: 2, f: 4, m: 4, cluster: 3, segment: "Can't lose them", rfmSegment: 'At risk' });
    expect(byKey.get('C1')).toEqual({ customerKey: 'C1', r: 1, f: 2, m: 1, cluster: 4, segment: 'Lost', rfmSegment: 'Lost' });
    expect(result.customers.map((c) => c.customerKey)).toEqual(fiveGroups.map((r) => r.customerKey));
    // Grid view: (R, grid F) A (5, 5) Champions, B (4, 1: one invoice) Promising, E (3, 3) Need attention,
    // D (2, 4) At risk, C (1, 1) Lost; means are the groups' own figures
    expect(result.rfmSegments.map((s) => [s.name, s.size])).toEqual([
      ['Champions', 4],
      ['Promising', 4],
      ['Need attention', 4],
      ['At risk', 4],
      ['Lost', 4],
    ]);
    expect(result.rfmSegments[3]?.mean).toEqual({ recencyDays: 350, frequency: 20, monetary: 9000 });
    expect(result.rfmSegments[0]?.revenueShare).toBeCloseTo(48000 / total, 12);
    expect(result.structure).toBe('clear');
  });

  it('is reproducible and consistent on noisy data', () => {
    const random = seededRandom(11);
    const rows = Array.from({ length: 400 }, (_, i) => {
      const [r, f, m] = at(Object.values(groups), i % 5);
      return row(
        `c${i}`,
        Math.round(r * (0.8 + 0.4 * random())),
        Math.max(1, Math.round(f * (0.8 + 0.4 * random()))),
        m * (0.7 + 0.6 * random()),
      );
    });
    const result = segmentCustomers(rows);
    expect(segmentCustomers(rows)).toEqual(result);
    expect(result.segments.reduce((s, seg) => s + seg.size, 0)).toBe(400);
    expect(result.segments.reduce((s, seg) => s + seg.revenueShare, 0)).toBeCloseTo(1, 12);
    expect(new Set(result.segments.map((s) => s.label)).size).toBe(result.segments.length);
    for (const segment of result.segments) expect(SEGMENT_NAMES).toContain(segment.name);
    for (const customer of result.customers) expect(customer.segment).toBe(result.segments[customer.cluster]?.label);
    // the champions group stays together and is named so
    const champions = new Set(result.customers.filter((_, i) => i % 5 === 0).map((c) => c.segment));
    expect([...champions]).toEqual(['Champions']);
  });

  it('passes the clustering options on', () => {
    const result = segmentCustomers(fiveGroups, { maxK: 3, seeds: [4] });
    expect(result.scores.map((s) => s.k)).toEqual([2, 3]);
    expect(result.scores.every((s) => s.seed === 4)).toBe(true);
  });

  describe('degenerate inputs', () => {
    it('no customers', () => {
      const result = segmentCustomers([]);
      expect(result.customers).toEqual([]);
      expect(result.segments).toEqual([]);
      expect(result).toMatchObject({ k: 0, degenerate: 'no-points', silhouette: null });
    });

    it('one customer: a single segment of all customers', () => {
      const result = segmentCustomers([row('x', 10, 2, 300)]);
      expect(result.customers).toEqual([
        { customerKey: 'x', r: 3, f: 3, m: 3, cluster: 0, segment: SINGLE_SEGMENT_LABEL, rfmSegment: 'Need attention' },
      ]);
      expect(result.structure).toBe('none');
      expect(result.segments).toHaveLength(1);
      expect(result.segments[0]).toMatchObject({
        cluster: 0,
        label: SINGLE_SEGMENT_LABEL,
        name: SINGLE_SEGMENT_LABEL,
        size: 1,
        revenueShare: 1,
      });
      expect(result.segments[0]?.centroid).toEqual({ recencyDays: 10, frequency: expect.closeTo(2, 12), monetary: expect.closeTo(300, 9) });
      expect(result).toMatchObject({ k: 1, degenerate: 'single-point', silhouette: null });
    });

    it('all customers identical', () => {
      const result = segmentCustomers([row('a', 5, 3, 90), row('b', 5, 3, 90), row('c', 5, 3, 90)]);
      expect(result).toMatchObject({ k: 1, degenerate: 'identical-points' });
      expect(result.customers.map((c) => [c.r, c.f, c.m, c.segment])).toEqual([
        [3, 3, 3, SINGLE_SEGMENT_LABEL],
        [3, 3, 3, SINGLE_SEGMENT_LABEL],
        [3, 3, 3, SINGLE_SEGMENT_LABEL],
      ]);
      expect(result.segments[0]).toMatchObject({ size: 3, revenueShare: 1 });
    });

    it('fewer customers than k', () => {
      // two customers: k <= n - 1 = 1, one segment
      expect(segmentCustomers([row('a', 1, 9, 900), row('b', 300, 1, 10)])).toMatchObject({ k: 1, degenerate: 'too-few-points' });
      // three customers, maxK 8: only k = 2 is tried
      const three = segmentCustomers([row('a', 1, 9, 900), row('b', 2, 10, 1000), row('c', 300, 1, 10)]);
      expect(three.scores.map((s) => s.k)).toEqual([2]);
      expect(three.customers.map((c) => c.cluster)).toEqual([0, 0, 1]);
      expect(three.segments.map((s) => s.size)).toEqual([2, 1]);
      expect(three.segments[1]?.label).toBe('Lost');
    });

    it('no revenue: shares 0', () => {
      const result = segmentCustomers([row('a', 1, 1, 0), row('b', 100, 1, 0), row('c', 2, 1, 0)]);
      expect(result.segments.every((s) => s.revenueShare === 0)).toBe(true);
    });
  });

  it('refuses a duplicated customer key', () => {
    expect(() => segmentCustomers([row('a', 1, 1, 1), row('a', 2, 2, 2)])).toThrow(/duplicated customerKey a/);
  });
});
