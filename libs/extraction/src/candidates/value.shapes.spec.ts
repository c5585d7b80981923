import { describe, expect, it } from '@jest/globals';
import { line } from '../words.fixture.js';
import { amountSpans, currencySpans, dateSpans, identifierSpans } from './value.shapes.js';

const values = (spans: { value: string | number }[]): (string | number)[] => spans.map((s) => s.value);

describe('value shapes', () => {
  it('finds dates in several formats and languages, with their words', () => {
    expect(values(dateSpans(line('vom 05.03.2020 bis 4 avril 2020', 0, 0)))).toEqual(['2020-03-05', '2020-04-04']);
    expect(values(dateSpans(line('Date 11/03/2017', 0, 0), { monthFirst: true }))).toEqual(['2017-11-03']);
    expect(values(dateSpans(line('Rechnungsdatum 14. 11. 2018', 0, 0)))).toEqual(['2018-11-14']);
    expect(values(dateSpans(line('342 78 587 6/1 8 /2017', 0, 0), { monthFirst: true }))).toEqual(['2017-06-18']);
    const [span] = dateSpans(line('Datum: 12. Dezember 2022', 0, 0));
    expect(span).toEqual({ value: '2022-12-12', start: 1, end: 4 });
  });

  it('finds amounts, not dates, times, percentages or long numbers', () => {
    expect(values(amountSpans(line('19 % 1.234,56 € 12:30 01.02.2020 4000001123452 -12,50 1 234,56', 0, 0)))).toEqual([
      19, 1234.56, -12.5, 1234.56,
    ]);
    // Letters before a whole number make an identifier, before cents a currency.
    expect(values(amountSpans(line('GE2020211 RM12.50 2020211', 0, 0)))).toEqual([12.5, 2020211]);
  });

  it('finds identifiers with a digit, without a leading # or No.', () => {
    expect(values(identifierSpans(line('Invoice #INV-2024/001 No.4711 total 12,50 5', 0, 0)))).toEqual(['INV-2024/001', '4711']);
    expect(values(identifierSpans(line('Date 2023-09-03 05.03.2020 F2324-001', 0, 0)))).toEqual(['F2324-001']);
    // One identifier cut in two words at a separator: the whole in place of its first part; far apart, only the parts.
    expect(values(identifierSpans(line('Reference FAC_2023_ 0001', 0, 0)))).toEqual(['FAC_2023_0001', '0001']);
    // A separator the OCR read as a blank: joined with the identifier's own separator, only before a group of digits.
    expect(values(identifierSpans(line('INVOICE FAC_2021 6112', 0, 0)))).toEqual(['FAC_2021_6112', '6112']);
    expect(values(identifierSpans(line('Order PO-88 4711', 0, 0)))).toEqual(['PO-88-4711', '4711']);
    expect(values(identifierSpans(line('Nr 47110 2024', 0, 0)))).toEqual(['47110', '2024']);
    expect(values(identifierSpans(line('FAC_2021 Page', 0, 0)))).toEqual(['FAC_2021']);
    expect(values(identifierSpans(line('INV- 2024/17 Total', 0, 0)))).toEqual(['INV-2024/17', '2024/17']);
    expect(values(identifierSpans([...line('FAC_2023_', 0, 0), ...line('0001', 600, 0)]))).toEqual(['FAC_2023_', '0001']);
  });

  it('finds currencies', () => {
    expect(values(currencySpans(line('Total EUR 12,00 $ 5 £ ₹ 7', 0, 0)))).toEqual(['EUR', 'USD', 'GBP', 'INR']);
    // Any ISO 4217 code standing as a code: after a label, beside an amount; not a word that is also a code.
    expect(values(currencySpans(line('Moneda: GTQ', 0, 0)))).toEqual(['GTQ']);
    expect(values(currencySpans(line('Total 120,00 ZAR', 0, 0)))).toEqual(['ZAR']);
    expect(values(currencySpans(line('ALL ITEMS TOP QUALITY', 0, 0)))).toEqual([]);
    expect(values(currencySpans(line('Zar 120,00', 0, 0)))).toEqual([]);
  });
});
