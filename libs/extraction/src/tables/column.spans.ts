import type { OcrWord } from '@invoice/contracts';
import type { HeaderCell } from './column.matcher.js';
import type { ColumnKind } from './columns.lexicon.js';

/** A column of an item table: its kind and the horizontal band its cells lie in. */
export interface ColumnSpan {
  kind: ColumnKind;
  /** Band of the column: from the middle of the gap to the left neighbour's label to the middle of the gap to the right one's. */
  x0: number;
  x1: number;
  /** Extent of the header label. */
  labelX0: number;
  labelX1: number;
}

/** Columns of text, printed left-aligned: their text runs to the right, up to the next column's values. */
const TEXT_KINDS: ReadonlySet<ColumnKind> = new Set(['description', 'code']);

/** Where the band of `left` ends and that of `right` starts: half-way, or just before a value column after a text column. */
function boundary(left: HeaderCell, right: HeaderCell): number {
  if (!TEXT_KINDS.has(left.kind) || TEXT_KINDS.has(right.kind)) return (left.x1 + right.x0) / 2;
  const height = Math.max(1, ...right.words.map((w) => w.bbox.y1 - w.bbox.y0));
  return Math.max((left.x1 + right.x0) / 2, right.x0 - height / 2);
}

/**
 * The kind each label heads: an "amount" left of the description in a table without a quantity column is the
 * quantity (the line total stands right of the description); a second line total is the gross amount.
 */
function resolveKinds(sorted: readonly HeaderCell[]): ColumnKind[] {
  const description = sorted.findIndex((c) => c.kind === 'description');
  const hasQuantity = sorted.some((c) => c.kind === 'quantity');
  const seen = new Set<ColumnKind>();
  return sorted.map((cell, i) => {
    let kind = cell.kind;
    if (kind === 'amount' && !hasQuantity && i < description) kind = 'quantity';
    else if (kind === 'amount' && seen.has('amount')) kind = 'gross';
    seen.add(kind);
    return kind;
  });
}

/**
 * Column bands from the header labels (left to right): each column reaches to its neighbours (see `boundary`);
 * the first starts at the left edge of the page, the last ends at the right edge.
 */
export function columnSpans(cells: readonly HeaderCell[], pageX0 = 0, pageX1 = Number.POSITIVE_INFINITY): ColumnSpan[] {
  const sorted = [...cells].sort((a, b) => a.x0 - b.x0);
  const kinds = resolveKinds(sorted);
  const spans = sorted.map((cell, i) => {
    const left = sorted[i - 1];
    const right = sorted[i + 1];
    return {
      kind: kinds[i] as ColumnKind,
      x0: left ? boundary(left, cell) : pageX0,
      x1: right ? boundary(cell, right) : pageX1,
      labelX0: cell.x0,
      labelX1: cell.x1,
    };
  });
  return withDescription(spans, sorted[0]);
}

/**
 * A table whose description label was not read (an unknown word, a label lost by OCR) still prints its items'
 * names left of its value columns: when no label heads a text column, the page left of the first label is the
 * description.
 */
function withDescription(spans: ColumnSpan[], first: HeaderCell | undefined): ColumnSpan[] {
  const head = spans[0];
  if (!head || !first || spans.some((s) => TEXT_KINDS.has(s.kind)) || head.kind === 'position') return spans;
  const height = Math.max(1, ...first.words.map((w) => w.bbox.y1 - w.bbox.y0));
  const edge = head.labelX0 - height / 2;
  if (edge <= head.x0) return spans;
  return [{ kind: 'description', x0: head.x0, x1: edge, labelX0: head.x0, labelX1: head.x0 }, { ...head, x0: edge }, ...spans.slice(1)];
}

/** A word that is a number (an amount, a quantity, a rate), not a code with letters. */
const NUMERIC_WORD = /^[-(]?[\d.,'\u2019]*\d\)?%?-?$/;

const overlap = (word: OcrWord, x0: number, x1: number): number => Math.min(word.bbox.x1, x1) - Math.max(word.bbox.x0, x0);

/**
 * The column a word belongs to: a number under the label of a value column belongs to it (a value may reach past
 * its band, more so in OCR boxes); else the band holding most of the word.
 */
export function columnOf(word: OcrWord, spans: readonly ColumnSpan[]): ColumnSpan | null {
  if (NUMERIC_WORD.test(word.text)) {
    const under = spans.filter((s) => !TEXT_KINDS.has(s.kind) && overlap(word, s.labelX0, s.labelX1) > 0);
    if (under.length === 1) return under[0] as ColumnSpan;
  }
  let best: ColumnSpan | null = null;
  let bestOverlap = 0;
  for (const span of spans) {
    const o = overlap(word, span.x0, span.x1);
    if (o > bestOverlap) {
      best = span;
      bestOverlap = o;
    }
  }
  return best;
}

/**
 * Whether `b` follows `a` in one phrase: the gap between them is under one word height (a blank, not a column gap);
 * a dash or bullet before a word opens its phrase within two of its heights (a dash's box is flat, OCR spaces it).
 */
function sameRun(a: OcrWord, b: OcrWord): boolean {
  const height = Math.max(1, a.bbox.y1 - a.bbox.y0, b.bbox.y1 - b.bbox.y0);
  return b.bbox.x0 - a.bbox.x1 < (/^[-–—•*·]$/.test(a.text) ? 2 * height : height);
}

/** Runs of words printed as one phrase, left to right. */
function phraseRuns(words: readonly OcrWord[]): OcrWord[][] {
  const runs: OcrWord[][] = [];
  for (const word of [...words].sort((a, b) => a.bbox.x0 - b.bbox.x0)) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (run && last && sameRun(last, word)) run.push(word);
    else runs.push([word]);
  }
  return runs;
}

/**
 * A phrase that starts in a text column far right of where its left-aligned values start (its label's left edge)
 * and runs into the next text column is that column's text, centred or indented under its label ("- Garantie"
 * starting left of "Beschreibung", right of an empty "Art-Nr" column).
 */
function shiftedRun(
  placed: { word: OcrWord; span: ColumnSpan | null }[],
  spans: readonly ColumnSpan[],
): { word: OcrWord; span: ColumnSpan | null }[] {
  const first = placed[0];
  const end = placed[placed.length - 1]?.word.bbox.x1 ?? 0;
  const right = spans.find((s) => s.x0 < end && end <= s.x1);
  if (!first?.span || !right || first.span === right) return placed;
  if (!TEXT_KINDS.has(first.span.kind) || !TEXT_KINDS.has(right.kind)) return placed;
  const height = Math.max(1, first.word.bbox.y1 - first.word.bbox.y0);
  if (first.word.bbox.x0 <= first.span.labelX0 + 2 * height) return placed;
  return placed.map(({ word, span }) => ({ word, span: span === first.span ? right : span }));
}

/** Kinds whose cells hold numbers only: letters there belong to the phrase they are printed with. */
const NUMBER_KINDS: ReadonlySet<ColumnKind> = new Set([
  'position',
  'quantity',
  'unitPrice',
  'discount',
  'vatRate',
  'vatAmount',
  'net',
  'gross',
  'amount',
]);

const hasLetters = (word: OcrWord): boolean => /\p{L}/u.test(word.text);

/**
 * A row's words by column (`columnOf`), except that a phrase that reaches into a text column takes its words with
 * letters out of the number columns it starts in: "1 Front and rear brake cables" under "QTY | DESCRIPTION" puts
 * "Front" in the description though it starts inside the quantity's band. Units ("20 Stk") and codes stay.
 */
export function splitByColumn(words: readonly OcrWord[], spans: readonly ColumnSpan[]): Map<ColumnSpan, OcrWord[]> {
  const cells = new Map<ColumnSpan, OcrWord[]>();
  for (const run of phraseRuns(words)) {
    const placed = shiftedRun(
      run.map((word) => ({ word, span: columnOf(word, spans) })),
      spans,
    );
    const text = placed.find((p) => p.span && TEXT_KINDS.has(p.span.kind) && hasLetters(p.word))?.span;
    for (const { word, span: own } of placed) {
      const span = text && own && NUMBER_KINDS.has(own.kind) && hasLetters(word) ? text : own;
      if (!span) continue;
      const list = cells.get(span) ?? [];
      list.push(word);
      cells.set(span, list);
    }
  }
  return cells;
}
