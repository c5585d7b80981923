import { describe, expect, it } from '@jest/globals';
import type { ExtractedInvoice } from '@invoice/contracts';
import { extractByRules } from '../fields.extractor.js';
import { line, page } from '../words.fixture.js';
import { RECEIPT_MODEL } from './receipt.model.js';
import { withReceiptConfidence, withSureReceiptItems } from './receipt.confidence.js';
import { RECEIPT_SIGNALS } from './receipt.signals.js';

const base = extractByRules([page([...line('INVOICE FAC_2019_0001', 60, 60), ...line('Total 120.00 EUR', 580, 460)])]);
const evidence = (confidence: number) => ({ confidence, wordIndexes: [], source: 'ocr' as const });

function receipt(overrides: Partial<ExtractedInvoice> = {}): ExtractedInvoice {
  return {
    ...base,
    documentType: 'receipt',
    vendorName: 'KEDAI MAJU SDN BHD',
    total: 3.7,
    subtotal: null,
    taxAmount: null,
    lineItems: [{ description: 'BREAD', quantity: 1, unitPrice: 2.5, amount: 2.5 }],
    lineItemsEvidence: evidence(0.4),
    issues: ['total_mismatch', 'unreadable:lineItem', 'corrected:address:vendorAddress'],
    fieldEvidence: { vendorName: evidence(0.9), total: evidence(0.9), documentType: { ...evidence(0.95), wordIndexes: [7] } },
    ...overrides,
  };
}

describe('withSureReceiptItems', () => {
  it("drops a receipt's doubtful line items, their notes and the sum check they failed", () => {
    const out = withSureReceiptItems(receipt(), 0.92);
    expect(out.lineItems).toEqual([]);
    expect(out.lineItemsEvidence).toBeNull();
    expect(out.issues).not.toContain('total_mismatch');
    expect(out.issues).not.toContain('unreadable:lineItem');
    expect(out.issues).toContain('corrected:address:vendorAddress');
  });

  it('keeps sure items, and the items of an invoice or of a page read as a receipt by its shape alone', () => {
    expect(withSureReceiptItems(receipt({ lineItemsEvidence: evidence(0.95) }), 0.92).lineItems).toHaveLength(1);
    const shapeOnly = receipt({ fieldEvidence: { documentType: evidence(0.5) } });
    expect(withSureReceiptItems(shapeOnly, 0.92)).toBe(shapeOnly);
    const invoice = receipt({ documentType: 'invoice' });
    expect(withSureReceiptItems(invoice, 0.92)).toBe(invoice);
  });
});

describe('withReceiptConfidence', () => {
  const signals = (value: number) => ({
    vendorName: RECEIPT_SIGNALS.vendorName.map(() => value),
    total: RECEIPT_SIGNALS.total.map(() => value),
  });

  it("replaces a receipt's OCR field confidences by the model's probabilities, which follow the signals", () => {
    expect(RECEIPT_MODEL.version).toBeGreaterThan(0);
    const weak = withReceiptConfidence(receipt(), signals(0));
    const strong = withReceiptConfidence(receipt(), signals(1));
    for (const field of ['vendorName', 'total'] as const) {
      const p = weak.fieldEvidence[field]?.confidence ?? -1;
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
      expect(p).not.toBe(0.9);
    }
    expect(strong.fieldEvidence.total?.confidence).toBeGreaterThan(weak.fieldEvidence.total?.confidence ?? 1);
  });

  it('calibrates a receipt read without confirmations by the fit without the agreement signals', () => {
    const agreeing = { total: [...RECEIPT_SIGNALS.total.map(() => 0.5).slice(0, -2), 1, 0] };
    const differing = { total: [...RECEIPT_SIGNALS.total.map(() => 0.5).slice(0, -2), 0, 1] };
    const confidence = (x: typeof agreeing, confirmed: boolean) =>
      withReceiptConfidence(receipt(), x, confirmed).fieldEvidence.total?.confidence;
    // With confirmations the two engines' agreement moves the total's confidence; without, the other fit ignores it.
    expect(confidence(agreeing, true)).toBeGreaterThan(confidence(differing, true) ?? 1);
    expect(confidence(agreeing, false)).toBe(confidence(differing, false));
    expect(confidence(agreeing, false)).not.toBe(confidence(agreeing, true));
    expect(RECEIPT_MODEL.calibrationAlone.total?.weights).toHaveLength(RECEIPT_SIGNALS.total.length - 2);
  });

  it('leaves values of a template or a person, and other documents, as they are', () => {
    const templated = receipt({ fieldEvidence: { total: { ...evidence(0.97), source: 'template' } } });
    expect(withReceiptConfidence(templated, signals(0)).fieldEvidence.total?.confidence).toBe(0.97);
    const invoice = receipt({ documentType: 'invoice' });
    expect(withReceiptConfidence(invoice, signals(0))).toBe(invoice);
  });
});
