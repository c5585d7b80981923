import { describe, expect, it } from '@jest/globals';
import type { ExtractedInvoice } from '@invoice/contracts';
import { reviewThresholdsFor } from '@invoice/extraction';
import { decideStatus } from './document-processing.service.js';

const evidence = (confidence: number) => ({ confidence, wordIndexes: [0], source: 'ocr' as const });
const invoice = (overrides: Partial<ExtractedInvoice>): ExtractedInvoice => ({
  invoiceNumber: 'F1',
  issueDate: '2024-01-01',
  issueTime: null,
  customerName: 'A',
  customerEmail: null,
  customerAddressLine1: null,
  customerAddressLine2: null,
  customerId: null,
  customerCategory: null,
  currency: 'EUR',
  total: 10,
  lineItems: [],
  language: 'en',
  issues: [],
  dueDate: null,
  vendorName: null,
  vendorAddress: null,
  subtotal: null,
  taxAmount: null,
  taxRate: null,
  fieldEvidence: { total: evidence(0.9), customerName: evidence(0.95) },
  lineItemsEvidence: evidence(0.9),
  documentType: 'invoice',
  vendorVatId: null,
  customerVatId: null,
  iban: null,
  orderNumber: null,
  amountDue: null,
  taxLines: [],
  ...overrides,
});

describe('decideStatus', () => {
  it('is done when nothing failed and every field is at or above the threshold', () => {
    expect(decideStatus(invoice({}), 0.9)).toEqual({ status: 'done', issues: [] });
  });

  it('sends to review with low_confidence reasons added to the issues; a correction note alone does not', () => {
    expect(decideStatus(invoice({ issues: ['corrected:total'] }), 0.92)).toEqual({
      status: 'needs_review',
      issues: ['corrected:total', 'low_confidence:total', 'low_confidence:lineItems'],
    });
    expect(decideStatus(invoice({ issues: ['corrected:total'] }), 0.5)).toEqual({ status: 'done', issues: ['corrected:total'] });
    expect(decideStatus(invoice({ issues: ['missing:customerName'] }), 0.5).status).toBe('needs_review');
  });

  it("holds each scored field and the line items to their model's threshold for the document's kind, the others to the default", () => {
    const invoiceThresholds = reviewThresholdsFor('invoice', 0.85);
    const at = invoiceThresholds.fields.total ?? 0;
    const items = invoiceThresholds.fields.lineItems ?? 0.85;
    const sure = invoice({
      fieldEvidence: { total: evidence(Math.min(1, at)), customerName: evidence(1) },
      lineItemsEvidence: evidence(items),
    });
    expect(decideStatus(sure, invoiceThresholds).status).toBe(at <= 1 ? 'done' : 'needs_review');
    const under = invoice({
      fieldEvidence: { total: evidence(Math.max(0, at - 0.01)), customerName: evidence(1) },
      lineItemsEvidence: evidence(items - 0.01),
    });
    expect(decideStatus(under, invoiceThresholds).issues).toEqual([
      ...(at > 0 ? ['low_confidence:total'] : []),
      'low_confidence:lineItems',
    ]);
  });

  it('with reviewNewLayouts, sends an invoice or credit note no vendor template matched to review, not a receipt nor an e-invoice read from its XML', () => {
    const held = { reviewNewLayouts: true };
    expect(decideStatus(invoice({}), 0.9, held)).toEqual({ status: 'needs_review', issues: ['new_layout'] });
    expect(decideStatus(invoice({ documentType: 'credit_note' }), 0.9, held).status).toBe('needs_review');
    expect(decideStatus(invoice({ vendorKey: 'layout:0123abcd' }), 0.9, held)).toEqual({ status: 'done', issues: [] });
    expect(decideStatus(invoice({ documentType: 'receipt' }), 0.9, held).status).toBe('done');
    const einvoice = {
      syntax: 'cii',
      profile: null,
      typeCode: '380',
      rules: [],
      mismatches: [],
    } as unknown as ExtractedInvoice['einvoice'];
    expect(decideStatus(invoice({ einvoice }), 0.9, held).status).toBe('done');
    expect(decideStatus(invoice({}), 0.9, { reviewNewLayouts: false }).status).toBe('done');
  });
});
