import { describe, expect, it } from '@jest/globals';
import { readEInvoice, toExtractedInvoice } from '@invoice/einvoice';
import { generateInvoiceData } from './invoice.data.js';
import { toEInvoiceXml } from './invoice.einvoice.js';
import { INVOICE_LAYOUTS } from './invoice.types.js';

const SEEDS = Array.from({ length: 30 }, (_, i) => 7000 + i);

describe.each(['ubl', 'cii'] as const)('the generated invoices written as %s e-invoices', (syntax) => {
  it.each(INVOICE_LAYOUTS)('are read back with every ground-truth field exact and no rule broken (%s layout)', (layout) => {
    for (const seed of SEEDS) {
      const truth = generateInvoiceData(seed, { layout, withEmail: seed % 2 === 0, language: seed % 3 === 0 ? 'fr' : 'en' });
      const e = readEInvoice(toEInvoiceXml(truth, syntax));
      const x = toExtractedInvoice(e);
      expect(e.syntax).toBe(syntax === 'ubl' ? 'UBL' : 'CII');
      expect(x.issues).toEqual([]);
      expect({
        invoiceNumber: x.invoiceNumber,
        issueDate: x.issueDate,
        customerName: x.customerName,
        customerEmail: x.customerEmail,
        customerAddressLine1: x.customerAddressLine1,
        currency: x.currency,
        total: x.total,
        lineItems: x.lineItems.map(({ description, quantity, unitPrice, amount }) => ({ description, quantity, unitPrice, amount })),
      }).toEqual({
        invoiceNumber: truth.invoiceNumber,
        issueDate: truth.issueDate,
        customerName: truth.customerName,
        customerEmail: truth.customerEmail,
        customerAddressLine1: truth.customerAddressLine1,
        currency: truth.currency,
        total: truth.total,
        lineItems: truth.lineItems,
      });
      if (truth.dueDate) expect(x.dueDate).toBe(truth.dueDate);
      if (truth.vendorName) expect(x.vendorName).toBe(truth.vendorName);
      if (truth.subtotal != null) expect([x.subtotal, x.taxAmount, x.taxRate]).toEqual([truth.subtotal, truth.taxAmount, truth.taxRate]);
    }
  });
});
