import { describe, expect, it } from '@jest/globals';
import type { FeatureScaler } from './features.scaling.js';
import { centroidScores, nameSegments, normalCdf, SEGMENT_NAMES, segmentName } from './segment.naming.js';

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
    expect(centroidScores(c(50, Math.exp(Math.log(4) - 0.3) - 1, Math.exp(Math.log(501) + 0.24) - 1), overall)).toMatchObject({
      r: 4,
      f: 2,
      m: 3,
    });
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
  it('reads the grid cell of the R and F scores', () => {
    expect(segmentName({ r: 5, f: 5, m: 1 })).toBe('Champions');
    expect(segmentName({ r: 1, f: 1, m: 5 })).toBe('Lost');
    expect(SEGMENT_NAMES).toHaveLength(11);
  });
});

describe('normalCdf', () => {
  it('matches the tabulated values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.96)).toBeCloseTo(0.975002, 6);
    expect(normalCdf(-0.8416212335729143)).toBeCloseTo(0.2, 6);
  });
});

describe('nameSegments', () => {
  it('gives every cluster its own cell when they differ', () => {
    const names = nameSegments([c(5, 15, 8000), c(400, 1, 40), c(8, 1, 300)], overall);
    expect(names.map((n) => n.label)).toEqual(['Champions', 'Lost', 'New']);
    expect(names[0]?.scores).toMatchObject({ r: 5, f: 5, m: 5 });
  });
  it('never repeats a name: the cluster of higher value keeps the cell, the other takes the nearest free one', () => {
    // Both recent and frequent (Champions cell); the big spender (z F + z M higher) is Champions, the
    // regular (same recency, fewer invoices and less money) the nearest free cell, Loyal (R 3-4, F 4-5).
    const names = nameSegments([c(5, 10, 1500), c(4, 15, 20_000), c(400, 1, 40), c(500, 1, 10)], overall);
    expect(names.map((n) => n.label)).toEqual(['Loyal', 'Champions', 'Lost', 'Hibernating']);
    expect(new Set(names.map((n) => n.name)).size).toBe(4);
    expect(names.every((n) => n.label === n.name)).toBe(true);
  });
  it('names nothing without centroids and refuses more clusters than names', () => {
    expect(nameSegments([], overall)).toEqual([]);
    expect(() =>
      nameSegments(
        Array.from({ length: 12 }, (_, i) => c(i, 2, 100)),
        overall,
      ),
    ).toThrow(RangeError);
  });
});
