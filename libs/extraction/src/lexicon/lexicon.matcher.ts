import type { OcrWord } from '@invoice/contracts';
import { editDistance, labelKey } from '../text.normalize.js';
import { LABELS_DE } from './labels.de.js';
import { LABELS_EN } from './labels.en.js';
import { LABELS_ES } from './labels.es.js';
import { LABELS_FR } from './labels.fr.js';
import { LABELS_IT } from './labels.it.js';
import { LABELS_NL } from './labels.nl.js';
import { LEXICON_FIELDS, type LexiconData, type LexiconField, type LexiconLanguage } from './lexicon.types.js';

export interface LexiconEntry {
  field: LexiconField;
  language: LexiconLanguage;
  /** The printed form, as listed. */
  text: string;
  /** Compared form: lower case, accent-free, letters and digits only. */
  key: string;
}

export interface LexiconMatch {
  entry: LexiconEntry;
  /** Word range [start, end) of the label within the words matched against. */
  start: number;
  end: number;
  /** 0..1: longer, exact labels that end in a colon or stand alone are stronger. */
  strength: number;
  /** Edit distance between the printed words and the entry. */
  distance: number;
}

export const LEXICON: Record<LexiconLanguage, LexiconData> = {
  en: LABELS_EN,
  fr: LABELS_FR,
  de: LABELS_DE,
  nl: LABELS_NL,
  es: LABELS_ES,
  it: LABELS_IT,
};

/** Every entry of every language, with its compared key. */
export const LEXICON_ENTRIES: readonly LexiconEntry[] = (Object.entries(LEXICON) as [LexiconLanguage, LexiconData][]).flatMap(
  ([language, data]) =>
    LEXICON_FIELDS.flatMap((field) => data[field].map((text) => ({ field, language, text, key: labelKey(text) }))).filter(
      (e) => e.key.length > 0,
    ),
);

const BY_KEY = new Map<string, LexiconEntry[]>();
for (const entry of LEXICON_ENTRIES) BY_KEY.set(entry.key, [...(BY_KEY.get(entry.key) ?? []), entry]);
const FUZZY = LEXICON_ENTRIES.filter((e) => e.key.length >= 6);
/** German and Dutch join nouns: "Handelsrechnung", "Endrechnungsbetrag" end in a listed label. */
const COMPOUND_HEADS = LEXICON_ENTRIES.filter((e) => (e.language === 'de' || e.language === 'nl') && e.key.length >= 6);

/** Edits tolerated for an OCR slip: none under 6 letters, one up to 11, two from 12. */
const tolerance = (length: number): number => (length < 6 ? 0 : length < 12 ? 1 : 2);

/** The entries a printed text reads as: exactly (accents, case and punctuation aside) or within an OCR slip. */
export function lookupLabel(text: string): { entries: LexiconEntry[]; distance: number } | null {
  const key = labelKey(text);
  if (!key) return null;
  const exact = BY_KEY.get(key);
  if (exact) return { entries: exact, distance: 0 };
  const max = tolerance(key.length);
  const compound = key.length >= 9 ? COMPOUND_HEADS.filter((e) => key.endsWith(e.key) && key.length - e.key.length >= 3) : [];
  if (max === 0) return compound.length ? { entries: compound, distance: 1 } : null;
  let best: { entries: LexiconEntry[]; distance: number } | null = null;
  for (const entry of FUZZY) {
    if (Math.abs(entry.key.length - key.length) > max || entry.key[0] !== key[0]) continue;
    const d = editDistance(entry.key, key, max);
    if (d > max || d > tolerance(entry.key.length)) continue;
    if (!best || d < best.distance) best = { entries: [entry], distance: d };
    else if (d === best.distance) best.entries.push(entry);
  }
  return best ?? (compound.length ? { entries: compound, distance: 1 } : null);
}

function strengthOf(entry: LexiconEntry, words: readonly OcrWord[], start: number, end: number, distance: number): number {
  const last = words[end - 1]?.text ?? '';
  const colon = /[:#]$/.test(last) || /^[:#]/.test(words[end]?.text ?? '');
  const alone = start === 0 && end === words.length;
  const length = Math.min(1, entry.key.length / 14);
  return Math.max(
    0,
    Math.min(1, 0.35 * length + 0.25 * (colon ? 1 : 0) + 0.15 * (alone ? 1 : 0) + 0.15 * (start === 0 ? 1 : 0) + 0.1 - 0.1 * distance),
  );
}

const TITLE_FIELDS: ReadonlySet<LexiconField> = new Set(['invoiceTitle', 'creditNoteTitle']);

/**
 * A document's title followed by "#" names its number in any language ("Rechnung #", "Facture #", "Gutschrift #"):
 * the title's entries read as the invoice number's label too.
 */
function numberedTitles(entries: readonly LexiconEntry[]): LexiconEntry[] {
  return entries
    .filter((e) => TITLE_FIELDS.has(e.field))
    .map((e) => ({ ...e, field: 'invoiceNumber' as const }))
    .filter((e) => !entries.some((o) => o.field === 'invoiceNumber' && o.language === e.language));
}

/**
 * The labels among a line's words: windows of up to five words, longest first, that read as a lexicon
 * entry in any of the six languages (OCR slips, accents and case tolerated). A window covers no word
 * twice; several entries with the same printed form (e.g. "total" in four languages) all match.
 */
export function matchLabels(words: readonly OcrWord[]): LexiconMatch[] {
  const out: LexiconMatch[] = [];
  let i = 0;
  while (i < words.length) {
    let found = false;
    for (let n = Math.min(5, words.length - i); n >= 1 && !found; n--) {
      const text = words
        .slice(i, i + n)
        .map((w) => w.text)
        .join(' ');
      const hit = lookupLabel(text);
      if (!hit) continue;
      const entries = /#$/.test(text) ? [...hit.entries, ...numberedTitles(hit.entries)] : hit.entries;
      for (const entry of entries)
        out.push({ entry, start: i, end: i + n, distance: hit.distance, strength: strengthOf(entry, words, i, i + n, hit.distance) });
      i += n;
      found = true;
    }
    if (!found) i++;
  }
  return out;
}

/** Convenience for other readers: the labels found in a plain string (split at blanks). */
export function matchLabelText(text: string): LexiconMatch[] {
  return matchLabels(
    text
      .split(/\s+/)
      .filter(Boolean)
      .map((t) => ({ text: t, confidence: 100, bbox: { x0: 0, y0: 0, x1: 0, y1: 0 }, page: 0 })),
  );
}
