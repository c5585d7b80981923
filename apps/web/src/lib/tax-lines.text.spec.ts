import { describe, expect, it } from '@jest/globals';
import { formatTaxLines, parseTaxLines } from './tax-lines.text.js';

describe('tax lines as text', () => {
  it('writes and reads back several rates, a missing base as "-"', () => {
    const lines = [
      { rate: 20, base: 1000, amount: 200 },
      { rate: 5.5, base: null, amount: 5.5 },
    ];
    expect(formatTaxLines(lines)).toBe('20% 1000.00 200.00; 5.5% - 5.50');
    expect(parseTaxLines(formatTaxLines(lines))).toEqual(lines);
  });

  it('reads decimal commas and a credit note’s negative amounts; empty text is no line', () => {
    expect(parseTaxLines('19 % -100,00 -19,00')).toEqual([{ rate: 19, base: -100, amount: -19 }]);
    expect(parseTaxLines('  ')).toEqual([]);
  });

  it('refuses text that is not rate, base and tax', () => {
    expect(parseTaxLines('twenty percent')).toBeNull();
    expect(parseTaxLines('20% 100.00')).toBeNull();
  });
});
