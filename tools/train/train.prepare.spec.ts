import { describe, expect, it } from '@jest/globals';
import { rightValue } from './train.prepare.js';
import { headerTruth, knownTruth } from './training.data.js';

describe('rightValue', () => {
  it('takes a name with or without the legal form it ends in', () => {
    expect(rightValue('vendorName', 'Au bon moulin', 'Au bon moulin SARL')).toBe(true);
    expect(rightValue('customerName', 'Muster GmbH', 'MUSTER')).toBe(true);
    expect(rightValue('vendorName', 'Au bon moulin', 'Au bon moulin SARL - 1242 chemin')).toBe(false);
    expect(rightValue('invoiceNumber', 'A-1', 'A-1 SA')).toBe(false);
  });

  it('compares amounts to the cent without sign and "not printed" only with itself', () => {
    expect(rightValue('total', -12.5, 12.5)).toBe(true);
    expect(rightValue('total', 12.5, 12.51)).toBe(false);
    expect(rightValue('dueDate', null, null)).toBe(true);
    expect(rightValue('dueDate', null, '2020-01-01')).toBe(false);
  });
});

describe('knownTruth', () => {
  it('keeps the fields the page prints, leaves out those the XML lacks and those whose XML value is not printed', () => {
    const truth = headerTruth({ invoiceNumber: 'R-1', dueDate: null, vendorName: null, total: 10 });
    const known = knownTruth(truth, { invoiceNumber: true, dueDate: null, vendorName: false, total: true });
    expect(known).toEqual({ invoiceNumber: 'R-1', total: 10 });
  });
});
