import { describe, expect, it } from '@jest/globals';
import type { ExtractedInvoice } from '@invoice/contracts';
import { reviewThresholdsFor } from '@invoice/extraction';
import { PDF_TEXT_ENGINE } from '@invoice/ocr';
import { decideStatus, documentThresholds } from './document-processing.service.js';

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

describe('documentThresholds', () => {
  const textLayer = [{ engineVersion: PDF_TEXT_ENGINE }, { engineVersion: PDF_TEXT_ENGINE }];
  const scanned = [{ engineVersion: PDF_TEXT_ENGINE }, { engineVersion: 'tesseract.js@7.0.0' }];
  const text = reviewThresholdsFor('invoice', 0.91, { reading: 'text' }).fields;
  const ocr = reviewThresholdsFor('invoice', 0.91, { reading: 'ocr' }).fields;

  it("holds an invoice read from its text layer to the text layers' thresholds, one read by OCR to the OCR readings'", () => {
    expect(documentThresholds({ documentType: 'invoice' }, textLayer).fields).toEqual(text);
    expect(documentThresholds({ documentType: 'invoice' }, scanned).fields).toEqual(ocr);
    expect(documentThresholds({ documentType: 'receipt' }, scanned)).toEqual(reviewThresholdsFor('receipt', 0.91));
    expect(documentThresholds({ documentType: 'invoice' }, textLayer, 0.5)).toEqual({ fields: {}, other: 0.5 });
  });

  it('sends to review a vendor whose confidence passes on a text layer but not on an OCR reading', () => {
    // The committed model's OCR vendor threshold is over the text layers' (train:extraction raises it on OCR readings).
    const [atText, atOcr] = [text['vendorName'] ?? 0, ocr['vendorName'] ?? 0];
    expect(atOcr).toBeGreaterThan(atText);
    const between = invoice({
      vendorName: 'Harbor & Hill',
      fieldEvidence: { vendorName: evidence(atText), total: evidence(1), customerName: evidence(1) },
      lineItemsEvidence: evidence(1),
    });
    expect(decideStatus(between, documentThresholds(between, textLayer)).status).toBe('done');
    expect(decideStatus(between, documentThresholds(between, scanned)).issues).toContain('low_confidence:vendorName');
  });
});
