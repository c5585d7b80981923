import type { OcrWord } from '@invoice/contracts';
import { detectCurrency } from '../currency.parser.js';
import type { DocLine, DocumentModel } from '../document/document.model.js';
import { ISO_CURRENCY_CODES } from '../lexicon/currencies.js';
import { matchLabels } from '../lexicon/lexicon.matcher.js';
import type { LexiconField } from '../lexicon/lexicon.types.js';
import type { PlacedLabel } from './candidate.types.js';

/** Every label of the document, placed. */
export function placeLabels(doc: DocumentModel): PlacedLabel[] {
  const out: PlacedLabel[] = [];
  for (const line of doc.lines) {
    for (const m of matchLabels(line.words)) {
      const words = line.words.slice(m.start, m.end);
      out.push({
        field: m.entry.field,
        strength: m.strength,
        phrase: /\s/.test(m.entry.text.trim()),
        line,
        start: m.start,
        end: m.end,
        x0: Math.min(...words.map((w) => w.bbox.x0)),
        y0: Math.min(...words.map((w) => w.bbox.y0)),
        x1: Math.max(...words.map((w) => w.bbox.x1)),
        y1: Math.max(...words.map((w) => w.bbox.y1)),
      });
    }
  }
  return out;
}

export interface Anchor {
  /** The label on the value's own line or row, left of it: 0..1. */
  left: number;
  /** The label above the value (a label over its value, a table header): 0..1. */
  above: number;
}

interface ValueBox {
  line: DocLine;
  start: number;
  x0: number;
  y0: number;
  x1: number;
}

/** A label over its value with no line between them counts as right above it up to this many line heights apart (a table header's band). */
const MAX_CLEAR_GAP = 8;

/** Whether no line stands between a label and the value under it, in the columns the two span (lines by row: `linesByRow`). */
function clearBetween(label: PlacedLabel, value: ValueBox, linesByRow: ReadonlyMap<number, readonly DocLine[]>): boolean {
  const [x0, x1] = [Math.min(label.x0, value.x0), Math.max(label.x1, value.x1)];
  for (let row = label.line.row + 1; row < value.line.row; row++)
    if ((linesByRow.get(row) ?? []).some((l) => l.page === value.line.page && l.x0 < x1 && l.x1 > x0)) return false;
  return true;
}

/**
 * How far, in line heights, a label reaches along its row to a value in another column (a totals block's label on
 * the left, its amount at the right margin): the words standing between them weaken it more than the distance.
 */
const ROW_REACH = 100;

/** A currency named between a label and its amount belongs to the amount ("Steuerbetrag in EUR 21,30"). */
const isCurrency = (w: OcrWord): boolean => detectCurrency(w.text) !== null || ISO_CURRENCY_CODES.has(w.text);

/**
 * The words of the row between a label and a value right of it, but for currencies: the rest of the label's line
 * and other lines' words in the gap.
 */
function wordsBetweenOnRow(label: PlacedLabel, value: ValueBox, linesByRow: ReadonlyMap<number, readonly DocLine[]>): number {
  let between = label.line.words.slice(label.end).filter((w) => !isCurrency(w)).length;
  for (const l of linesByRow.get(value.line.row) ?? []) {
    if (l === label.line || l.page !== value.line.page) continue;
    for (const w of l === value.line ? l.words.slice(0, value.start) : l.words)
      if (w.bbox.x0 >= label.x1 && w.bbox.x1 <= value.x0 && !isCurrency(w)) between++;
  }
  return between;
}

/**
 * How strongly a label of `field` points at the value: from the left on its row, or from above in its column (the
 * farther below, the weaker, unless no line stands between them: a table header's label over its first value).
 */
export function anchorOf(
  labels: readonly PlacedLabel[],
  field: LexiconField,
  value: ValueBox,
  lineHeight: number,
  linesByRow: ReadonlyMap<number, readonly DocLine[]> = new Map(),
): Anchor {
  let left = 0;
  let above = 0;
  const { line } = value;
  for (const label of labels) {
    if (label.field !== field || label.line.page !== line.page) continue;
    if (label.line === line && label.end <= value.start) {
      left = Math.max(left, label.strength * (1 / (1 + 0.5 * (value.start - label.end))));
    } else if (label.line.row === line.row && label.x1 <= value.x0) {
      const between = wordsBetweenOnRow(label, value, linesByRow);
      const far = Math.exp(-(value.x0 - label.x1) / (ROW_REACH * lineHeight));
      left = Math.max(left, (label.strength * 0.9 * far) / (1 + 0.5 * between));
    } else if (label.y1 <= value.y0 + lineHeight * 0.2 && label.line.row < line.row) {
      const overlap =
        Math.min(label.x1, value.x1) - Math.max(label.x0, value.x0) > -lineHeight ||
        Math.abs(label.x0 - value.x0) < 2 * lineHeight ||
        Math.abs(label.x1 - value.x1) < 2 * lineHeight;
      if (!overlap) continue;
      const gap = (value.y0 - label.y1) / lineHeight;
      const rows = gap <= MAX_CLEAR_GAP && linesByRow.size > 0 && clearBetween(label, value, linesByRow) ? Math.min(gap, 0.5) : gap;
      above = Math.max(above, label.strength * Math.exp(-Math.max(0, rows - 0.5) / 2.5));
    }
  }
  return { left, above };
}

/** Whether a line holds only a label (nothing after it). */
export const isLabelLine = (labels: readonly PlacedLabel[], line: DocLine): boolean =>
  labels.some((l) => l.line === line && l.start === 0 && l.end >= line.words.length);
