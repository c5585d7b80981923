import { LineItemSchema, type LineItem } from '@invoice/contracts';

/** One editable row, as typed. `key` keeps a row's identity while rows move. */
export interface LineItemRow {
  key: string;
  description: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  /** The unit code and VAT rate an e-invoice states for the line: not edited, kept with the row. */
  unit?: string;
  taxRate?: number;
}

export const LINE_ITEM_COLUMNS = ['description', 'quantity', 'unitPrice', 'amount'] as const;
export type LineItemColumn = (typeof LINE_ITEM_COLUMNS)[number];

/** One cent, as the server's checks: printed amounts are rounded. */
const TOLERANCE = 0.01 + 1e-9;
const cents = (value: number) => Math.round(value * 100) / 100;

let nextKey = 0;
const newKey = () => `row-${++nextKey}`;

export const emptyRow = (): LineItemRow => ({ key: newKey(), description: '', quantity: '1', unitPrice: '', amount: '' });

export function rowsFromItems(items: readonly LineItem[]): LineItemRow[] {
  return items.map((item) => ({
    key: newKey(),
    description: item.description,
    quantity: String(item.quantity),
    unitPrice: String(item.unitPrice),
    amount: String(item.amount),
    ...(item.unit != null && { unit: item.unit }),
    ...(item.taxRate != null && { taxRate: item.taxRate }),
  }));
}

/** A typed number: blanks inside ignored, a decimal comma read as a point; null when empty or unreadable. */
export function parseAmount(text: string): number | null {
  const trimmed = text.replace(/\s/g, '').replace(',', '.');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** Quantity x unit price against the amount, as the person types: `expected` is what the amount should read. */
export function rowCheck(row: LineItemRow): { expected: number | null; mismatch: boolean } {
  const quantity = parseAmount(row.quantity);
  const unitPrice = parseAmount(row.unitPrice);
  const amount = parseAmount(row.amount);
  if (quantity === null || unitPrice === null) return { expected: null, mismatch: false };
  const expected = cents(quantity * unitPrice);
  return { expected, mismatch: amount === null || Math.abs(expected - amount) > TOLERANCE };
}

export interface SumCheck {
  sum: number;
  /** What the sum is compared with: the subtotal when there is one, else the total; null when neither is known. */
  target: 'subtotal' | 'total' | null;
  expected: number | null;
  ok: boolean;
}

/**
 * The line amounts against the subtotal (or the total, when there is no subtotal or no tax), as the
 * server's checks compare them (`subtotal_mismatch`, `total_mismatch`).
 */
export function sumCheck(
  rows: readonly LineItemRow[],
  totals: { subtotal: number | null; taxAmount: number | null; total: number | null },
): SumCheck {
  const sum = cents(rows.reduce((acc, row) => acc + (parseAmount(row.amount) ?? 0), 0));
  const near = (value: number) => Math.abs(sum - value) <= TOLERANCE;
  if (rows.length === 0) return { sum, target: null, expected: null, ok: true };
  if (totals.subtotal !== null && near(totals.subtotal)) return { sum, target: 'subtotal', expected: totals.subtotal, ok: true };
  const noTax = totals.subtotal === null || totals.taxAmount === null || Math.abs(totals.taxAmount) <= TOLERANCE;
  if (totals.total !== null && near(totals.total) && noTax) return { sum, target: 'total', expected: totals.total, ok: true };
  if (totals.subtotal !== null) return { sum, target: 'subtotal', expected: totals.subtotal, ok: false };
  if (totals.total !== null) return { sum, target: 'total', expected: totals.total, ok: false };
  return { sum, target: null, expected: null, ok: true };
}

/**
 * The rows as line items for the correction API, checked against the contract's schema. Rows left
 * empty are dropped; a blank amount is quantity x unit price. Errors are keyed `row index.column`.
 */
export function itemsFromRows(rows: readonly LineItemRow[]): { items: LineItem[] | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const items: LineItem[] = [];
  rows.forEach((row, index) => {
    if (LINE_ITEM_COLUMNS.every((column) => row[column].trim() === '' || (column === 'quantity' && row.quantity.trim() === '1'))) return;
    const candidate = {
      description: row.description.trim(),
      quantity: parseAmount(row.quantity),
      unitPrice: parseAmount(row.unitPrice),
      amount: row.amount.trim() === '' ? rowCheck(row).expected : parseAmount(row.amount),
      ...(row.unit !== undefined && { unit: row.unit }),
      ...(row.taxRate !== undefined && { taxRate: row.taxRate }),
    };
    const parsed = LineItemSchema.safeParse(candidate);
    if (parsed.success) items.push(parsed.data);
    else for (const issue of parsed.error.issues) errors[`${index}.${String(issue.path[0])}`] = issue.message;
  });
  return Object.keys(errors).length > 0 ? { items: null, errors } : { items, errors };
}

/** Whether the rows say the same as the stored items (nothing to send). */
export function sameItems(rows: readonly LineItemRow[], items: readonly LineItem[]): boolean {
  const { items: typed } = itemsFromRows(rows);
  return typed !== null && JSON.stringify(typed) === JSON.stringify(items);
}

/** The row at `index` moved by `delta` (clamped); the same list when it cannot move. */
export function moveRow<T>(rows: readonly T[], index: number, delta: number): T[] {
  const to = Math.max(0, Math.min(rows.length - 1, index + delta));
  if (to === index || index < 0 || index >= rows.length) return [...rows];
  const next = [...rows];
  const [row] = next.splice(index, 1);
  next.splice(to, 0, row!);
  return next;
}

export function removeRow<T>(rows: readonly T[], index: number): T[] {
  return rows.filter((_, i) => i !== index);
}

export function insertRow(rows: readonly LineItemRow[], index: number): LineItemRow[] {
  const next = [...rows];
  next.splice(index, 0, emptyRow());
  return next;
}
