import { describe, expect, it } from '@jest/globals';
import { compareRuns } from './segment.comparison.js';

describe('compareRuns', () => {
  it('counts the movements between segments, and the new and gone customers', () => {
    const previous = new Map([
      ['a', 'Champions'],
      ['b', 'Loyal'],
      ['c', 'Loyal'],
      ['d', 'At risk'],
      ['e', 'Loyal'],
      ['gone', 'Lost'],
    ]);
    const current = new Map([
      ['a', 'Champions'],
      ['b', 'At risk'],
      ['c', 'At risk'],
      ['d', 'Lost'],
      ['e', 'Loyal'],
      ['z-new', 'New'],
      ['new', 'Promising'],
    ]);
    expect(compareRuns(previous, current)).toEqual({
      transitions: [
        { from: 'Loyal', to: 'At risk', count: 2 },
        { from: 'At risk', to: 'Lost', count: 1 },
        { from: 'Champions', to: 'Champions', count: 1 },
        { from: 'Loyal', to: 'Loyal', count: 1 },
      ],
      moved: 3,
      stayed: 2,
      newCustomers: [
        { customerKey: 'new', segment: 'Promising' },
        { customerKey: 'z-new', segment: 'New' },
      ],
      goneCustomers: [{ customerKey: 'gone', segment: 'Lost' }],
    });
  });

  it('handles empty runs', () => {
    const empty = new Map<string, string>();
    expect(compareRuns(empty, empty)).toEqual({ transitions: [], moved: 0, stayed: 0, newCustomers: [], goneCustomers: [] });
    expect(compareRuns(empty, new Map([['a', 'New']]))).toMatchObject({
      newCustomers: [{ customerKey: 'a', segment: 'New' }],
      goneCustomers: [],
    });
    expect(compareRuns(new Map([['a', 'New']]), empty)).toMatchObject({
      newCustomers: [],
      goneCustomers: [{ customerKey: 'a', segment: 'New' }],
    });
  });

  it('keeps labels apart even when they look alike', () => {
    const result = compareRuns(
      new Map([
        ['a', 'Loyal'],
        ['b', 'Loyal (2)'],
      ]),
      new Map([
        ['a', 'Loyal (2)'],
        ['b', 'Loyal (2)'],
      ]),
    );
    expect(result.transitions).toEqual([
      { from: 'Loyal', to: 'Loyal (2)', count: 1 },
      { from: 'Loyal (2)', to: 'Loyal (2)', count: 1 },
    ]);
    expect(result).toMatchObject({ moved: 1, stayed: 1 });
  });
});
