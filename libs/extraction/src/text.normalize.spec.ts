import { describe, expect, it } from '@jest/globals';
import { joinSpacedLetters } from './text.normalize.js';

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
