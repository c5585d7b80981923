import { describe, expect, it } from '@jest/globals';
import { quintileScores, rfmScores } from './rfm.scoring.js';

describe('quintileScores', () => {
  it('splits 10 distinct values into exact quintiles, whatever their order', () => {
    expect(quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { higherIsBetter: true })).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(quintileScores([10, 1, 9, 2, 8, 3, 7, 4, 6, 5], { higherIsBetter: true })).toEqual([5, 1, 5, 1, 4, 2, 4, 2, 3, 3]);
  });

  it('gives 5 to the fewest days when lower is better', () => {
    expect(quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { higherIsBetter: false })).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    expect(quintileScores([0, 30, 365], { higherIsBetter: false })).toEqual([5, 3, 1]);
  });

  it('scores 5 distinct values 1 to 5', () => {
    expect(quintileScores([50, 10, 40, 20, 30], { higherIsBetter: true })).toEqual([5, 1, 4, 2, 3]);
  });

  it('gives ties the same score, the score of the middle of their block', () => {
    // 1 (x5): mid-rank 2.5/10 -> p 0.25 -> 2; 2 (x2): 6/10 -> 4; 5: 7.5/10 -> 4; 9 (x2): 9/10 -> 5
    const scores = quintileScores([1, 1, 1, 1, 1, 2, 2, 5, 9, 9], { higherIsBetter: true });
    expect(scores).toEqual([2, 2, 2, 2, 2, 4, 4, 4, 5, 5]);
  });

  it('does not depend on the input order for ties', () => {
    expect(quintileScores([9, 1, 2, 1, 9, 1, 5, 1, 2, 1], { higherIsBetter: true })).toEqual([5, 2, 4, 2, 5, 2, 4, 2, 4, 2]);
  });

  it('handles few values: none, one, two, all identical', () => {
    expect(quintileScores([], { higherIsBetter: true })).toEqual([]);
    expect(quintileScores([42], { higherIsBetter: true })).toEqual([3]);
    expect(quintileScores([42], { higherIsBetter: false })).toEqual([3]);
    expect(quintileScores([1, 2], { higherIsBetter: true })).toEqual([2, 4]);
    expect(quintileScores([1, 2], { higherIsBetter: false })).toEqual([4, 2]);
    expect(quintileScores([7, 7, 7, 7], { higherIsBetter: true })).toEqual([3, 3, 3, 3]);
    expect(quintileScores([7, 7, 7, 7], { higherIsBetter: false })).toEqual([3, 3, 3, 3]);
    expect(quintileScores([3, 1, 2], { higherIsBetter: true })).toEqual([5, 1, 3]);
  });

  it('refuses non-finite values', () => {
    expect(() => quintileScores([1, Number.NaN], { higherIsBetter: true })).toThrow(RangeError);
    expect(() => quintileScores([Number.POSITIVE_INFINITY], { higherIsBetter: true })).toThrow(RangeError);
  });
});

describe('rfmScores', () => {
  it('scores recency reversed, frequency and monetary straight', () => {
    const rows = [
      { customerKey: 'a', recencyDays: 2, frequency: 20, monetary: 9000 },
      { customerKey: 'b', recencyDays: 400, frequency: 1, monetary: 50 },
      { customerKey: 'c', recencyDays: 30, frequency: 4, monetary: 800 },
    ];
    expect(rfmScores(rows)).toEqual([
      { r: 5, f: 5, m: 5 },
      { r: 1, f: 1, m: 1 },
      { r: 3, f: 3, m: 3 },
    ]);
    expect(rfmScores([])).toEqual([]);
  });
});
