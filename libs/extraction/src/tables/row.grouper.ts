import type { OcrWord } from '@invoice/contracts';
import type { Row } from '../rows.builder.js';
import { normalizeSpaces } from '../text.normalize.js';
import { splitByColumn, type ColumnSpan } from './column.spans.js';
import { LINE_TOTAL_KINDS, type ColumnKind } from './columns.lexicon.js';
import { productMatches } from './item.arithmetic.js';
import { cellNumbers } from './number.cell.js';
import { isTotalsLabel, isTotalsLabelOnly } from './totals.lexicon.js';

/** One item of a table as read from its rows: the description lines and each number column's words. */
export interface RawItem {
  descriptionLines: string[];
  cells: Partial<Record<ColumnKind, OcrWord[]>>;
  rows: Row[];
}

/** Kinds of the columns holding an item's values. */
const VALUE_KINDS: ReadonlySet<ColumnKind> = new Set(['quantity', 'unitPrice', 'amount', 'net', 'gross']);

/** Kinds whose words make up the description. */
const DESCRIPTION_KINDS: ReadonlySet<ColumnKind> = new Set(['description']);

/** The column whose amount makes a row an item row: the line total, else the unit price. */
export function keyColumn(spans: readonly ColumnSpan[]): ColumnSpan | null {
  for (const kind of [...LINE_TOTAL_KINDS, 'unitPrice'] as const) {
    const span = spans.find((s) => s.kind === kind);
    if (span) return span;
  }
  return null;
}

function cellsOf(row: Row, spans: readonly ColumnSpan[]): Partial<Record<ColumnKind, OcrWord[]>> {
  const cells: Partial<Record<ColumnKind, OcrWord[]>> = {};
  for (const [span, words] of splitByColumn(row.words, spans)) cells[span.kind] = [...(cells[span.kind] ?? []), ...words];
  return cells;
}

/** A line under an item naming one of its attributes ("GTIN: 4012345001235", "Lieferdatum: 05.03.2024"), not its description. */
export const isAttributeLine = (text: string): boolean => /^[\p{L}][\p{L}.\- ]{1,30}\s?:(\s*\S*\d|\s*$)/u.test(text);

/** A line holding only a long code (an EAN, an article number): an identifier printed under the item, not its name. */
export const isIdentifierLine = (text: string): boolean => /^\S*\d{6,}\S*$/.test(text);

/** A line spacing at most this many row heights keeps a description one paragraph. */
const PARAGRAPH_SPACING = 2;

/** Whether a row is the next line of an item's paragraph: on the same page, right under its last row. */
function nextLine(item: RawItem, row: Row): boolean {
  const last = item.rows[item.rows.length - 1] as Row;
  return last.page === row.page && row.centerY - last.centerY <= PARAGRAPH_SPACING * Math.max(last.height, row.height);
}

const textOf = (words: readonly OcrWord[] | undefined): string => normalizeSpaces((words ?? []).map((w) => w.text).join(' '));

/** Whether a row prints a number in a quantity or price column (a price basis or a gross price under the item). */
function hasNumbers(cells: Partial<Record<ColumnKind, OcrWord[]>>, spans: readonly ColumnSpan[]): boolean {
  return spans.some((s) => VALUE_KINDS.has(s.kind) && cellNumbers(textOf(cells[s.kind])).length > 0);
}

/**
 * Whether a row is an item row: an amount in the key column; with `strict`, also a description and another value,
 * or quantity x unit price = amount (the first row of a table continued on a page without its header must not be a
 * page number).
 */
export function isItemRow(row: Row, spans: readonly ColumnSpan[], strict = false): boolean {
  const key = keyColumn(spans);
  const cells = cellsOf(row, spans);
  if (!key || cellNumbers(textOf(cells[key.kind])).length === 0) return false;
  if (!strict) return true;
  const others = spans.filter((s) => s !== key && VALUE_KINDS.has(s.kind));
  if (textOf(cells.description) === '') return productHolds(cells);
  return others.some((s) => cellNumbers(textOf(cells[s.kind])).length > 0);
}

/** The value of a cell: the first number of a quantity cell, the last number of any other; null when it has none. */
export function cellValue(cells: Partial<Record<ColumnKind, OcrWord[]>>, kind: ColumnKind): number | null {
  const numbers = cellNumbers(textOf(cells[kind]));
  return (kind === 'quantity' ? numbers[0] : numbers.at(-1)) ?? null;
}

/** Whether a row's quantity times its unit price gives its line total (net, else amount, else gross: as `checkItem`). */
function productHolds(cells: Partial<Record<ColumnKind, OcrWord[]>>): boolean {
  const quantity = cellValue(cells, 'quantity');
  const unitPrice = cellValue(cells, 'unitPrice');
  const amount = cellValue(cells, 'net') ?? cellValue(cells, 'amount') ?? cellValue(cells, 'gross');
  return quantity !== null && unitPrice !== null && amount !== null && amount !== 0 && productMatches(quantity, unitPrice, amount);
}

/** Whether a row is a section heading left of the description column ("Zahlungsbedingungen:", "Zu- und Abschläge:"). */
export function isSectionHeading(row: Row, spans: readonly ColumnSpan[]): boolean {
  const description = spans.find((s) => s.kind === 'description');
  const first = row.words[0];
  if (!description || !first || row.segments.length !== 1) return false;
  return /:$/.test(row.text.trim()) && first.bbox.x0 < description.x0 && cellNumbers(row.text).length === 0;
}

/**
 * Whether the row ends the table: its first cell (after a lone position number or mark) opens the totals block, and
 * it has no quantity or its description is that label alone (a "TOTAL 150 750.00" row sums the quantities too); or
 * it is a section heading of its own.
 */
export function endsTable(row: Row, spans: readonly ColumnSpan[]): boolean {
  if (isSectionHeading(row, spans)) return true;
  const first = row.segments.map((segment) => segment.text.replace(/^[^\p{L}\s]{1,3}(\s+|$)/u, '')).find((text) => text !== '');
  if (!first || !isTotalsLabel(first)) return false;
  if (isTotalsLabelOnly(first)) return true;
  const quantity = cellsOf(row, spans).quantity;
  return !quantity || cellNumbers(textOf(quantity)).length === 0;
}

/**
 * Description lines joined: a line ending in a hyphen runs on into the next without a blank ("Art-Nr-" + "Lieferant").
 * A colon that ends the description introduces a detail that is not there ("Heiße Luft pro Liter:").
 */
export function joinDescriptionLines(lines: readonly string[]): string {
  return lines
    .reduce(
      (text, line) => (text === '' ? line : /[\p{L}\d.]-$/u.test(text) || /^-\p{L}/u.test(line) ? `${text}${line}` : `${text} ${line}`),
      '',
    )
    .replace(/\s*:$/, '');
}

/**
 * Whether a description line wrapped into the next one: the next line's first word would not have fitted after it
 * within the width the two lines show the column has (the wider of them), or it ends in a hyphen. A line broken
 * where the next word would still have fitted was ended on purpose: what follows is a detail under the item
 * ("Includes basic wireframes, and responsive templates" under "2 page website design"), not more of its name.
 */
export function wrapsInto(line: readonly OcrWord[], next: readonly OcrWord[]): boolean {
  const last = line[line.length - 1];
  const first = next[0];
  if (!last || !first) return false;
  if (/-$/.test(last.text)) return true;
  const right = Math.max(last.bbox.x1, ...next.map((w) => w.bbox.x1));
  const space = 0.25 * Math.max(1, last.bbox.y1 - last.bbox.y0);
  return last.bbox.x1 + space + (first.bbox.x1 - first.bbox.x0) > right;
}

const descriptionWordsOf = (cells: Partial<Record<ColumnKind, OcrWord[]>>): OcrWord[] =>
  Object.entries(cells)
    .flatMap(([kind, words]) => (DESCRIPTION_KINDS.has(kind as ColumnKind) ? words : []))
    .sort((a, b) => a.bbox.x0 - b.bbox.x0);

/**
 * Groups the body rows of a table into items: a row with an amount in the key column starts an item; the rows
 * right under it whose description cell holds text continue its description, as one paragraph, while each line
 * wraps into the next (`wrapsInto`): a row with no description text, an attribute line ("GTIN: ..."), or a line
 * after one that ended short closes it. Rows above the first item row are not items.
 */
export function groupItems(body: readonly Row[], spans: readonly ColumnSpan[]): RawItem[] {
  const key = keyColumn(spans);
  if (!key) return [];
  const rows = body.map((row) => {
    const cells = cellsOf(row, spans);
    return { row, cells, words: descriptionWordsOf(cells) };
  });
  const items: RawItem[] = [];
  let open = false;
  let lastLine: OcrWord[] = [];
  for (const { row, cells, words } of rows) {
    const description = textOf(words);
    if (cellNumbers(textOf(cells[key.kind])).length > 0) {
      items.push({ descriptionLines: description ? [description] : [], cells, rows: [row] });
      open = true;
      lastLine = words;
      continue;
    }
    const current = items[items.length - 1];
    if (
      !current ||
      !open ||
      !description ||
      hasNumbers(cells, spans) ||
      isAttributeLine(description) ||
      isIdentifierLine(description) ||
      !nextLine(current, row) ||
      (lastLine.length > 0 && !wrapsInto(lastLine, words))
    ) {
      open = false;
      continue;
    }
    current.descriptionLines.push(description);
    current.rows.push(row);
    lastLine = words;
  }
  return items;
}
