import { describe, expect, it } from '@jest/globals';
import type { ReceiptField } from '@invoice/extraction';
import {
  asThresholdDecisions,
  outOfFold,
  RECEIPT_MARGIN,
  tallyReceipts,
  thresholdsOutOfFold,
  type ReceiptFieldRow,
} from './receipts.calibrate.js';
import { chooseThresholds } from './train.report.js';

const FIELDS: readonly ReceiptField[] = ['vendorName', 'issueDate', 'total'];

/** `n` receipts of `shops` shops; a receipt is wrong when `wrong(i)`, its signal is its rightness blurred by `noise(i)`. */
function receipts(n: number, wrong: (i: number) => boolean, shops = 40): ReceiptFieldRow[] {
  return Array.from({ length: n }, (_, i) =>
    FIELDS.map((field) => {
      const right = field !== 'total' || !wrong(i);
      return { id: `r${i}`, group: `shop${i % shops}`, field, value: 1, x: [right ? 1 : 0, (i % 7) / 7], right, blocked: false };
    }),
  ).flat();
}

describe('receipt thresholds', () => {
  it('keeps the 2% rule with one more wrong receipt: too few done receipts and nothing is done', () => {
    const decisions = outOfFold(
      receipts(30, () => false),
      FIELDS,
    );
    expect(Object.values(chooseThresholds(decisions, 0.02, FIELDS, RECEIPT_MARGIN))).toEqual([1, 1, 1]);
    expect(tallyReceipts(decisions, chooseThresholds(decisions, 0.02, FIELDS, 0)).done).toBe(30);
    const many = outOfFold(
      receipts(200, () => false),
      FIELDS,
    );
    expect(tallyReceipts(many, chooseThresholds(many, 0.02, FIELDS, RECEIPT_MARGIN)).done).toBe(200);
  });

  it('holds back the wrong totals a signal tells, out of fold', () => {
    const rows = receipts(300, (i) => i % 5 === 0);
    const decisions = outOfFold(rows, FIELDS);
    const total = (id: string) => decisions.find((d) => d.id === id && d.field === 'total')?.confidence ?? -1;
    expect(total('r0')).toBeLessThan(total('r1'));
    const t = chooseThresholds(decisions, 0.02, FIELDS, RECEIPT_MARGIN);
    const tally = tallyReceipts(decisions, t);
    expect(tally.done).toBe(240);
    expect(tally.wrong).toBe(0);
    const nested = thresholdsOutOfFold(decisions, new Map(rows.map((r) => [r.id, r.group] as const)), 0.02, FIELDS);
    expect(nested).toEqual({ receipts: 300, done: 240, wrong: 0 });
  });

  it('counts a receipt blocked by another reason as not done', () => {
    const rows = receipts(200, () => false).map((r) => ({ ...r, blocked: r.id === 'r3' }));
    const decisions = outOfFold(rows, FIELDS);
    expect(tallyReceipts(decisions, { vendorName: 0.5, vendorAddress: 0.5, issueDate: 0.5, total: 0.5 }).done).toBe(199);
  });
});

describe('asThresholdDecisions', () => {
  const outcome = (field: ReceiptField, confidence: number) => ({
    id: 'r1',
    dataset: 'sroie',
    field,
    value: 'x',
    confidence,
    right: true,
    checkFailed: false,
  });

  it('fixes what a template decided whatever the thresholds: a value it passed as sure, one it held back as a blocked receipt', () => {
    const passed = asThresholdDecisions([
      { outcome: outcome('vendorName', 0.4), templated: true, pass: true, right: true },
      { outcome: outcome('total', 0.97), templated: false, pass: false, right: false },
    ]);
    expect(passed.map((d) => [d.field, d.confidence, d.right, d.checkFailed])).toEqual([
      ['vendorName', 1, true, false],
      ['total', 0.97, false, false],
    ]);
    const held = asThresholdDecisions([
      { outcome: outcome('vendorName', 0.99), templated: true, pass: false, right: true },
      { outcome: outcome('total', 0.97), templated: false, pass: true, right: true },
    ]);
    expect(held.every((d) => d.checkFailed)).toBe(true);
  });
});
