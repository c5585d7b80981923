import { describe, expect, it } from '@jest/globals';
import { SCORED_FIELDS } from '../candidates/candidate.types.js';
import { amountAgreement, dateAgreement, decodeJointly, partyAgreement } from './joint.decoder.js';
import type { FieldOptions } from './value.options.js';

const opts = (...values: [string | number | null, number][]): FieldOptions[keyof FieldOptions] =>
  values.map(([value, probability]) => ({ value, probability, words: [] }));

function options(overrides: Partial<FieldOptions>): FieldOptions {
  const base = Object.fromEntries(SCORED_FIELDS.map((f) => [f, opts([null, 1])])) as FieldOptions;
  return { ...base, ...overrides };
}

describe('joint decoding', () => {
  it('takes amounts that add up over slightly more probable ones that do not', () => {
    const chosen = decodeJointly(options({ subtotal: opts([90, 0.5], [100, 0.45]), taxAmount: opts([20, 0.9]), total: opts([120, 0.9]) }));
    expect([chosen.subtotal.value, chosen.taxAmount.value, chosen.total.value]).toEqual([100, 20, 120]);
  });

  it('keeps the most probable amounts when nothing adds up', () => {
    const chosen = decodeJointly(options({ subtotal: opts([90, 0.6], [95, 0.4]), taxAmount: opts([20, 0.9]), total: opts([130, 0.9]) }));
    expect(chosen.subtotal.value).toBe(90);
  });

  it('takes a due date not before the issue date', () => {
    const chosen = decodeJointly(
      options({ issueDate: opts(['2024-03-01', 0.9]), dueDate: opts(['2024-02-01', 0.5], ['2024-03-31', 0.4]) }),
    );
    expect(chosen.dueDate.value).toBe('2024-03-31');
  });

  it('does not take the vendor for the customer', () => {
    const chosen = decodeJointly(
      options({ vendorName: opts(['Corner Shop', 0.9]), customerName: opts(['CORNER SHOP', 0.4], [null, 0.35], ['Acme', 0.25]) }),
    );
    expect(chosen.vendorName.value).toBe('Corner Shop');
    expect(chosen.customerName.value).toBeNull();
  });

  it('may choose "not printed"', () => {
    const chosen = decodeJointly(options({ dueDate: opts([null, 0.7], ['2024-03-31', 0.3]) }));
    expect(chosen.dueDate.value).toBeNull();
  });

  it('scores agreement', () => {
    expect(amountAgreement(100, 20, 120)).toBeGreaterThan(1);
    expect(amountAgreement(100, 20, 130)).toBeLessThan(1);
    expect(amountAgreement(200, null, 120)).toBeLessThan(1);
    expect(dateAgreement('2024-03-01', '2024-02-01')).toBeLessThan(1);
    expect(dateAgreement('2024-03-01', null)).toBe(1);
    expect(partyAgreement('Acme GmbH', 'ACME GMBH')).toBeLessThan(1);
    expect(partyAgreement('Acme GmbH', 'Beta SARL')).toBe(1);
  });
});
