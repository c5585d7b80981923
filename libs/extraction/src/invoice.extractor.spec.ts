import { describe, expect, it } from '@jest/globals';
import { extractByRules } from './fields.extractor.js';
import { extractInvoice } from './invoice.extractor.js';
import { line, page } from './words.fixture.js';

const QR = 'INVOICE:FAC_2019_0001\nDATE:2019-01-01 08:21:00\nCUST:00025\nCAT:C';

/** The product's own layout: title with number, dates, bill-to, items, totals. */
function ownInvoice(title = 'INVOICE FAC_2019_0001', tax = '20.00'): ReturnType<typeof line> {
  return [
    ...line(title, 60, 60, { height: 30, charWidth: 20 }),
    ...line('Issue date 2019-01-01 08:21:00', 60, 115),
    ...line('Bill to Sarah Smith', 60, 150),
    ...line('Coffee', 60, 300),
    ...line('1 x 100.00 EUR', 640, 300),
    ...line('Subtotal 100.00 EUR', 560, 400),
    ...line(`VAT (20%) ${tax} EUR`, 540, 430),
    ...line('Total 120.00 EUR', 580, 460),
  ];
}

describe('extractInvoice: the scorer over the rule reader', () => {
  it('agrees with the rules on the product layout and gives calibrated confidences', () => {
    const result = extractInvoice([page(ownInvoice())]);
    expect(result).toMatchObject({
      invoiceNumber: 'FAC_2019_0001',
      issueDate: '2019-01-01',
      customerName: 'Sarah Smith',
      subtotal: 100,
      taxAmount: 20,
      total: 120,
      currency: 'EUR',
    });
    expect(result.issues).toEqual([]);
    expect(result.fieldEvidence.total?.confidence).toBeGreaterThan(0.8);
  });

  it('keeps the QR code values and the arithmetic corrections of the rule reader', () => {
    const qr = extractInvoice([page(ownInvoice(), QR)]);
    expect(qr.fieldEvidence.invoiceNumber).toMatchObject({ source: 'qr' });
    const corrected = extractInvoice([page(ownInvoice('INVOICE FAC_2019_0001', '28.00'))]);
    expect(extractByRules([page(ownInvoice('INVOICE FAC_2019_0001', '28.00'))]).taxAmount).toBe(20);
    expect(corrected.taxAmount).toBe(20);
    expect(corrected.fieldEvidence.taxAmount?.source).toBe('arithmetic');
  });

  it('keeps an identifier the rules rebuilt from several words', () => {
    expect(extractInvoice([page(ownInvoice('INVOICE FAC _2019 0001'))]).invoiceNumber).toBe('FAC_2019_0001');
  });

  it('reads the ringgit of a receipt printed as RM before the amount', () => {
    const words = [
      ...line('SYARIKAT PERNIAGAAN GIN KEE (81109-A)', 60, 50),
      ...line('NO 290, JALAN AIR PANAS,', 60, 110),
      ...line('Date 02/12/2017', 60, 270),
      ...line('TOTAL RM 29.68', 60, 400),
    ];
    expect(extractInvoice([page(words)])).toMatchObject({ currency: 'MYR', total: 29.68, issueDate: '2017-12-02' });
  });
});
