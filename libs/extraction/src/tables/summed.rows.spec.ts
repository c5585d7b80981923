import { describe, expect, it } from '@jest/globals';
import type { OcrWord } from '@invoice/contracts';
import { buildRows } from '../rows.builder.js';
import { line } from '../words.fixture.js';
import { summedRowItems } from './summed.rows.js';

/** A row of text at the left and an amount right-aligned at x = 700. */
const row = (text: string, amount: string, y: number): OcrWord[] => [...line(text, 0, y), ...line(amount, 700 - amount.length * 10, y)];
const read = (words: OcrWord[], excluded: number[] = []) =>
  summedRowItems(buildRows(words), new Set(excluded))?.lineItems.map((i) => [i.description, i.amount]) ?? null;

describe('summedRowItems', () => {
  it('reads rows whose amounts add up to the row right under them', () => {
    const words = [
      ...line('Ihr Beitrag für die Zeit vom 01.04. bis 30.06.', 0, 40),
      ...row('Kfz-Haftpflicht SF25 (30 %) Typkl. 18', '80,00 €', 100),
      ...row('Vollkasko SF25 (30 %) Typkl. 21', '140,00 €', 130),
      ...row('vierteljährlicher Beitrag', '220,00 €', 160),
      ...row('in diesem Beitrag enthaltene Versicherungsteuer', '(35,13 €)', 190),
    ];
    expect(read(words)).toEqual([
      ['Kfz-Haftpflicht SF25 (30 %) Typkl. 18', 80],
      ['Vollkasko SF25 (30 %) Typkl. 21', 140],
    ]);
  });

  it('reads nothing when no row prints their sum, nor from a totals block', () => {
    expect(read([...row('Beratung', '80,00', 100), ...row('Reisekosten', '140,00', 130), ...row('Gesamt', '230,00', 160)])).toBeNull();
    const totals = [
      ...row('Nettobetrag', '100,00', 100),
      ...row('Umsatzsteuer 19 %', '19,00', 130),
      ...row('Rechnungsbetrag', '119,00', 160),
    ];
    expect(read(totals)).toBeNull();
    expect(read([...row('Net', '100.00', 100), ...row('VAT', '19.00', 130), ...row('Amount', '119.00', 160)], [0, 1, 2])).toBeNull();
    expect(read([...row('Wire transfer to', '0.00', 100), ...row('Freight', '0.00', 130), ...row('Sales tax', '0.00', 160)])).toBeNull();
  });
});
