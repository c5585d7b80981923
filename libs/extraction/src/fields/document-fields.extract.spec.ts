import { describe, expect, it } from '@jest/globals';
import type { OcrWord } from '@invoice/contracts';
import { extractInvoice } from '../invoice.extractor.js';
import { checkInvoice } from '../invoice.checks.js';
import { line, page } from '../words.fixture.js';

/** A made-up English invoice that prints VAT ids, an IBAN, an order number, a tax line and the amount due. */
function invoiceWithBankDetails(): OcrWord[] {
  return [
    ...line('INVOICE INV-2026-0042', 60, 60, { height: 30, charWidth: 20 }),
    ...line('From Nimbus Supplies Ltd', 500, 120),
    ...line('Issue date 2026-03-02', 60, 120),
    ...line('Bill to Acme Trading', 60, 160),
    ...line('VAT BE0411905847', 60, 190),
    ...line('Order number: PO-7781', 60, 240),
    ...line('Ground coffee', 60, 300),
    ...line('2 x 50.00 Euro', 640, 300),
    ...line('Subtotal 100.00', 560, 400),
    ...line('VAT 20% 100.00 20.00', 560, 430),
    ...line('Total 120.00 Euro', 560, 460),
    ...line('Amount due: 120.00', 560, 490),
    ...line('Nimbus Supplies Ltd - VAT FR40303265045', 60, 900),
    ...line('IBAN FR14 2004 1010 0505 0001 3M02 606', 60, 930),
  ];
}

describe('extractInvoice: document type, VAT ids, IBAN, order number, amount due, tax lines', () => {
  it('reads each field with its evidence, the checksums and sums confirming them', () => {
    const words = invoiceWithBankDetails();
    const result = extractInvoice([page(words)]);
    expect(result).toMatchObject({
      documentType: 'invoice',
      vendorVatId: 'FR40303265045',
      customerVatId: 'BE0411905847',
      iban: 'FR1420041010050500013M02606',
      orderNumber: 'PO-7781',
      amountDue: 120,
      taxLines: [{ rate: 20, base: 100, amount: 20 }],
      total: 120,
    });
    const text = (field: keyof typeof result.fieldEvidence) => result.fieldEvidence[field]?.wordIndexes.map((i) => words[i]?.text);
    expect(text('iban')).toEqual(['FR14', '2004', '1010', '0505', '0001', '3M02', '606']);
    expect(text('orderNumber')).toEqual(['PO-7781']);
    expect(text('customerVatId')).toEqual(['BE0411905847']);
    expect(text('documentType')).toEqual(['INVOICE']);
    for (const field of ['documentType', 'vendorVatId', 'customerVatId', 'iban', 'amountDue', 'taxLines'] as const) {
      expect(result.fieldEvidence[field]?.confidence).toBeGreaterThan(0.95);
    }
    expect(result.fieldEvidence.orderNumber?.confidence).toBeCloseTo(0.9);
  });

  it('keeps a VAT id whose check digits fail in doubt: an issue, and half the confidence', () => {
    const words = [
      ...line('INVOICE 12', 60, 60),
      ...line('Bill to Acme', 60, 100),
      ...line('Total 10.00', 60, 200),
      ...line('VAT: DE136695977', 60, 900),
    ];
    const result = extractInvoice([page(words)]);
    expect(result.vendorVatId).toBe('DE136695977');
    expect(result.issues).toContain('invalid_checksum:vendorVatId');
    expect(result.fieldEvidence.vendorVatId?.confidence).toBeLessThan(0.5);
  });

  it('leaves the fields null and the tax lines empty, with no evidence, when the page prints none', () => {
    const result = extractInvoice([
      page([...line('INVOICE 12', 60, 60), ...line('Bill to Acme', 60, 100), ...line('Total 10.00', 60, 200)]),
    ]);
    expect(result).toMatchObject({ vendorVatId: null, customerVatId: null, iban: null, orderNumber: null, amountDue: null, taxLines: [] });
    expect(Object.keys(result.fieldEvidence)).not.toContain('taxLines');
  });

  it('holds a receipt to vendor, date and total only: no invoice number, customer or items missing', () => {
    const rows = ['CORNER SHOP', 'TAX INVOICE', '23/01/2018', 'BREAD 2.50', 'MILK 1.20', 'TOTAL 3.70', 'CASH 5.00', 'CHANGE 1.30'];
    const result = extractInvoice([page(rows.flatMap((text, i) => line(text, 40, 40 + 60 * i, { charWidth: 8 })))]);
    expect(result).toMatchObject({ documentType: 'receipt', vendorName: 'CORNER SHOP', issueDate: '2018-01-23', total: 3.7 });
    expect(result.issues.filter((i) => i.startsWith('missing:'))).toEqual([]);
    const withoutVendor = { ...result, vendorName: null };
    expect(checkInvoice(withoutVendor)).toContain('missing:vendorName');
    expect(checkInvoice({ ...withoutVendor, documentType: 'invoice' })).toEqual(
      expect.arrayContaining(['missing:invoiceNumber', 'missing:customerName', 'missing:lineItems']),
    );
  });

  it('reads a credit note with its printed signs, without asking for line items', () => {
    const words = [
      ...line('CREDIT NOTE CN-2026-7', 60, 60, { height: 30, charWidth: 20 }),
      ...line('Issue date 2026-03-02', 60, 120),
      ...line('Bill to Acme Trading', 60, 160),
      ...line('Subtotal -100.00', 560, 400),
      ...line('VAT 20% -100.00 -20.00', 560, 430),
      ...line('Total -120.00', 560, 460),
      ...line('Amount due -120.00', 560, 490),
    ];
    const result = extractInvoice([page(words)]);
    expect(result).toMatchObject({
      documentType: 'credit_note',
      total: -120,
      subtotal: -100,
      amountDue: -120,
      taxLines: [{ rate: 20, base: -100, amount: -20 }],
    });
    expect(result.issues).not.toContain('missing:lineItems');
  });
});
