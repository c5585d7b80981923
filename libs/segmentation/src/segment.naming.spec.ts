import { describe, expect, it } from '@jest/globals';
import type { FeatureScaler } from './features.scaling.js';
import { centroidScores, nameSegments, SEGMENT_NAMES, segmentName } from './segment.naming.js';
import type { RfmScore } from './segmentation.types.js';

// Overall distribution: recency 90 +- 80 days, log1p F around ln 4 (3 invoices) +- 0.6, log1p M around ln 501 +- 1.2
const overall: FeatureScaler = { mean: [90, Math.log(4), Math.log(501)], std: [80, 0.6, 1.2] };
const c = (recencyDays: number, frequency: number, monetary: number) => ({ recencyDays, frequency, monetary });

describe('centroidScores', () => {
  it('scores the z-scores by normal quintile, recency reversed (hand-computed)', () => {
    // z: R -85/80 = -1.06; F ln(16/4)/0.6 = 2.31; M ln(8001/501)/1.2 = 2.31
    const champion = centroidScores(c(5, 15, 8000), overall);
    expect(champion).toMatchObject({ r: 5, f: 5, m: 5 });
    expect(champion.z.r).toBeCloseTo(-85 / 80, 12);
    expect(champion.z.f).toBeCloseTo(Math.log(4) / 0.6, 12);
    // the mean itself: 3, 3, 3
    expect(centroidScores(c(90, 3, 500), overall)).toMatchObject({ r: 3, f: 3, m: 3 });
    // z = +-0.5: 4 or 2; z = +-0.2: 3
    expect(centroidScores(c(50, Math.exp(Math.log(4) - 0.3) - 1, Math.exp(Math.log(501) + 0.24) - 1), overall)).toMatchObject({ r: 4, f: 2, m: 3 });
  });

  it('gives F 1 to a centroid of one-time buyers, whatever its z-score', () => {
    // with most customers at 1 invoice, one invoice is only slightly below the mean:
    // z = (ln 2 - ln 2.2) / 0.4 = -0.24, which alone would score 3
    const ones: FeatureScaler = { mean: [90, Math.log(2.2), Math.log(501)], std: [80, 0.4, 1.2] };
    const one = centroidScores(c(10, 1, 500), ones);
    expect(one.f).toBe(1);
    expect(one.z.f).toBeCloseTo(Math.log(2 / 2.2) / 0.4, 12);
    // 1.6 invoices rounds to 2: scored by z = (ln 2.6 - ln 2.2) / 0.4 = 0.42 -> 4
    expect(centroidScores(c(10, 1.6, 500), ones)).toMatchObject({ f: 4 });
  });

  it('scores a constant feature 3', () => {
    const constant: FeatureScaler = { mean: [30, Math.log(3), Math.log(101)], std: [0, 0, 0] };
    expect(centroidScores(c(30, 2, 100), constant)).toMatchObject({ r: 3, f: 3, m: 3 });
  });
});

describe('segmentName', () => {
  const all: RfmScore[] = [1, 2, 3, 4, 5];

  it('names every combination of scores, and uses every name', () => {
    const used = new Set<string>();
    for (const r of all) for (const f of all) for (const m of all) used.add(segmentName({ r, f, m }));
    expect([...used].sort()).toEqual([...SEGMENT_NAMES].sort());
  });

  it.each([
    [5, 5, 5, 'Champions'],
    [4, 4, 4, 'Champions'],
    [4, 5, 3, 'Loyal'],
    [3, 5, 5, 'Loyal'],
    [5, 1, 1, 'New'],
    [5, 1, 5, 'New'],
    [4, 1, 2, 'Promising'],
    [5, 3, 3, 'Potential loyalists'],
    [4, 2, 5, 'Potential loyalists'],
    [3, 3, 3, 'Need attention'],
    [3, 1, 1, 'Need attention'],
    [1, 5, 5, 'Cannot lose them'],
    [2, 4, 4, 'Cannot lose them'],
    [2, 5, 3, 'At risk'],
    [1, 3, 1, 'At risk'],
    [1, 2, 4, 'At risk'],
    [2, 2, 2, 'Hibernating'],
    [2, 1, 3, 'Hibernating'],
    [1, 1, 1, 'Lost'],
    [1, 2, 3, 'Lost'],
  ] as const)('r %i f %i m %i -> %s', (r, f, m, name) => {
    expect(segmentName({ r, f, m })).toBe(name);
  });
});

describe('nameSegments', () => {
  it('names hand-checked centroids', () => {
    const names = nameSegments(
      [
        c(5, 15, 8000), // recent, frequent, high spending
        c(400, 1, 40), // long gone, one small purchase
        c(3, 1, 300), // recent first-time buyer
        c(40, 1, 300), // first-time buyer, some weeks ago
        c(300, 12, 6000), // formerly frequent high spender, not seen for long
        c(200, 5, 600), // fairly frequent, average spend, not seen for long
        c(150, 2, 200), // low value, not seen for a while
        c(90, 3, 500), // average on everything
        c(100, 8, 1500), // frequent, middling recency
        c(20, 3, 400), // recent, average frequency
      ],
      overall,
    );
    expect(names.map((n) => n.label)).toEqual(['Champions', 'Lost', 'New', 'Promising', 'Cannot lose them', 'At risk', 'Hibernating', 'Need attention', 'Loyal', 'Potential loyalists']);
    expect(names[0].scores).toMatchObject({ r: 5, f: 5, m: 5 });
    expect(names[1].scores).toMatchObject({ r: 1, f: 1, m: 1 });
  });

  it('makes labels unique with a suffix, in input order', () => {
    const names = nameSegments([c(5, 15, 8000), c(400, 1, 40), c(2, 20, 20_000), c(8, 10, 5000), c(500, 1, 10)], overall);
    expect(names.map((n) => n.label)).toEqual(['Champions', 'Lost', 'Champions (2)', 'Champions (3)', 'Lost (2)']);
    expect(names.map((n) => n.name)).toEqual(['Champions', 'Lost', 'Champions', 'Champions', 'Lost']);
  });

  it('names nothing without centroids', () => {
    expect(nameSegments([], overall)).toEqual([]);
  });
});
