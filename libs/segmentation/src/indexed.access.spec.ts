import { describe, expect, it } from '@jest/globals';
import { addAt, at, atFloat, atInt, pick, squaredDistance } from './indexed.access.js';

describe('indexed access', () => {
  it('reads inside the array and throws outside it', () => {
    expect(at([4, 5], 1)).toBe(5);
    expect(at(['x'], 0)).toBe('x');
    expect(() => at([4, 5], 2)).toThrow(RangeError);
    expect(() => at([], 0)).toThrow('index 0 is outside 0..-1');
  });

  it('picks, adds and measures', () => {
    expect(pick(['a', 'b', 'c'], [2, 0])).toEqual(['c', 'a']);
    const counts = [0, 1];
    addAt(counts, 1, 2);
    expect(counts).toEqual([0, 3]);
    expect(() => addAt(counts, 5, 1)).toThrow(RangeError);
    expect(squaredDistance([0, 0], [3, 4])).toBe(25);
    expect(() => squaredDistance([0, 0], [3])).toThrow(RangeError);
  });
});

describe('typed indexed access', () => {
  it('reads inside the typed array and throws outside it', () => {
    expect(atFloat(Float64Array.from([1.5, 2.5]), 1)).toBe(2.5);
    expect(() => atFloat(new Float64Array(2), 2)).toThrow(RangeError);
    expect(atInt(Int32Array.from([7]), 0)).toBe(7);
    expect(() => atInt(new Int32Array(0), 0)).toThrow(RangeError);
  });
});
