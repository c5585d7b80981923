import { describe, expect, it } from '@jest/globals';
import { escapeXml, formatAmount, formatItemColumn, formatTotalLine, qrPayload } from './invoice.format.js';

describe('invoice formatting', () => {
  it('formats amounts with a decimal point in English and a decimal comma in French', () => {
    expect(formatAmount(98.58, 'en')).toBe('98.58');
    expect(formatAmount(98.58, 'fr')).toBe('98,58');
    expect(formatAmount(155, 'fr')).toBe('155,00');
    expect(formatAmount(1472.19, 'en')).toBe('1472.19');
  });

  it('formats the item column and the total line', () => {
    expect(formatItemColumn(4, 98.58, 'en')).toBe('4 x  98.58 Euro');
    expect(formatItemColumn(12, 7.5, 'fr')).toBe('12 x   7,50 Euro');
    expect(formatTotalLine(1472.19, 'en')).toBe('TOTAL   1472.19 Euro');
    expect(formatTotalLine(1472.19, 'fr')).toBe('TOTAL   1472,19 Euro');
  });

  it('builds the exact QR payload', () => {
    expect(
      qrPayload({
        invoiceNumber: 'FAC_2019_0001',
        issueDate: '2019-01-01',
        issueTime: '08:21:00',
        customerId: '00025',
        customerCategory: 'C',
      }),
    ).toBe('INVOICE:FAC_2019_0001\nDATE:2019-01-01 08:21:00\nCUST:00025\nCAT:C');
  });

  it('escapes XML special characters', () => {
    expect(escapeXml(`Orchard & Co <"l'atelier">`)).toBe('Orchard &amp; Co &lt;&quot;l&apos;atelier&quot;&gt;');
  });
});
