import { describe, expect, it } from '@jest/globals';
import { readAmountDue } from './amount-due.reader.js';
import { rowsOf } from './lines.fixture.js';

describe('amount due', () => {
  it.each([
    ['Amount due: 1,250.52 EUR', 1250.52],
    ['Balance due $ 99.90', 99.9],
    ['Reste à payer : 1 250,52 €', 1250.52],
    ['Net à payer 300,00', 300],
    ['Zahlbetrag 1.250,52 EUR', 1250.52],
    ['Noch zu zahlender Betrag: 80,00 €', 80],
    ['Te betalen bedrag € 42,35', 42.35],
    ['Importe a pagar 1.210,00 €', 1210],
    ['Totale da pagare € 122,00', 122],
    ['Importo dovuto: 15,50', 15.5],
  ])('reads %s', (text, expected) => {
    expect(readAmountDue(rowsOf(text))?.value).toBe(expected);
  });

  it('keeps the printed sign of a credit note', () => {
    expect(readAmountDue(rowsOf('Amount due -120.00 EUR'))?.value).toBe(-120);
    expect(readAmountDue(rowsOf('Reste à payer (120,00)'))?.value).toBe(-120);
  });

  it('takes the last labelled amount, and nothing without one', () => {
    expect(readAmountDue(rowsOf('Amount due 500.00', 'Deposit paid 200.00', 'Balance due 300.00'))?.value).toBe(300);
    expect(readAmountDue(rowsOf('Amount due upon receipt', 'Total 10.00'))).toBeNull();
  });
});
