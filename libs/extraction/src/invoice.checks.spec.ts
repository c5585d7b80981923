import { describe, expect, it } from '@jest/globals';
import { checkInvoice, runChecks, taxUnread } from './invoice.checks.js';

const good = {
  invoiceNumber: 'FAC_2019_0001',
  issueDate: '2019-01-01',
  customerName: 'Sarah Smith',
  total: 418.32,
  lineItems: [
    { description: 'Coffee', quantity: 4, unitPrice: 98.58, amount: 394.32 },
    { description: 'Tea', quantity: 2, unitPrice: 12, amount: 24 },
  ],
};

describe('checkInvoice', () => {
  it('passes a consistent invoice', () => {
    expect(checkInvoice(good)).toEqual([]);
  });

  it("names a customer with the vendor's name, blanks, case and punctuation aside", () => {
    expect(checkInvoice({ ...good, vendorName: 'SARAH-SMITH' })).toEqual(['same_party']);
    expect(checkInvoice({ ...good, vendorName: 'Smith Coffee Ltd' })).toEqual([]);
    expect(checkInvoice({ ...good, vendorName: null })).toEqual([]);
  });

  it('doubts a subtotal apart from the total when no tax is read, but for a receipt', () => {
    const noTax = { ...good, subtotal: 418.32, taxAmount: null, total: 497.8 };
    const outcome = runChecks(noTax);
    expect(outcome.issues).toContain('tax_total_mismatch');
    expect([...outcome.failed]).toEqual(expect.arrayContaining(['subtotal', 'taxAmount', 'total']));
    expect(checkInvoice({ ...noTax, total: 418.32 })).toEqual([]);
    expect(taxUnread(496, null, 571.04, 'invoice')).toBe(true);
    expect(taxUnread(496, null, 571.04, 'receipt')).toBe(false);
    expect(taxUnread(496, 75.04, 571.04, 'invoice')).toBe(false);
    expect(taxUnread(null, null, 571.04, 'invoice')).toBe(false);
  });

  it('names every missing required field', () => {
    expect(checkInvoice({ invoiceNumber: null, issueDate: null, customerName: '', total: null, lineItems: [] })).toEqual([
      'missing:invoiceNumber',
      'missing:issueDate',
      'missing:customerName',
      'missing:lineItems',
      'missing:total',
    ]);
  });

  it('checks each line amount and the sum against the total, to the cent', () => {
    const wrongLine = { ...good, lineItems: [{ ...good.lineItems[0]!, amount: 349.32 }, good.lineItems[1]!] };
    expect(checkInvoice(wrongLine)).toEqual(['line_amount_mismatch:1', 'total_mismatch']);
    expect(checkInvoice({ ...good, total: 418.33 })).toEqual([]);
    expect(checkInvoice({ ...good, total: 418.34 })).toEqual(['total_mismatch']);
  });
});
