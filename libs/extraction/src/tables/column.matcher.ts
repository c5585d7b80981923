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

const KEYED = COLUMN_LABELS.map((label) => ({ label, key: labelKey(label.phrase), words: label.phrase.split(/\s+/).length })).filter(
  (k) => k.key !== '' || k.label.phrase === '#',
);
/** Labels by key (the first listed wins a key shared by two languages: same kind), and by key length for near matches. */
const BY_KEY = new Map<string, ColumnLabel>();
const BY_LENGTH = new Map<number, (typeof KEYED)[number][]>();
for (const entry of KEYED) {
  if (!BY_KEY.has(entry.key)) BY_KEY.set(entry.key, entry.label);
  BY_LENGTH.set(entry.key.length, [...(BY_LENGTH.get(entry.key.length) ?? []), entry]);
}
/** Whether a text is, as printed, one of the item tables' column labels ("Artikelnr", "Description"). */
export function isColumnLabel(text: string): boolean {
  const key = labelKey(text);
  return key !== '' && BY_KEY.has(key);
}

/** Near matches already looked for (words read again and again: the same labels, the same item words). */
const NEAR = new Map<string, ColumnLabel | null>();
const MAX_NEAR = 20_000;
const HASH_LABEL = KEYED.find((k) => k.label.phrase === '#')?.label ?? null;

/** Whether `read` (a label key) is `key` read by OCR: equal, or one slip in a word of 6 letters or more. */
export function sameLabelKey(read: string, key: string): boolean {
  if (read === key) return true;
  return key.length >= 6 && editDistance(read, key, 1) <= 1;
}

/**
 * The column label these words spell, or null. `#` keeps its sign (its key is empty). A header of two labels
 * joined by a slash ("Qty/Hr", "Menge/Einheit", "Art.-Nr./Bezeichnung") heads one column holding the first one's
 * value: it takes the first part that is a label.
 */
export function matchColumnLabel(words: readonly Pick<OcrWord, 'text'>[]): ColumnLabel | null {
  const text = words.map((w) => w.text).join(' ');
  return matchPhrase(words, text) ?? matchSlashed(text) ?? matchQualified(words, text);
}

/** One word of hyphen-joined parts, the last ones letters: "Art-Nr-Kunde", "Art.-Nr.-Lief." (a label and whose it is). */
const QUALIFIED = /^[^\s-]+(?:-[^\s-]+)+$/;

/**
 * A label qualified by a hyphen-joined word ("Art-Nr-Kunde": the customer's article number) heads the labelled
 * column: the longest leading parts that are a label, followed only by letters.
 */
function matchQualified(words: readonly Pick<OcrWord, 'text'>[], text: string): ColumnLabel | null {
  if (words.length !== 1 || !QUALIFIED.test(text)) return null;
  const parts = text.split('-');
  for (let n = parts.length - 1; n >= 1; n--) {
    const rest = parts.slice(n).join('');
    if (!/^\p{L}+\.?$/u.test(rest)) continue;
    const head = parts.slice(0, n).join('-');
    const label = BY_KEY.get(labelKey(head));
    if (label) return label;
  }
  return null;
}

/** Words joined by slashes, one word each side ("Qty/Hr", "Menge / Einheit"; not "Preis/Stunde Anzahl"). */
const SLASHED = /^[^\s/]+(?:\s*\/\s*[^\s/]+)+$/;

function matchSlashed(text: string): ColumnLabel | null {
  if (!SLASHED.test(text.trim())) return null;
  const parts = text.split(/\s*\/\s*/).filter((part) => /\p{L}/u.test(part));
  for (const part of parts) {
    const label = matchPhrase([{ text: part }], part);
    if (label) return label;
  }
  return null;
}

function matchPhrase(words: readonly Pick<OcrWord, 'text'>[], text: string): ColumnLabel | null {
  if (text.trim() === '#') return HASH_LABEL;
  const key = labelKey(text);
  if (key === '') return null;
  const exact = BY_KEY.get(key);
  if (exact) return exact;
  // A near match is a slip in a word: not in numbers, not in short keys.
  if (key.length < 5 || /\d/.test(key)) return null;
  const memo = `${words.length}|${key}`;
  if (NEAR.has(memo)) return NEAR.get(memo) ?? null;
  let found: ColumnLabel | null = null;
  for (const length of [key.length - 1, key.length, key.length + 1]) {
    found ??= BY_LENGTH.get(length)?.find((k) => k.words === words.length && sameLabelKey(key, k.key))?.label ?? null;
  }
  if (NEAR.size >= MAX_NEAR) NEAR.clear();
  NEAR.set(memo, found);
  return found;
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
  for (let i = 0; i < words.length;) {
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
    cells.push({
      kind: found.label.kind,
      label: found.label,
      words: run,
      x0: Math.min(...run.map((w) => w.bbox.x0)),
      x1: Math.max(...run.map((w) => w.bbox.x1)),
    });
    i += found.length;
  }
  return cells;
}
