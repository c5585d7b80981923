import { describe, expect, it } from '@jest/globals';
import { cellNumbers, parseNumberText } from './number.cell.js';

describe('parseNumberText', () => {
  it.each([
    ['198,00', 198],
    ['1.234,56', 1234.56],
    ['1,234.56', 1234.56],
    ['9,9000', 9.9],
    ['0.025', 0.025],
    ['1.000', 1000],
    ['1.234.567', 1234567],
    ['(12.00)', -12],
    ['-5,00', -5],
    ['5,00-', -5],
  ])('%s -> %d', (text, value) => expect(parseNumberText(text)).toBe(value));

  it('is null for text without digits', () => expect(parseNumberText('Stk')).toBeNull());
});

describe('cellNumbers', () => {
  it('reads the numbers of a cell around units and currencies, blanks grouping thousands', () => {
    expect(cellNumbers('20 Stk 19 %')).toEqual([20, 19]);
    expect(cellNumbers('1 234,50 €')).toEqual([1234.5]);
    expect(cellNumbers('EUR 9.90')).toEqual([9.9]);
  });

  it('reads look-alike letters in a number as digits', () => expect(cellNumbers('1O,5O')).toEqual([10.5]));
});
