import { describe, expect, it } from '@jest/globals';
import type { FieldOptions } from '../scoring/value.options.js';
import type { ValueOption } from '../scoring/scorer.types.js';
import { confidenceSignals } from './confidence.signals.js';

const option = (value: ValueOption['value'], probability: number): ValueOption => ({ value, probability, words: [] });

describe('confidenceSignals', () => {
  const options = {
    invoiceNumber: [option('INV-7', 0.8), option('12', 0.15), option(null, 0.05)],
    issueDate: [option('2024-01-31', 0.9)],
    dueDate: [option('2024-01-15', 0.6), option(null, 0.4)],
    subtotal: [option(100, 0.7)],
    taxAmount: [option(20, 0.6)],
    total: [option(120, 0.9)],
    currency: [option(null, 1)],
    vendorName: [option('Acme GmbH', 0.5)],
    customerName: [option('Client SA', 0.5)],
  } as FieldOptions;
  const chosen = Object.fromEntries(Object.entries(options).map(([f, o]) => [f, o[0]])) as Record<keyof FieldOptions, ValueOption>;

  it('gives the logit, the lead over the next value, agreement with the rules, "not printed" and the check', () => {
    const [logit, lead, agrees, none, check] = confidenceSignals('invoiceNumber', options, chosen, { invoiceNumber: 'inv 7' });
    expect(logit).toBeCloseTo(Math.log(4), 5);
    expect(lead).toBeCloseTo(0.65, 5);
    expect([agrees, none, check]).toEqual([1, 0, 0]);
  });

  it('says whether the amounts add up and the dates are in order', () => {
    expect(confidenceSignals('total', options, chosen, {}).at(-1)).toBe(1);
    expect(confidenceSignals('total', options, { ...chosen, total: option(125, 0.9) }, {}).at(-1)).toBe(-1);
    expect(confidenceSignals('dueDate', options, chosen, {}).at(-1)).toBe(-1);
    expect(confidenceSignals('currency', options, chosen, { currency: null })).toEqual([expect.any(Number), 1, 1, 1, 0]);
  });

  it('says whether the customer is another party than the vendor', () => {
    expect(confidenceSignals('customerName', options, chosen, {}).at(-1)).toBe(1);
    const same = { ...chosen, customerName: option('ACME gmbh', 0.5) };
    expect(confidenceSignals('customerName', options, same, {}).at(-1)).toBe(-1);
    expect(confidenceSignals('vendorName', options, same, {}).at(-1)).toBe(-1);
    expect(confidenceSignals('vendorName', options, { ...chosen, customerName: option(null, 0.5) }, {}).at(-1)).toBe(0);
  });
});
