import { describe, expect, it } from '@jest/globals';
import { SCORED_FIELDS } from './candidates/candidate.types.js';
import { ITEMS_MODEL } from './confidence/items.model.js';
import { RECEIPT_MODEL } from './confidence/receipt.model.js';
import { RECEIPT_FIELDS } from './confidence/receipt.signals.js';
import { reviewReasons, reviewThresholdsFor } from './field.confidence.js';
import { SCORER_MODEL } from './scoring/scorer.model.js';

const evidence = (confidence: number) => ({ confidence, wordIndexes: [], source: 'ocr' as const });

describe('reviewThresholdsFor', () => {
  it("takes the scorer model's thresholds of the document's kind, the line-item model's, a receipt's own, and `other` for the rest", () => {
    expect(reviewThresholdsFor('receipt', 0.91)).toEqual({
      fields: { ...SCORER_MODEL.thresholds.receipt, lineItems: ITEMS_MODEL.threshold, ...RECEIPT_MODEL.thresholds },
      other: 0.91,
    });
    expect(Object.keys(RECEIPT_MODEL.thresholds).sort()).toEqual([...RECEIPT_FIELDS].sort());
    for (const type of ['invoice', 'credit_note', null]) {
      expect(reviewThresholdsFor(type, 0.91, { reading: 'text' }).fields).toEqual({
        ...SCORER_MODEL.thresholds.invoice,
        lineItems: ITEMS_MODEL.threshold,
      });
      expect(reviewThresholdsFor(type, 0.91, { reading: 'ocr' }).fields).toEqual({
        ...SCORER_MODEL.thresholds.invoiceOcr,
        lineItems: ITEMS_MODEL.threshold,
      });
    }
  });

  it("holds a document whose reading is not said to an OCR reading's thresholds", () => {
    expect(reviewThresholdsFor('invoice', 0.91)).toEqual(reviewThresholdsFor('invoice', 0.91, { reading: 'ocr' }));
  });

  it('gives one threshold for every field under an override (REVIEW_THRESHOLD)', () => {
    expect(reviewThresholdsFor('invoice', 0.91, { override: 0.5 })).toEqual({ fields: {}, other: 0.5 });
  });

  it('has a threshold per scored field and kind in the committed model, each a confidence; an OCR reading never under a text layer', () => {
    for (const kind of ['invoice', 'invoiceOcr', 'receipt'] as const)
      for (const f of SCORED_FIELDS) {
        expect(SCORER_MODEL.thresholds[kind][f]).toBeGreaterThanOrEqual(0);
        expect(SCORER_MODEL.thresholds[kind][f]).toBeLessThanOrEqual(1);
      }
    for (const f of SCORED_FIELDS) expect(SCORER_MODEL.thresholds.invoiceOcr[f]).toBeGreaterThanOrEqual(SCORER_MODEL.thresholds.invoice[f]);
  });
});

describe('reviewReasons with per-field thresholds', () => {
  const thresholds = { fields: { total: 0.7, vendorName: 0.95 }, other: 0.9 };

  it('holds each field to its own threshold and the others (line items too) to `other`', () => {
    const extracted = {
      issues: [],
      fieldEvidence: { total: evidence(0.75), vendorName: evidence(0.93), vendorVatId: evidence(0.85) },
      lineItemsEvidence: evidence(0.95),
    };
    expect(reviewReasons(extracted as never, thresholds)).toEqual(['low_confidence:vendorName', 'low_confidence:vendorVatId']);
    expect(reviewReasons({ ...extracted, lineItemsEvidence: evidence(0.8) } as never, thresholds)).toContain('low_confidence:lineItems');
  });

  it('holds a value a vendor template gave or confirmed to `other`, whatever its field', () => {
    const fromTemplate = (confidence: number) => ({ confidence, wordIndexes: [], source: 'template' as const });
    const extracted = { issues: [], fieldEvidence: { total: fromTemplate(0.8), vendorName: fromTemplate(0.92) } };
    expect(reviewReasons(extracted, thresholds)).toEqual(['low_confidence:total']);
  });

  it('keeps a single number as one threshold for every field', () => {
    expect(reviewReasons({ issues: [], fieldEvidence: { total: evidence(0.75) } }, 0.8)).toEqual(['low_confidence:total']);
  });
});
