import { describe, expect, it } from '@jest/globals';
import { parseTaxLine, readTaxLines, taxMatches } from './tax-lines.reader.js';
import { rowsOf } from './lines.fixture.js';

describe('tax lines', () => {
  it.each([
    ['MwSt 19 % auf 100,00 EUR 19,00', { rate: 19, base: 100, amount: 19 }],
    ['TVA 20% 1 000,00 200,00', { rate: 20, base: 1000, amount: 200 }],
    ['VAT 20% of 100.00 = 20.00', { rate: 20, base: 100, amount: 20 }],
    ['BTW 21% over € 250,00 € 52,50', { rate: 21, base: 250, amount: 52.5 }],
    ['IVA 21 % 1.000,00 210,00 1.210,00', { rate: 21, base: 1000, amount: 210 }],
    ['IVA 22% su 500,00 110,00', { rate: 22, base: 500, amount: 110 }],
    ['TVA 5,5 % 200,00 11,00', { rate: 5.5, base: 200, amount: 11 }],
    ['Umsatzsteuer 7% 14,00', { rate: 7, base: null, amount: 14 }],
    ['20,00 VAT 20% 100,00', { rate: 20, base: 100, amount: 20 }],
  ])('reads %s', (text, expected) => {
    expect(parseTaxLine(text)).toEqual(expected);
  });

  it('keeps the printed sign of a credit note', () => {
    expect(parseTaxLine('TVA 20 % -100,00 -20,00')).toEqual({ rate: 20, base: -100, amount: -20 });
  });

  it('is no tax line without a tax word, a rate or an amount, or when it is a total naming the rate', () => {
    expect(parseTaxLine('Discount 10% 5,00')).toBeNull();
    expect(parseTaxLine('TVA 1 000,00')).toBeNull();
    expect(parseTaxLine('Prices include 20% VAT')).toBeNull();
    expect(parseTaxLine('Total incl. VAT 20% 120,00')).toBeNull();
  });

  it('is no tax line when it is an item or discount row printing a rate column', () => {
    expect(parseTaxLine('2 Stadtfahrt 2,00 6 Stk 7 % VAT (S) 13,00')).toBeNull();
    expect(parseTaxLine('Abschlag Rechnungsrabatt 19 % VAT (S) 0,15')).toBeNull();
    expect(parseTaxLine('zzgl. 19 % MwSt. 19,00')).toEqual({ rate: 19, base: null, amount: 19 });
    expect(parseTaxLine('dont TVA 20 % 200,00')).toEqual({ rate: 20, base: null, amount: 200 });
  });

  it('checks a tax against its rate and base to the cent', () => {
    expect(taxMatches(19, 100, 19)).toBe(true);
    expect(taxMatches(5.5, 33.33, 1.83)).toBe(true);
    expect(taxMatches(20, 100, 21)).toBe(false);
  });

  it('reads one line per rate, the reading with a base first, and tells whether they agree', () => {
    const read = readTaxLines(rowsOf('Net 1 100,00', 'TVA 20 % 1 000,00 200,00', 'TVA 5,5 % 100,00 5,50', 'dont TVA 20 % 200,00'));
    expect(read.value).toEqual([
      { rate: 20, base: 1000, amount: 200 },
      { rate: 5.5, base: 100, amount: 5.5 },
    ]);
    expect(read.consistent).toBe(true);
    expect(read.words.length).toBeGreaterThan(0);
    expect(readTaxLines(rowsOf('VAT 20% 100,00 25,00 Fee 3,00')).value).toEqual([]);
    expect(readTaxLines(rowsOf('Total 10,00')).value).toEqual([]);
  });
});
