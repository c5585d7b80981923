import type { OcrPageResult, OcrWord } from '@invoice/contracts';
import { buildRows, union } from '../rows.builder.js';
import { normalizeSpaces } from '../text.normalize.js';

/** A run of words on one text line, separated from its neighbours by a wide gap (a table cell, a label with its value). */
export interface DocLine {
  index: number;
  page: number;
  /** Index of the text row the line sits on (lines of one row share it). */
  row: number;
  words: OcrWord[];
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Page-relative geometry, 0..1 from the top left corner. */
  rx0: number;
  ry0: number;
  rx1: number;
  ry1: number;
  /** Text height relative to the document's median line height. */
  size: number;
  /** Mean word confidence, 0..1. */
  confidence: number;
  /** Index of the block (lines stacked closely with overlapping columns) the line belongs to. */
  block: number;
}

export interface DocumentModel {
  lines: DocLine[];
  pageCount: number;
  medianHeight: number;
}

function pageSize(pages: readonly OcrPageResult[], words: readonly OcrWord[], page: number): { width: number; height: number } {
  const result = pages[page];
  const own = words.filter((w) => w.page === page);
  const width = result?.width || Math.max(1, ...own.map((w) => w.bbox.x1));
  const height = result?.height || Math.max(1, ...own.map((w) => w.bbox.y1));
  return { width, height };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? (sorted[Math.floor(sorted.length / 2)] as number) : 1;
};

/**
 * Groups lines into blocks: a line joins the block of a line above it (same page, within 1.8 line
 * heights, columns overlapping). Blocks are address blocks, sender blocks, table columns.
 */
function assignBlocks(lines: DocLine[]): void {
  let next = 0;
  for (const line of lines) {
    const h = line.y1 - line.y0;
    const above = lines
      .slice(0, line.index)
      .reverse()
      .find(
        (o) =>
          o.page === line.page &&
          o.row < line.row &&
          line.y0 - o.y1 < 1.8 * Math.max(h, o.y1 - o.y0) &&
          line.y0 - o.y1 > -h / 2 &&
          Math.min(o.x1, line.x1) - Math.max(o.x0, line.x0) > 0 &&
          Math.abs(o.x0 - line.x0) < 3 * h,
      );
    line.block = above ? above.block : next++;
  }
}

/** A document's words in one list, as the extraction numbers them (pages in order; each word keeps its page). */
export function documentWords(pages: readonly OcrPageResult[]): OcrWord[] {
  return pages.length > 1 ? pages.flatMap((page, index) => page.words.map((w) => ({ ...w, page: index }))) : (pages[0]?.words ?? []);
}

const heightOf = (w: OcrWord): number => w.bbox.y1 - w.bbox.y0;

/**
 * A line's words without a leading mark: a first word of at most three characters and no digit, at least twice as
 * tall as the line's other words, is an icon or a logo's emblem read as letters (a round logo read "O", "oO" or
 * "(¢)" before the company's name), not text.
 */
export function withoutMarks(words: readonly OcrWord[]): readonly OcrWord[] {
  const [first, ...rest] = words;
  if (!first || !rest.length || first.text.length > 3 || /\d/.test(first.text)) return words;
  return heightOf(first) >= 2 * median(rest.map(heightOf)) ? rest : words;
}

/**
 * The document model every field reader works on, the same for a PDF's text layer and for OCR: words (with
 * boxes and confidences) → lines (runs of words on a text row, in reading order: rows top to bottom, left
 * to right) → blocks, with page-relative geometry and relative text size.
 */
export function buildDocument(pages: readonly OcrPageResult[]): DocumentModel {
  const words = documentWords(pages);
  const rows = buildRows(words, { segmentGap: 2 });
  const sizes = new Map<number, { width: number; height: number }>();
  const lines: DocLine[] = [];
  rows.forEach((row, rowIndex) => {
    if (!sizes.has(row.page)) sizes.set(row.page, pageSize(pages, words, row.page));
    const { width, height } = sizes.get(row.page) as { width: number; height: number };
    for (const segment of row.segments) {
      const kept = withoutMarks(segment.words);
      const b = kept === segment.words ? segment.bbox : union(kept.map((w) => w.bbox));
      const conf = kept.reduce((s, w) => s + w.confidence, 0) / Math.max(1, kept.length) / 100;
      lines.push({
        index: lines.length,
        page: row.page,
        row: rowIndex,
        words: [...kept],
        text: kept === segment.words ? segment.text : normalizeSpaces(kept.map((w) => w.text).join(' ')),
        x0: b.x0,
        y0: b.y0,
        x1: b.x1,
        y1: b.y1,
        rx0: b.x0 / width,
        ry0: b.y0 / height,
        rx1: b.x1 / width,
        ry1: b.y1 / height,
        size: 0,
        confidence: Math.min(1, Math.max(0, conf)),
        block: 0,
      });
    }
  });
  const medianHeight = Math.max(1, median(lines.map((l) => l.y1 - l.y0)));
  for (const line of lines) line.size = Math.max(1, line.y1 - line.y0) / medianHeight;
  assignBlocks(lines);
  return { lines, pageCount: Math.max(1, pages.length), medianHeight };
}
