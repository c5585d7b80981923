import type { LineItem, OcrWord } from '@invoice/contracts';
import { roundCents } from '../amount.parser.js';
import type { Row } from '../rows.builder.js';
import { readItemTable, type TableItem } from './table.reader.js';

/** Line items taken from an item table, with the words behind each line and the issues found. */
export interface TableLineItems {
  lineItems: LineItem[];
  itemWords: { description: OcrWord[]; column: OcrWord[] }[];
  /** Per line: quantity, unit price and amount all read (none inferred from the other two). */
  printed: boolean[];
  issues: string[];
}

/** Whether the lines' amounts add up to the reference (the subtotal, else the total), to the cent. */
export function itemsAddUp(items: readonly Pick<LineItem, 'amount'>[], reference: number | null): boolean {
  if (reference === null || items.length === 0) return false;
  return Math.abs(roundCents(items.reduce((sum, i) => sum + i.amount, 0)) - reference) < 0.015;
}

/** The table's items as line items: items without an amount, a quantity or a description are left out. */
export function toLineItems(items: readonly TableItem[]): TableLineItems {
  const out: TableLineItems = { lineItems: [], itemWords: [], printed: [], issues: [] };
  for (const item of items) {
    if (item.amount === null || item.quantity === null || item.unitPrice === null || item.description === '') {
      out.issues.push('unreadable:lineItem');
      continue;
    }
    out.lineItems.push({ description: item.description, quantity: item.quantity, unitPrice: item.unitPrice, amount: item.amount });
    out.itemWords.push({ description: item.descriptionWords, column: item.valueWords });
    out.printed.push(!item.flags.some((f) => f.startsWith('inferred:')));
    // A line whose product differs from its amount, with no discount to explain it, is worth a look.
    if (item.flags.includes('mismatch')) out.issues.push(`table:mismatch:lineItem:${out.lineItems.length}`);
  }
  return out;
}

/**
 * Line items from the item table found by its header row, when they are to be preferred over `current` (the
 * lines of the row-by-row reader): always, unless only `current` adds up to the reference. Null without a table.
 */
export function tableLineItems(rows: readonly Row[], current: readonly LineItem[], reference: number | null): TableLineItems | null {
  const reading = readItemTable(rows);
  if (!reading || reading.items.length === 0) return null;
  const table = toLineItems(reading.items);
  if (table.lineItems.length === 0) return null;
  if (current.length > 0 && itemsAddUp(current, reference) && !itemsAddUp(table.lineItems, reference)) return null;
  return table;
}
