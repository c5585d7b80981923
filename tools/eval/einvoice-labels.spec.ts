import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { readEInvoice, toExtractedInvoice } from '@invoice/einvoice';
import { einvoiceLabelDifferences, type EinvoiceLabel } from './einvoice-labels.js';

const x = toExtractedInvoice(
  readEInvoice(readFileSync(new URL('../../libs/einvoice/src/__fixtures__/factur-x-en16931.xml', import.meta.url))),
);
const label: EinvoiceLabel = {
  invoiceNumber: 'FX-2026-0042',
  issueDate: '2026-11-15',
  dueDate: '2026-12-15',
  currency: 'EUR',
  vendorName: 'Verger du Midi SARL',
  vendorVatId: 'FR32123456782',
  customerName: 'Épicerie Centrale',
  subtotal: 95,
  taxAmount: 11.75,
  total: 106.75,
  amountDue: 86.75,
  documentType: '380',
  lineItems: [
    { description: 'Pommes Golden (caisse)', quantity: 4, unitPrice: 12.5, amount: 50 },
    { description: 'Livraison', quantity: 1.5, unitPrice: null, amount: 45 },
  ],
};

describe('einvoiceLabelDifferences', () => {
  it('finds none when every labelled field is exact (null labels not compared)', () => {
    expect(einvoiceLabelDifferences(label, x)).toEqual([]);
  });
  it('names each wrong field, line count and line part', () => {
    const wrong = {
      ...label,
      total: 106.7,
      documentType: '381',
      lineItems: [{ ...label.lineItems![0]!, description: 'Pommes' }, label.lineItems![1]!],
    };
    expect(einvoiceLabelDifferences(wrong, x)).toEqual([
      'total: expected 106.7, got 106.75',
      'documentType: expected 381, got invoice',
      'lineItems[0].description: expected "Pommes", got "Pommes Golden (caisse)"',
    ]);
    expect(einvoiceLabelDifferences({ ...label, lineItems: [] }, x)).toEqual(['lineItems: expected 0 lines, got 2']);
  });
});
