import { describe, expect, it } from '@jest/globals';
import { correctByArithmetic, misreadCandidates } from './arithmetic.corrector.js';
import { fieldConfidence, reviewReasons } from './field.confidence.js';
import { runChecks } from './invoice.checks.js';

const items = [
  { description: 'Coffee', quantity: 4, unitPrice: 98.58, amount: 394.32 },
  { description: 'Markers', quantity: 10, unitPrice: 251.44, amount: 2514.4 },
];

describe('misreadCandidates', () => {
  it('swaps one look-alike digit or moves the decimal point', () => {
    const c = misreadCandidates(18.5);
    expect(c).toEqual(expect.arrayContaining([78.5, 10.5, 13.5, 18.6, 18.8, 1850, 0.19, 185, 1.85]));
    expect(c).not.toContain(18.5);
  });
});

describe('correctByArithmetic', () => {
  it('corrects a total misread 7 -> 1 when that is the only reading that makes the sums hold', () => {
    const fix = correctByArithmetic({ subtotal: null, taxAmount: null, taxRate: null, total: 2908.12, lineItems: items });
    expect(fix).toMatchObject({ field: 'total', from: 2908.12, to: 2908.72 });
  });

  it('corrects nothing when two readings fit: total 2900.72 could be 2908.72, or the first price 96.58 for 98.58', () => {
    expect(correctByArithmetic({ subtotal: null, taxAmount: null, taxRate: null, total: 2900.72, lineItems: items })).toBeNull();
  });

  it('corrects a unit price when subtotal, tax and total agree with each other', () => {
    const wrong = [items[0]!, { ...items[1]!, unitPrice: 257.44, amount: 2574.4 }];
    const fix = correctByArithmetic({ subtotal: 2908.72, taxAmount: 581.74, taxRate: 20, total: 3490.46, lineItems: wrong });
    expect(fix).toMatchObject({ field: 'lineItem:2', from: 257.44, to: 251.44 });
    expect(fix?.fields.lineItems[1]?.amount).toBe(2514.4);
  });

  it('corrects a dropped decimal point in the tax amount', () => {
    const fix = correctByArithmetic({ subtotal: 2908.72, taxAmount: 58174, taxRate: 20, total: 3490.46, lineItems: items });
    expect(fix).toMatchObject({ field: 'taxAmount', to: 581.74 });
  });

  it('corrects nothing when the sums hold, when no reading fits, or when two readings fit', () => {
    expect(correctByArithmetic({ subtotal: null, taxAmount: null, taxRate: null, total: 2908.72, lineItems: items })).toBeNull();
    expect(correctByArithmetic({ subtotal: null, taxAmount: null, taxRate: null, total: 2908.75, lineItems: items })).toBeNull();
    // One line and a total: the total 10.00 could be a misread 18.00 or the price 10.00 a misread 18.00... both fit.
    const one = [{ description: 'X', quantity: 1, unitPrice: 18, amount: 18 }];
    expect(correctByArithmetic({ subtotal: null, taxAmount: null, taxRate: null, total: 10, lineItems: one })).toBeNull();
  });
});

describe('runChecks', () => {
  const today = new Date('2025-06-01T00:00:00Z');
  const base = { invoiceNumber: 'F1', issueDate: '2024-03-14', customerName: 'A', total: 3490.46, lineItems: items };

  it('checks subtotal + tax = total, the tax rate, and confirms the fields that pass', () => {
    const ok = runChecks({ ...base, subtotal: 2908.72, taxAmount: 581.74, taxRate: 20 }, { today });
    expect(ok.issues).toEqual([]);
    expect([...ok.passed].sort()).toEqual(['issueDate', 'lineItems', 'subtotal', 'taxAmount', 'taxRate', 'total']);
    const bad = runChecks({ ...base, subtotal: 2908.72, taxAmount: 581.74, taxRate: 5.5, total: 3490.56 }, { today });
    expect(bad.issues).toEqual(['tax_total_mismatch', 'tax_rate_mismatch']);
    expect(bad.failed.has('total')).toBe(true);
  });

  it('names a due date before the issue date, an implausible year and a malformed email', () => {
    const result = runChecks({ ...base, total: 2908.72, dueDate: '2024-03-01', customerEmail: 'a@b' }, { today });
    expect(result.issues).toEqual(['due_before_issue', 'invalid_email']);
    expect(runChecks({ ...base, total: 2908.72, issueDate: '2095-01-01' }, { today }).issues).toEqual(['implausible_date:issueDate']);
  });
});

describe('fieldConfidence', () => {
  it('weighs the weakest word, raises values a check confirmed, halves those a check doubts', () => {
    expect(fieldConfidence({ wordConfidences: [90, 90], source: 'ocr', passed: false, failed: false })).toBe(0.9);
    expect(fieldConfidence({ wordConfidences: [95, 45], source: 'ocr', passed: false, failed: false })).toBe(0.575);
    expect(fieldConfidence({ wordConfidences: [90], source: 'ocr', passed: true, failed: false })).toBe(0.975);
    expect(fieldConfidence({ wordConfidences: [90], source: 'ocr', passed: false, failed: true })).toBe(0.45);
    expect(fieldConfidence({ wordConfidences: [], source: 'qr', passed: false, failed: false })).toBe(0.99);
    expect(fieldConfidence({ wordConfidences: [10], source: 'person', passed: false, failed: true })).toBe(1);
  });

  it('sends to review under the threshold, with the field named; corrections are notes, not reasons', () => {
    const evidence = { confidence: 0.6, wordIndexes: [], source: 'ocr' as const };
    expect(reviewReasons({ issues: ['corrected:total'], fieldEvidence: { total: evidence } }, 0.8)).toEqual(['low_confidence:total']);
    expect(reviewReasons({ issues: ['corrected:total'], fieldEvidence: { total: evidence } }, 0.5)).toEqual([]);
  });
});
