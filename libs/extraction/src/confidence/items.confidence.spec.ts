import { describe, expect, it } from '@jest/globals';
import type { OcrPageResult, OcrWord } from '@invoice/contracts';
import { extractWithSignals } from '../invoice.extractor.js';
import { line, page } from '../words.fixture.js';
import { ITEMS_MODEL } from './items.model.js';

const pages = (words: OcrWord[]): OcrPageResult[] => [page(words)];
const HEADER = 'Pos  Bezeichnung                 Menge    Einzelpreis     Gesamt';
const item = (pos: string, description: string, quantity: string, price: string, amount: string, y: number): OcrWord[] => [
  ...line(pos, 0, y),
  ...line(description, 50, y),
  ...line(quantity, 330, y),
  ...line(price, 440, y),
  ...line(amount, 580, y),
];

describe('line items confidence', () => {
  it('clears the review threshold when the lines were read whole and add up to the subtotal, not when nothing vouches for them', () => {
    const vouched = extractWithSignals(
      pages([
        ...line('Rechnung 4711', 0, 20),
        ...line(HEADER, 0, 100),
        ...item('1', 'Trennblätter A4', '20', '9,90', '198,00', 130),
        ...item('2', 'Joghurt Banane', '50', '5,50', '275,00', 160),
        ...line('Zwischensumme                                         473,00', 0, 220),
        ...line('Gesamtbetrag                                          562,87', 0, 250),
      ]),
    );
    const unvouched = extractWithSignals(
      pages([
        ...line('Rechnung 4711', 0, 20),
        ...line(HEADER, 0, 100),
        ...item('1', 'Trennblätter A4', '', '', '198,00', 130),
        ...item('2', 'Joghurt Banane', '', '', '275,00', 160),
        ...line('Gesamtbetrag                                          999,00', 0, 250),
      ]),
    );
    expect(vouched.invoice.lineItems).toHaveLength(2);
    expect(unvouched.invoice.lineItems).toHaveLength(2);
    expect(vouched.invoice.lineItemsEvidence?.confidence).toBeGreaterThanOrEqual(ITEMS_MODEL.threshold);
    expect(unvouched.invoice.lineItemsEvidence?.confidence).toBeLessThan(ITEMS_MODEL.threshold);
    expect(unvouched.itemSignals).not.toEqual(vouched.itemSignals);
  });
});
