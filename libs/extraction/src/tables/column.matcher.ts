import type { OcrWord } from '@invoice/contracts';
import { editDistance, labelKey } from '../text.normalize.js';
import { COLUMN_LABELS, type ColumnKind, type ColumnLabel } from './columns.lexicon.js';

/** A column label found among a row's words: the words it covers and the kind of column it heads. */
export interface HeaderCell {
  kind: ColumnKind;
  label: ColumnLabel;
  words: OcrWord[];
  x0: number;
  x1: number;
}

/** Longest header phrase, in words. */
const MAX_PHRASE_WORDS = 4;

const KEYED = COLUMN_LABELS.map((label) => ({ label, key: labelKey(label.phrase), words: label.phrase.split(/\s+/).length })).filter((k) => k.key !== '' || k.label.phrase === '#');

/** Whether `read` (a label key) is `key` read by OCR: equal, or one slip in a word of 6 letters or more. */
export function sameLabelKey(read: string, key: string): boolean {
  if (read === key) return true;
  return key.length >= 6 && editDistance(read, key, 1) <= 1;
}

/** The column label these words spell, or null. `#` keeps its sign (its key is empty). */
export function matchColumnLabel(words: readonly Pick<OcrWord, 'text'>[]): ColumnLabel | null {
  const text = words.map((w) => w.text).join(' ');
  if (text.trim() === '#') return KEYED.find((k) => k.label.phrase === '#')?.label ?? null;
  const key = labelKey(text);
  if (key === '') return null;
  const exact = KEYED.find((k) => k.key === key);
  if (exact) return exact.label;
  return KEYED.find((k) => k.words === words.length && sameLabelKey(key, k.key))?.label ?? null;
}

/** Words `a` and `b` (left to right) are one phrase when the gap between them is under 1.5 word heights. */
function adjacent(a: OcrWord, b: OcrWord): boolean {
  const height = Math.max(1, a.bbox.y1 - a.bbox.y0, b.bbox.y1 - b.bbox.y0);
  return b.bbox.x0 - a.bbox.x1 < 1.5 * height;
}

/**
 * Column labels in a row of words (left to right): at each word, the longest run of adjacent words that spells a
 * label. Words matching no label are skipped (units, currencies in brackets, qualifiers).
 */
export function findHeaderCells(words: readonly OcrWord[]): HeaderCell[] {
  const cells: HeaderCell[] = [];
  for (let i = 0; i < words.length; ) {
    let found: { label: ColumnLabel; length: number } | null = null;
    for (let n = Math.min(MAX_PHRASE_WORDS, words.length - i); n >= 1 && !found; n--) {
      const run = words.slice(i, i + n);
      if (run.some((w, j) => j > 0 && !adjacent(run[j - 1] as OcrWord, w))) continue;
      const label = matchColumnLabel(run);
      if (label) found = { label, length: n };
    }
    if (!found) {
      i++;
      continue;
    }
    const run = words.slice(i, i + found.length);
    cells.push({ kind: found.label.kind, label: found.label, words: run, x0: Math.min(...run.map((w) => w.bbox.x0)), x1: Math.max(...run.map((w) => w.bbox.x1)) });
    i += found.length;
  }
  return cells;
}
