import type { OcrWord } from '@invoice/contracts';
import type { Row } from '../rows.builder.js';
import { normalizeSpaces } from '../text.normalize.js';
import { columnSpans, type ColumnSpan } from './column.spans.js';
import type { ColumnKind } from './columns.lexicon.js';
import { findTableHeaders, type TableHeader } from './header.finder.js';
import { checkItem } from './item.arithmetic.js';
import { cellValue, endsTable, groupItems, isItemRow, joinDescriptionLines, type RawItem } from './row.grouper.js';

/** One line item read from an item table. */
export interface TableItem {
  description: string;
  quantity: number | null;
  unitPrice: number | null;
  amount: number | null;
  net: number | null;
  gross: number | null;
  vatRate: number | null;
  flags: string[];
  /** Words of the description and of the number cells. */
  descriptionWords: OcrWord[];
  valueWords: OcrWord[];
}

/** The item table of a document: its items over every page, and the header it was read with. */
export interface TableReading {
  items: TableItem[];
  headers: TableHeader[];
  columns: ColumnKind[];
}

/** A gap between two body rows wider than this many row heights ends the table... */
const MAX_ROW_GAP = 8;
/** ...unless the table's own rows were spaced nearly as wide (items with detail lines, OCR boxes lower than the line). */
const RHYTHM_GAP = 1.5;
/** On a page the table runs on to without its header: the gap that ends it, and how many rows may come before its first item. */
const CONTINUED_ROW_GAP = 4;
const CONTINUED_MAX_SKIPPED = 15;

/**
 * Whether a row starts inside the description column of a table with columns before it: an item's attribute line
 * ("Weitere Eigenschaften:"), not a heading of the page (which starts at its left margin).
 */
function insideDescription(row: Row, spans: readonly ColumnSpan[]): boolean {
  const index = spans.findIndex((s) => s.kind === 'description');
  const description = spans[index];
  const first = row.words[0];
  return index > 0 && description !== undefined && first !== undefined && first.bbox.x0 >= description.x0;
}

/**
 * Rows of the table under a header: up to the totals block, a wide gap (wider than 8 row heights and than 1.5x the
 * widest gap between its rows so far) or the next header. At the end of a page the
 * table goes on over the next page when that page has no header of its own, from its first full item row.
 */
function bodyRows(rows: readonly Row[], header: TableHeader, spans: readonly ColumnSpan[], headerRows: ReadonlySet<number>): Row[] {
  const body: Row[] = [];
  let previous = rows[header.rowIndex] as Row;
  let skipped: number | null = null;
  let maxGap = MAX_ROW_GAP;
  let widest = 0;
  for (let index = header.rowIndex + 1; index < rows.length; index++) {
    const row = rows[index] as Row;
    if (headerRows.has(index) || endsTable(row, spans)) break;
    if (row.page !== previous.page) {
      if ([...headerRows].some((h) => rows[h]?.page === row.page)) break;
      skipped = 0;
      maxGap = CONTINUED_ROW_GAP;
      widest = 0;
      previous = row;
    }
    if (skipped !== null) {
      // A heading ("Payment terms:") or too many rows before the first item: the table does not go on here.
      if ((/:$/.test(row.text) && !insideDescription(row, spans)) || skipped > CONTINUED_MAX_SKIPPED) break;
      if (!isItemRow(row, spans, true)) {
        skipped++;
        continue;
      }
      skipped = null;
    } else {
      const gap = row.centerY - previous.centerY;
      if (gap > Math.max(maxGap * Math.max(row.height, previous.height), RHYTHM_GAP * widest)) break;
      if (row.page === previous.page && body.length > 0) widest = Math.max(widest, gap);
    }
    body.push(row);
    previous = row;
  }
  return body;
}

/** An item from its rows: the first number of the quantity cell, the last of each amount cell, the check. */
export function toTableItem(raw: RawItem): TableItem {
  const checked = checkItem({
    quantity: cellValue(raw.cells, 'quantity'),
    unitPrice: cellValue(raw.cells, 'unitPrice'),
    amount: cellValue(raw.cells, 'amount'),
    net: cellValue(raw.cells, 'net'),
    gross: cellValue(raw.cells, 'gross'),
    discount: cellValue(raw.cells, 'discount'),
  });
  const descriptionWords = raw.cells.description ?? [];
  const valueKinds: ColumnKind[] = ['quantity', 'unitPrice', 'amount', 'net', 'gross'];
  return {
    description: normalizeSpaces(joinDescriptionLines(raw.descriptionLines)),
    ...checked,
    vatRate: cellValue(raw.cells, 'vatRate'),
    descriptionWords: raw.rows.flatMap((r) =>
      r.words.filter((w) => descriptionWords.includes(w) || !valueKinds.some((k) => raw.cells[k]?.includes(w))),
    ),
    valueWords: valueKinds.flatMap((k) => raw.cells[k] ?? []),
  };
}

/**
 * Reads the item table(s) of a document from its rows (all pages): each header found starts a table part, read
 * until the totals block, a wide gap or the page's end; a page without its own header continues with the columns
 * of the last one. Returns null when no header is found.
 */
export function readItemTable(rows: readonly Row[]): TableReading | null {
  const headers = findTableHeaders(rows);
  if (headers.length === 0) return null;
  const headerRows = new Set(headers.map((h) => h.rowIndex));
  const items: TableItem[] = [];
  let columns: ColumnKind[] = [];
  for (const header of headers) {
    const spans = columnSpans(header.cells);
    const body = bodyRows(rows, header, spans, headerRows);
    columns = spans.map((s) => s.kind);
    items.push(...groupItems(body, spans).map(toTableItem));
  }
  return { items, headers, columns };
}
