import type { BBox, OcrWord } from '@invoice/contracts';
import { buildRows, type Row, type Segment } from '../rows.builder.js';
import { editDistance, labelKey } from '../text.normalize.js';
import { MAX_LABEL_WORDS, type RelativeBox, type TemplatePage, type TextFrame } from './template.types.js';

// Geometry of a page as templates see it: its text frame, rows, label words and label occurrences.

/** The box of the words of one page (page 0 when the page is not given). */
export function textFrame(words: readonly OcrWord[], page = 0): TextFrame {
  const onPage = words.filter((w) => w.page === page && w.text.trim());
  if (onPage.length === 0) return { x0: 0, y0: 0, width: 1, height: 1 };
  const x0 = Math.min(...onPage.map((w) => w.bbox.x0));
  const y0 = Math.min(...onPage.map((w) => w.bbox.y0));
  return {
    x0,
    y0,
    width: Math.max(1, Math.max(...onPage.map((w) => w.bbox.x1)) - x0),
    height: Math.max(1, Math.max(...onPage.map((w) => w.bbox.y1)) - y0),
  };
}

export const relative = (box: BBox, frame: TextFrame): RelativeBox => ({
  x0: (box.x0 - frame.x0) / frame.width,
  y0: (box.y0 - frame.y0) / frame.height,
  x1: (box.x1 - frame.x0) / frame.width,
  y1: (box.y1 - frame.y0) / frame.height,
});

export const isLabelWord = (w: OcrWord): boolean => /\p{L}/u.test(w.text) && !/\d/.test(w.text);
export const isPunctuation = (w: OcrWord): boolean => !/[\p{L}\p{N}]/u.test(w.text);
export const union = (words: readonly OcrWord[]): BBox => ({
  x0: Math.min(...words.map((w) => w.bbox.x0)),
  y0: Math.min(...words.map((w) => w.bbox.y0)),
  x1: Math.max(...words.map((w) => w.bbox.x1)),
  y1: Math.max(...words.map((w) => w.bbox.y1)),
});
export const centerY = (b: BBox): number => (b.y0 + b.y1) / 2;

/** A currency printed before an amount ("RM 12.00", "EUR 5"): part of the value's line, not its label. */
export const CURRENCY_WORD = /^(?:rm|myr|eur|euros?|usd|gbp|chf|sgd|us\$|[€$£])[:.]?$/i;

/** The label words at the end of a run of words: trailing letter words (punctuation and a currency right before the value skipped), at most 4. */
export function trailingLabel(words: readonly OcrWord[]): OcrWord[] {
  const out: OcrWord[] = [];
  for (let i = words.length - 1; i >= 0 && out.length < MAX_LABEL_WORDS; i--) {
    const w = words[i] as OcrWord;
    if (isPunctuation(w) || (out.length === 0 && CURRENCY_WORD.test(w.text.trim()))) {
      if (out.length === 0) continue;
      break;
    }
    if (!isLabelWord(w)) break;
    out.unshift(w);
  }
  // A lone letter ("x" of "2 x 10.00") is no label.
  return labelKey(out.map((w) => w.text).join('')).length >= 2 ? out : [];
}

export function segmentOf(row: Row, word: OcrWord): Segment {
  return row.segments.find((s) => s.words.includes(word)) as Segment;
}

export interface PageView {
  rows: Row[];
  frame: TextFrame;
}

/** The rows and the text frame of the first page and of the last one (the same page on a one-page invoice). */
export function pageViews(words: readonly OcrWord[]): Record<TemplatePage, PageView> & { pages: number } {
  const last = words.reduce((max, w) => Math.max(max, w.page), 0);
  const view = (page: number): PageView => ({ rows: buildRows(words.filter((w) => w.page === page)), frame: textFrame(words, page) });
  const first = view(0);
  return { first, last: last === 0 ? first : view(last), pages: last + 1 };
}

export interface LabelHit {
  rowIndex: number;
  words: OcrWord[];
  box: BBox;
}

/** Every run of words in a row whose {@link labelKey} is `label` (one OCR error tolerated per 6 letters). */
export function findLabels(rows: readonly Row[], label: string): LabelHit[] {
  const max = label.length >= 6 ? Math.floor(label.length / 6) : 0;
  const hits: LabelHit[] = [];
  rows.forEach((row, rowIndex) => {
    for (let i = 0; i < row.words.length; i++) {
      let key = '';
      // The closest reading from this word ("Facturé à" over "Facturé" for the label "factureà"), the longer among equals.
      let best: { end: number; distance: number } | null = null;
      for (let j = i; j < Math.min(row.words.length, i + MAX_LABEL_WORDS + 1); j++) {
        key += labelKey((row.words[j] as OcrWord).text);
        if (key.length > label.length + max) break;
        const distance = Math.abs(key.length - label.length) <= max ? editDistance(key, label, max) : Infinity;
        if (distance <= max && (!best || distance <= best.distance)) best = { end: j, distance };
      }
      if (best) {
        const words = row.words.slice(i, best.end + 1);
        hits.push({ rowIndex, words, box: union(words) });
      }
    }
  });
  return hits;
}

export const joined = (words: readonly OcrWord[]): string => words.map((w) => w.text).join(' ');
