import { describe, expect, it } from '@jest/globals';
import { sameItem, scoreItems } from './items.score.js';

const gold = { description: 'Trennblätter A4', quantity: 20, unitPrice: 9.9, amount: 198 };

describe('scoreItems', () => {
  it('is exact when as many lines are read, in order, each equal (text rule for descriptions, cents for numbers)', () => {
    expect(scoreItems([gold], [{ description: 'TRENNBLÄTTER  A4', quantity: 20, unitPrice: 9.9, amount: 198.001 }])).toEqual({
      exact: true,
      linesRight: 1,
    });
    expect(scoreItems([gold], [{ ...gold, description: 'Trennblatter A4' }])).toEqual({ exact: false, linesRight: 0 });
    expect(scoreItems([gold], [gold, gold])).toEqual({ exact: false, linesRight: 1 });
  });

  it('does not compare a value that is not printed', () => {
    expect(sameItem({ ...gold, unitPrice: null }, { ...gold, unitPrice: 1 })).toBe(true);
    expect(sameItem(gold, { ...gold, unitPrice: null })).toBe(false);
  });
});
