import { describe, expect, it } from '@jest/globals';
import { adjustedMutualInformation, adjustedRandIndex } from './label.agreement.js';

describe('adjustedRandIndex', () => {
  it('is 1 for the same partition under other label values', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2], [5, 5, 3, 3, 9])).toBe(1);
    expect(adjustedRandIndex(['a', 'a', 'b'], [1, 1, 2])).toBe(1);
  });
  it('matches hand-computed pair counts', () => {
    // true [0,0,0,1,1,1], pred [0,0,1,1,2,2]: index = C(2,2) + C(2,2) = 2; rows C(3,2) x 2 = 6; cols 3 x C(2,2) = 3;
    // expected 6 x 3 / C(6,2) = 1.2; max (6 + 3) / 2 = 4.5 -> (2 - 1.2) / (4.5 - 1.2) = 8/33
    expect(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo(8 / 33, 12);
    // [0,0,1,1] against [0,0,1,2]: index 1, rows 2, cols 1, expected 2/6, max 1.5 -> (2/3) / (7/6) = 4/7
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(4 / 7, 12);
  });
  it('is negative for a worse-than-chance agreement, and 0 against one cluster', () => {
    // [0,0,1,1] vs [0,1,0,1]: index 0, rows 2, cols 2, expected 4/6, max 2 -> -(2/3) / (4/3) = -0.5
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12);
    expect(adjustedRandIndex([0, 0, 1, 1], [7, 7, 7, 7])).toBe(0);
  });
  it('refuses labellings of different lengths', () => {
    expect(() => adjustedRandIndex([0], [0, 1])).toThrow(RangeError);
  });
});

describe('adjustedMutualInformation', () => {
  it('is 1 for the same partition', () => {
    expect(adjustedMutualInformation([0, 0, 1, 1], [1, 1, 0, 0])).toBeCloseTo(1, 12);
    expect(adjustedMutualInformation([3, 3, 3], [1, 1, 1])).toBe(1);
  });
  it('is 0 when one labelling tells nothing (all singletons against one cluster)', () => {
    expect(adjustedMutualInformation([0, 0, 0, 0], [0, 1, 2, 3])).toBeCloseTo(0, 12);
  });
  it('matches a hand-computed case', () => {
    // [0,0,1,1] vs [0,1,0,1]: MI = 0, N = 4, a = b = [2, 2]. EMI: each of the 4 cells, nij = 1 (p = 2/3,
    // term (1/4) log 1 = 0) or 2 (p = 1/6, term (2/4) log 2): EMI = 4 x (1/6) x (1/2) log 2 = (1/3) log 2.
    // H = log 2 both -> AMI = (0 - log2/3) / (log 2 - log2/3) = -1/2
    expect(adjustedMutualInformation([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12);
  });
  it('agrees with the scikit-learn user guide example under the arithmetic normalization', () => {
    // [0,0,0,1,1,1] vs [0,0,1,1,2,2]: MI = (2/3) log 2, H = log 2 and log 3. The guide's 0.22504 is under
    // the "max" normalization (log 3): EMI = (MI - 0.22504 log 3) / (1 - 0.22504). Arithmetic: the mean entropy.
    const mi = (2 / 3) * Math.log(2);
    const emi = (mi - 0.22504 * Math.log(3)) / (1 - 0.22504);
    const expected = (mi - emi) / ((Math.log(2) + Math.log(3)) / 2 - emi);
    expect(adjustedMutualInformation([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo(expected, 4);
  });
});
