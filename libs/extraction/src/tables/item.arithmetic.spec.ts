import { describe, expect, it } from '@jest/globals';
import { checkItem, productMatches } from './item.arithmetic.js';

const values = { quantity: null, unitPrice: null, amount: null, net: null, gross: null, discount: null };

describe('checkItem', () => {
  it('accepts quantity x unit price = amount, with prices of four decimals rounded to the cent', () => {
    expect(checkItem({ ...values, quantity: 20, unitPrice: 9.9, amount: 198 }).flags).toEqual([]);
    expect(productMatches(3, 3.3333, 10)).toBe(true);
    expect(productMatches(3, 3.5, 10)).toBe(false);
  });

  it('fills the one missing value from the other two', () => {
    expect(checkItem({ ...values, unitPrice: 5.5, amount: 27.5 })).toMatchObject({ quantity: 5, flags: ['inferred:quantity'] });
    expect(checkItem({ ...values, quantity: 4, amount: 10 })).toMatchObject({ unitPrice: 2.5, flags: ['inferred:unitPrice'] });
    expect(checkItem({ ...values, quantity: 2, unitPrice: 1.25 })).toMatchObject({ amount: 2.5, flags: ['inferred:amount'] });
    expect(checkItem({ ...values, amount: 80 })).toMatchObject({ quantity: 1, unitPrice: 80 });
  });

  it('takes the net amount as the line total when net and gross are printed, and keeps both', () => {
    expect(checkItem({ ...values, quantity: 2, unitPrice: 50, net: 100, gross: 119 })).toMatchObject({
      amount: 100,
      net: 100,
      gross: 119,
      flags: [],
    });
  });

  it('flags an amount under the product as a discount, any other difference as a mismatch', () => {
    expect(checkItem({ ...values, quantity: 3, unitPrice: 4, amount: 10, discount: 2 }).flags).toEqual(['discount']);
    expect(checkItem({ ...values, quantity: 3, unitPrice: 4, amount: 10.8 }).flags).toEqual(['discount']);
    expect(checkItem({ ...values, quantity: 3, unitPrice: 4, amount: 14 }).flags).toEqual(['mismatch']);
  });

  it('reads a quantity printed with three decimals ("1.000") as the one that makes the product hold', () => {
    expect(checkItem({ ...values, quantity: 1000, unitPrice: 160, amount: 160 })).toMatchObject({ quantity: 1, flags: [] });
  });

  it('puts back a decimal point the OCR lost in a whole-number unit price or amount when the cents make the product hold', () => {
    expect(checkItem({ ...values, quantity: 12, unitPrice: 5999, amount: 719.88 })).toMatchObject({ unitPrice: 59.99, flags: [] });
    expect(checkItem({ ...values, quantity: 12, unitPrice: 59.99, amount: 71988 })).toMatchObject({ amount: 719.88, flags: [] });
    // A whole price that is right stays, and so does a wrong one no hundredth explains.
    expect(checkItem({ ...values, quantity: 2, unitPrice: 50, amount: 100 })).toMatchObject({ unitPrice: 50, flags: [] });
    // "100" is no "1.00" read without its point: a document printing 1 x 1 = 100 keeps its figures.
    expect(checkItem({ ...values, quantity: 1, unitPrice: 1, amount: 100 })).toMatchObject({ amount: 100, flags: ['mismatch'] });
    expect(checkItem({ ...values, quantity: 12, unitPrice: 5999, amount: 700 })).toMatchObject({ unitPrice: 5999, flags: ['discount'] });
  });

  it('keeps a small quantity as printed when the amount is far off (2 x 4.44 printed as 0.00 is no 0.002 x 4.44)', () => {
    expect(checkItem({ ...values, quantity: 2, unitPrice: 4.44, amount: 0 })).toMatchObject({ quantity: 2, flags: ['discount'] });
  });
});
