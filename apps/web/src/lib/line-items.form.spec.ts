import { describe, expect, it } from '@jest/globals';
import {
  emptyRow,
  insertRow,
  itemsFromRows,
  moveRow,
  parseAmount,
  removeRow,
  rowCheck,
  rowsFromItems,
  sameItems,
  sumCheck,
} from './line-items.form.js';

const items = [
  { description: 'Paper', quantity: 2, unitPrice: 45, amount: 90 },
  { description: 'Ink', quantity: 1, unitPrice: 10, amount: 10 },
];
const row = (quantity: string, unitPrice: string, amount: string, description = 'x') => ({
  ...emptyRow(),
  description,
  quantity,
  unitPrice,
  amount,
});

describe('line items editor', () => {
  it('reads typed amounts: decimal comma, blanks, nothing', () => {
    expect(parseAmount('1 250,50')).toBe(1250.5);
    expect(parseAmount(' ')).toBeNull();
    expect(parseAmount('abc')).toBeNull();
  });

  it('checks quantity x unit price against the amount as typed, to the cent', () => {
    expect(rowCheck(row('2', '45', '90'))).toEqual({ expected: 90, mismatch: false });
    expect(rowCheck(row('3', '0,333', '1.00'))).toEqual({ expected: 1, mismatch: false });
    expect(rowCheck(row('2', '50', '90'))).toEqual({ expected: 100, mismatch: true });
    expect(rowCheck(row('2', '', '90'))).toEqual({ expected: null, mismatch: false });
  });

  it('checks the sum against the subtotal, or the total when there is no tax, as the server does', () => {
    const rows = rowsFromItems(items);
    expect(sumCheck(rows, { subtotal: 100, taxAmount: 20, total: 120 })).toEqual({ sum: 100, target: 'subtotal', expected: 100, ok: true });
    expect(sumCheck(rows, { subtotal: null, taxAmount: null, total: 100 })).toEqual({ sum: 100, target: 'total', expected: 100, ok: true });
    expect(sumCheck(rows, { subtotal: 110, taxAmount: 22, total: 132 })).toEqual({
      sum: 100,
      target: 'subtotal',
      expected: 110,
      ok: false,
    });
    expect(sumCheck(rows, { subtotal: null, taxAmount: null, total: 120 })).toMatchObject({ target: 'total', ok: false });
    expect(sumCheck(rows, { subtotal: null, taxAmount: null, total: null })).toMatchObject({ target: null, ok: true });
  });

  it('turns rows into line items: empty rows dropped, a blank amount computed, errors by row and column', () => {
    const rows = [...rowsFromItems(items), emptyRow(), row('3', '2,5', '', 'Pens')];
    expect(itemsFromRows(rows)).toEqual({
      items: [...items, { description: 'Pens', quantity: 3, unitPrice: 2.5, amount: 7.5 }],
      errors: {},
    });
    const bad = itemsFromRows([row('two', '1', '2', ''), ...rowsFromItems(items)]);
    expect(bad.items).toBeNull();
    expect(Object.keys(bad.errors).sort()).toEqual(['0.description', '0.quantity']);
  });

  it('tells when the rows say the same as the stored items', () => {
    expect(sameItems(rowsFromItems(items), items)).toBe(true);
    expect(sameItems(moveRow(rowsFromItems(items), 0, 1), items)).toBe(false);
  });

  it("keeps an e-invoice line's unit and VAT rate with its row, so an unchanged row says the same", () => {
    const einvoiceItems = [{ description: 'Consulting', quantity: 1.5, unitPrice: 30, amount: 45, unit: 'HUR', taxRate: 20 }, items[1]!];
    const rows = rowsFromItems(einvoiceItems);
    expect(sameItems(rows, einvoiceItems)).toBe(true);
    expect(itemsFromRows([{ ...rows[0]!, amount: '46' }, rows[1]!]).items).toEqual([{ ...einvoiceItems[0], amount: 46 }, items[1]]);
  });

  it('moves, removes and inserts rows', () => {
    expect(moveRow(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveRow(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveRow(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(removeRow(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
    const rows = rowsFromItems(items);
    const inserted = insertRow(rows, 1);
    expect(inserted).toHaveLength(3);
    expect(inserted[1]?.description).toBe('');
    expect(new Set(inserted.map((r) => r.key)).size).toBe(3);
  });
});
