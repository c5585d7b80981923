import { describe, expect, it } from '@jest/globals';
import { joinSpacedLetters, slipDistance } from './text.normalize.js';

describe('joinSpacedLetters', () => {
  it.each([
    ['W A R E N R E C H N U N G Seite 1', 'WARENRECHNUNG Seite 1'],
    ['F A C T U R E N° 12', 'FACTURE N° 12'],
    ['R É C A P', 'RÉCAP'],
    ['Invoice A B C', 'Invoice A B C'],
    ['A B C D', 'ABCD'],
    ['Total 1 2 3 4', 'Total 1 2 3 4'],
    ['Nr. A 12 B', 'Nr. A 12 B'],
  ])('%s -> %s', (text, joined) => {
    expect(joinSpacedLetters(text)).toBe(joined);
  });
});

describe('slipDistance', () => {
  it('counts a look-alike character one, a dropped or added one two, ignoring case, blanks and punctuation', () => {
    expect(slipDistance('SANYO STATIONERY', 'Sanyu Stationery')).toBe(1);
    expect(slipDistance('N0RTHW1ND', 'NORTHWIND')).toBe(2);
    expect(slipDistance('GARDENIA BAKERIES (KL.)', 'GARDENIA BAKERIES (KL)')).toBe(0);
    expect(slipDistance('GARDENA BAKERIES', 'GARDENIA BAKERIES')).toBe(2);
  });

  it('counts another character read for another as a drop and an add', () => {
    expect(slipDistance('SOUTHWIND', 'NORTHWIND')).toBe(8);
    expect(slipDistance('LOT 31G', 'LOT 33G')).toBe(4);
  });
});
