import type { OcrWord } from '@invoice/contracts';
import type { Row } from '../rows.builder.js';
import { findHeaderCells, type HeaderCell } from './column.matcher.js';
import { LINE_TOTAL_KINDS, type ColumnKind } from './columns.lexicon.js';

/** An item table's header row: the row and the column labels found in it, left to right. */
export interface TableHeader {
  rowIndex: number;
  cells: HeaderCell[];
}

const NUMBER_RE = /\d[\d.,']*\d|\d/;
const TEXT_KINDS: ReadonlySet<ColumnKind> = new Set(['description', 'code', 'quantity']);
const PRICE_KINDS: ReadonlySet<ColumnKind> = new Set([...LINE_TOTAL_KINDS, 'unitPrice']);

/**
 * Whether the cells found in a row make it an item-table header: at least three columns of different kinds (two
 * when they are a description or a quantity and a line total: the other labels of a header may be lost to OCR), one of them a price or line total and one a description, code or
 * quantity, the labels covering most of the row's words, and hardly any number among them.
 */
export function isHeaderRow(row: Row, cells: readonly HeaderCell[]): boolean {
  const kinds = new Set(cells.map((c) => c.kind));
  if (![...kinds].some((k) => PRICE_KINDS.has(k)) || ![...kinds].some((k) => TEXT_KINDS.has(k))) return false;
  const enough = kinds.size >= 3 || ((kinds.has('description') || kinds.has('quantity')) && LINE_TOTAL_KINDS.some((k) => kinds.has(k)));
  if (!enough) return false;
  const covered = cells.reduce((n, c) => n + c.words.length, 0);
  const numbers = row.words.filter((w) => NUMBER_RE.test(w.text) && !/%/.test(w.text)).length;
  return covered >= 0.5 * row.words.length && numbers <= 1;
}

/** Specks the OCR reads as punctuation: no letter, digit or sign of a label in them. */
const speck = (w: OcrWord): boolean => !/[\p{L}\d#%]/u.test(w.text);

/**
 * Two rows close enough to be one header printed on two lines ("Unit" over "price"), as one row: each word of the
 * upper row followed by the words of the lower row under it (their boxes kept, so a label spans both lines).
 */
function stackedRow(rows: readonly Row[], index: number): Row | null {
  const row = rows[index] as Row;
  const next = rows[index + 1];
  if (!next || next.page !== row.page || next.centerY - row.centerY > 1.8 * Math.max(row.height, next.height)) return null;
  const below = (top: OcrWord) => next.words.filter((w) => !speck(w) && w.bbox.x0 < top.bbox.x1 && w.bbox.x1 > top.bbox.x0);
  const tops = row.words.filter((w) => !speck(w));
  const placed = new Set(tops.flatMap(below));
  const groups = [...tops.map((top) => [top, ...below(top)]), ...next.words.filter((w) => !speck(w) && !placed.has(w)).map((w) => [w])];
  groups.sort((a, b) => (a[0] as OcrWord).bbox.x0 - (b[0] as OcrWord).bbox.x0);
  const words = groups.flat();
  return { ...row, words, text: words.map((w) => w.text).join(' ') };
}

const kindCount = (cells: readonly HeaderCell[]): number => new Set(cells.map((c) => c.kind)).size;

/** The header starting at a row: the row alone, or with the row under it when that gives more columns. */
function headerAt(rows: readonly Row[], index: number, cellsOf: (index: number) => HeaderCell[]): TableHeader | null {
  const row = rows[index] as Row;
  const cells = cellsOf(index);
  const single = isHeaderRow(row, cells) ? { rowIndex: index, cells } : null;
  if (cells.length === 0 || index + 1 >= rows.length || cellsOf(index + 1).length === 0) return single;
  const stacked = stackedRow(rows, index);
  const stackedCells = stacked ? findHeaderCells(stacked.words) : [];
  if (!stacked || !isHeaderRow(stacked, stackedCells)) return single;
  const next = rows[index + 1] as Row;
  const nextCells = cellsOf(index + 1);
  const best = Math.max(single ? kindCount(cells) : 0, isHeaderRow(next, nextCells) ? kindCount(nextCells) : 0);
  return kindCount(stackedCells) > best ? { rowIndex: index + 1, cells: stackedCells } : single;
}

/** Every item-table header among the rows (one per page when the header is repeated), top to bottom. */
export function findTableHeaders(rows: readonly Row[]): TableHeader[] {
  const headers: TableHeader[] = [];
  const found = new Map<number, HeaderCell[]>();
  const cellsOf = (i: number): HeaderCell[] => {
    const cached = found.get(i) ?? findHeaderCells((rows[i] as Row).words);
    found.set(i, cached);
    return cached;
  };
  for (let index = 0; index < rows.length; index++) {
    const header = headerAt(rows, index, cellsOf);
    if (!header) continue;
    headers.push(header);
    index = header.rowIndex;
  }
  return headers;
}
