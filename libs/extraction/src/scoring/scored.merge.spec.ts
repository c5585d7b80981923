import { describe, expect, it } from '@jest/globals';
import type { FieldEvidenceMap } from '@invoice/contracts';
import { SCORED_FIELDS, type ScoredField } from '../candidates/candidate.types.js';
import { extractByRules } from '../fields.extractor.js';
import { line, page } from '../words.fixture.js';
import { RECEIPT_RULES_CONFIDENCE, mergeScored, taxFromLines } from './scored.merge.js';
import type { ScoredValue } from './scorer.types.js';

const ruled = extractByRules([
  page([...line('INVOICE FAC_2019_0001', 60, 60), ...line('Bill to Sarah Smith', 60, 150), ...line('Total 120.00 EUR', 580, 460)]),
]);

function scored(overrides: Partial<Record<ScoredField, ScoredValue>>): Record<ScoredField, ScoredValue> {
  const same = Object.fromEntries(SCORED_FIELDS.map((f) => [f, { value: ruled[f], probability: 0.9, confidence: 0.9, words: [] }]));
  return { ...same, ...overrides } as Record<ScoredField, ScoredValue>;
}

describe('mergeScored', () => {
  it('takes the scorer value and its calibrated confidence', () => {
    const out = mergeScored(ruled, scored({ total: { value: 130, probability: 0.8, confidence: 0.77, words: [] } }), new Map());
    expect(out.total).toBe(130);
    expect(out.fieldEvidence.total?.confidence).toBe(0.77);
  });

  it("takes the scorer's value even when it is unsure, with its low confidence (not the rule reader's word confidence)", () => {
    const out = mergeScored(ruled, scored({ customerName: { value: 'ACME', probability: 0.3, confidence: 0.3, words: [] } }), new Map());
    expect(out.customerName).toBe('ACME');
    expect(out.fieldEvidence.customerName?.confidence).toBe(0.3);
  });

  it("caps a name's confidence at its least sure OCR word under 50%, and leaves amounts to their calibration", () => {
    const garbage = line('ee ct SA', 60, 640, { confidence: 18 });
    const sure = line('Vertex Office', 600, 200, { confidence: 95 });
    const out = mergeScored(
      ruled,
      scored({
        vendorName: { value: 'ee ct SA', probability: 0.9, confidence: 0.82, words: garbage },
        customerName: { value: 'Vertex Office', probability: 0.9, confidence: 0.82, words: sure },
        total: { value: 120, probability: 0.9, confidence: 0.9, words: line('120.00', 580, 460, { confidence: 30 }) },
      }),
      new Map(),
    );
    expect(out.fieldEvidence.vendorName?.confidence).toBe(0.18);
    expect(out.fieldEvidence.customerName?.confidence).toBe(0.82);
    expect(out.fieldEvidence.total?.confidence).toBe(0.9);
  });

  it('caps an invoice number with letters read at under 50%, and leaves one of digits only to its calibration', () => {
    const merged = (value: string) =>
      mergeScored(
        ruled,
        scored({ invoiceNumber: { value, probability: 0.9, confidence: 0.95, words: line(value, 600, 100, { confidence: 35 }) } }),
        new Map(),
      ).fieldEvidence.invoiceNumber?.confidence;
    expect(merged('uy1ae')).toBe(0.35);
    expect(merged('40111090')).toBe(0.95);
  });

  it('drops a value the scorer reads as not printed, and reruns the checks', () => {
    const out = mergeScored(ruled, scored({ total: { value: null, probability: 0.9, confidence: 0.9, words: [] } }), new Map());
    expect(out.total).toBeNull();
    expect(out.fieldEvidence.total).toBeUndefined();
    expect(out.issues).toContain('missing:total');
  });

  it('types an untitled document with a number and a customer as an invoice, with no evidence of its own', () => {
    const { documentType: _read, ...evidence } = ruled.fieldEvidence;
    const untitled = { ...ruled, documentType: null, fieldEvidence: evidence };
    const out = mergeScored(
      untitled,
      scored({
        invoiceNumber: { value: 'A-1', probability: 0.9, confidence: 0.8, words: [] },
        customerName: { value: 'Acme', probability: 0.7, confidence: 0.6, words: [] },
      }),
      new Map(),
    );
    expect(out.documentType).toBe('invoice');
    expect(out.fieldEvidence.documentType).toBeUndefined();
    const noNumber = mergeScored(
      untitled,
      scored({ invoiceNumber: { value: null, probability: 0.9, confidence: 0.9, words: [] } }),
      new Map(),
    );
    expect(noNumber.documentType).toBeNull();
  });

  it("keeps the receipt rules' reading on a till receipt where the scorer is unsure", () => {
    const receipt = { ...ruled, documentType: 'receipt' as const };
    const unsure = mergeScored(receipt, scored({ total: { value: 99, probability: 0.6, confidence: 0.6, words: [] } }), new Map());
    expect(unsure.total).toBe(120);
    const almost = mergeScored(
      receipt,
      scored({ total: { value: 99, probability: 0.9, confidence: RECEIPT_RULES_CONFIDENCE - 0.01, words: [] } }),
      new Map(),
    );
    expect(almost.total).toBe(120);
    const sure = mergeScored(
      receipt,
      scored({ total: { value: 99, probability: 0.9, confidence: RECEIPT_RULES_CONFIDENCE, words: [] } }),
      new Map(),
    );
    expect(sure.total).toBe(99);
  });

  it('leaves a field a receipt does not need empty unless the scorer is sure, and fills a needed one with its guess', () => {
    const { customerName: _read, ...evidence } = ruled.fieldEvidence;
    const told = { ...evidence, documentType: { confidence: 0.95, wordIndexes: [0], source: 'ocr' as const } };
    const receipt = { ...ruled, documentType: 'receipt' as const, customerName: null, vendorName: null, fieldEvidence: told };
    const guess = { value: 'CASH', probability: 0.6, confidence: 0.6, words: [] };
    const unsure = mergeScored(receipt, scored({ customerName: guess, vendorName: { ...guess, value: 'CORNER SHOP' } }), new Map());
    expect(unsure.customerName).toBeNull();
    expect(unsure.fieldEvidence.customerName).toBeUndefined();
    expect(unsure.vendorName).toBe('CORNER SHOP');
    const sure = mergeScored(
      receipt,
      scored({ customerName: { ...guess, value: 'ACME', confidence: RECEIPT_RULES_CONFIDENCE } }),
      new Map(),
    );
    expect(sure.customerName).toBe('ACME');
    // An invoice takes the scorer's unsure guess (the rule reader's is right less often on unseen layouts), and so
    // does a page read as a receipt by its shape alone (no words say so).
    expect(mergeScored({ ...ruled, customerName: null }, scored({ customerName: guess }), new Map()).customerName).toBe('CASH');
    const shapeOnly = { ...receipt, fieldEvidence: { ...evidence, documentType: { ...told.documentType, wordIndexes: [] } } };
    expect(mergeScored(shapeOnly, scored({ customerName: guess }), new Map()).customerName).toBe('CASH');
  });

  it("repairs the legal form of a receipt's name the scorer chose, as the receipt rules do", () => {
    const receipt = { ...ruled, documentType: 'receipt' as const };
    const sure = { value: 'KEDAI MAJU SON BHD', probability: 0.99, confidence: 0.99, words: [] };
    expect(mergeScored(receipt, scored({ vendorName: sure }), new Map()).vendorName).toBe('KEDAI MAJU SDN BHD');
    expect(mergeScored(ruled, scored({ vendorName: sure }), new Map()).vendorName).toBe('KEDAI MAJU SON BHD');
  });

  it('halves the confidence of a scored value a check fails on', () => {
    const items = { ...ruled, lineItems: [{ description: 'Work', quantity: 1, unitPrice: 100, amount: 100 }] };
    const out = mergeScored(items, scored({ total: { value: 130, probability: 0.98, confidence: 0.98, words: [] } }), new Map());
    expect(out.issues).toContain('total_mismatch');
    expect(out.fieldEvidence.total?.confidence).toBe(0.49);
    const agreeing = mergeScored(items, scored({ total: { value: 100, probability: 0.98, confidence: 0.98, words: [] } }), new Map());
    expect(agreeing.issues).not.toContain('total_mismatch');
    expect(agreeing.fieldEvidence.total?.confidence).toBe(0.98);
  });
});

describe('taxFromLines', () => {
  const lines = [
    { rate: 7, base: 160, amount: 11.2 },
    { rate: 19, base: 336, amount: 63.84 },
  ];
  const invoice = (taxAmount: number | null, subtotal = 496) => ({
    ...ruled,
    subtotal,
    total: 571.04,
    taxAmount,
    taxLines: lines,
    fieldEvidence: {
      subtotal: { confidence: 0.9, wordIndexes: [1], source: 'ocr' as const },
      total: { confidence: 0.8, wordIndexes: [2], source: 'ocr' as const },
      taxLines: { confidence: 0.9, wordIndexes: [5, 6], source: 'ocr' as const },
    },
  });

  it('takes the sum of the tax lines when it makes subtotal + tax = total and the tax read does not', () => {
    for (const read of [null, 63.84]) {
      const out = invoice(read);
      const evidence: FieldEvidenceMap = { ...out.fieldEvidence };
      taxFromLines(out, evidence);
      expect(out.taxAmount).toBe(75.04);
      expect(evidence.taxAmount).toEqual({ confidence: 0.8, wordIndexes: [5, 6], source: 'arithmetic' });
    }
  });

  it('keeps a tax read that adds up, and leaves the tax alone when the lines do not add up either', () => {
    const right = invoice(75.04);
    taxFromLines(right, { ...right.fieldEvidence });
    expect(right.taxAmount).toBe(75.04);
    const off = invoice(null, 500);
    const evidence: FieldEvidenceMap = { ...off.fieldEvidence };
    taxFromLines(off, evidence);
    expect(off.taxAmount).toBeNull();
    expect(evidence.taxAmount).toBeUndefined();
  });
});
