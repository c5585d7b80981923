import { describe, expect, it } from '@jest/globals';
import { chooseThresholds, fieldFloor, tallyDone, type FieldDecision } from './train.report.js';

type F = 'amount' | 'name';
const FIELDS: readonly F[] = ['amount', 'name'];

const decision = (id: string, field: F, confidence: number, right: boolean): FieldDecision<F> => ({
  id,
  dataset: 'invoices',
  field,
  value: 'x',
  confidence,
  right,
  checkFailed: false,
});

/**
 * 60 documents whose name is right at 0.9 and amount sure at 0.99, and 40 whose name is wrong at 0.6 and whose
 * amount is doubtful (0.55, right): in these, the amount's doubt holds the wrong names back.
 */
function coupled(): FieldDecision<F>[] {
  return [
    ...Array.from({ length: 60 }, (_, i) => [decision(`ok${i}`, 'amount', 0.99, true), decision(`ok${i}`, 'name', 0.9, true)]),
    ...Array.from({ length: 40 }, (_, i) => [decision(`bad${i}`, 'amount', 0.55, true), decision(`bad${i}`, 'name', 0.6, false)]),
  ].flat();
}

describe('fieldFloor', () => {
  it("is the lowest confidence at which the field's own values are wrong at most that often, one wrong value more counted", () => {
    expect(fieldFloor(coupled(), 'name', 0.05)).toBe(0.9);
    // 60 right names: (0 + 1) / 60 is under 5%; with 10 names only, (0 + 1) / 10 is not.
    expect(fieldFloor(coupled().slice(0, 20), 'name', 0.05)).toBe(0.995);
    expect(fieldFloor(coupled(), 'amount', 0.05)).toBe(0.55);
  });
});

describe('chooseThresholds', () => {
  it("lowers a field whose wrong values another field's doubt holds back, unless the field's floor keeps it", () => {
    const loose = chooseThresholds(coupled(), 0.01, FIELDS);
    expect(loose.name).toBe(0.5);
    expect(loose.amount).toBeGreaterThan(0.55);
    const floored = chooseThresholds(coupled(), 0.01, FIELDS, 0, 0.05);
    expect(floored.name).toBe(0.9);
    // Where the amount is sure (a page whose wrong names come with sure amounts), only the floor holds them back.
    const sure = coupled().map((d) => (d.field === 'amount' ? { ...d, confidence: 0.99 } : d));
    expect(tallyDone(sure, loose).get('invoices')?.wrong).toBe(40);
    expect(tallyDone(sure, floored).get('invoices')).toEqual({ documents: 100, done: 60, wrong: 0 });
  });
});
