import { describe, expect, it } from '@jest/globals';
import { detectCurrency } from './currency.parser.js';

describe('detectCurrency', () => {
  it.each([
    ['TOTAL 1472.19 Euro', 'EUR'],
    ['12 euros', 'EUR'],
    ['EUR 5', 'EUR'],
    ['5 €', 'EUR'],
    ['1 x 2.03 Eure', 'EUR'],
    ['$ 12', 'USD'],
    ['USD 12', 'USD'],
    ['£4', 'GBP'],
    ['CHF 3', 'CHF'],
    ['₹ 1,200.00', 'INR'],
    ['Total Rs. 450', 'INR'],
    ['INR 12', 'INR'],
  ])('%s -> %s', (text, code) => {
    expect(detectCurrency(text)).toBe(code);
  });

  it('finds nothing in plain text', () => {
    expect(detectCurrency('Europe is not a currency, nor is Eurovision')).toBeNull();
    expect(detectCurrency('Bill to Sarah Smith')).toBeNull();
    expect(detectCurrency('Mrs Smith, Rsvp by 12')).toBeNull();
  });
});
