import { describe, expect, it } from '@jest/globals';
import { buildRows } from '../rows.builder.js';
import { line } from '../words.fixture.js';
import { itemsAddUp, tableLineItems } from './table.items.js';

const rows = buildRows([
  ...line('Description                 Qty     Price     Amount', 0, 100),
  ...line('Consulting', 0, 130),
  ...line('2      90.00    180.00', 270, 130),
  ...line('Travel', 0, 160),
  ...line('1      45.50     45.50', 270, 160),
]);

describe('tableLineItems', () => {
  it('gives the table lines with their amounts', () => {
    expect(tableLineItems(rows, [], 225.5)?.lineItems).toEqual([
      { description: 'Consulting', quantity: 2, unitPrice: 90, amount: 180 },
      { description: 'Travel', quantity: 1, unitPrice: 45.5, amount: 45.5 },
    ]);
  });

  it('keeps the row reader lines when only those add up', () => {
    const current = [{ description: 'Consulting', quantity: 2, unitPrice: 100, amount: 200 }];
    expect(tableLineItems(rows, current, 200)).toBeNull();
    expect(tableLineItems(rows, current, 225.5)).not.toBeNull();
  });

  it('is null without a header row', () => expect(tableLineItems(buildRows(line('Consulting 2 90.00 180.00', 0, 0)), [], null)).toBeNull());
});

describe('itemsAddUp', () => {
  it('compares the sum of the amounts to the reference to the cent', () => {
    expect(itemsAddUp([{ amount: 0.1 }, { amount: 0.2 }], 0.3)).toBe(true);
    expect(itemsAddUp([{ amount: 1 }], 1.02)).toBe(false);
    expect(itemsAddUp([{ amount: 1 }], null)).toBe(false);
  });
});
