import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { foldAccents } from './text.normalize.js';

/**
 * Accents tesseract lost or changed on French words ("Pieces" for "Pièces", "fenétres" for "fenêtres"),
 * restored from a French word list: a word that is not in the list, whose accent-free form is that of
 * listed words, takes the listed form that differs from it in the fewest letters, when exactly one does (or,
 * among equally close forms, exactly one has as many accented letters as the word read).
 * A word the list has ("a", "cote") is left as it is, right or not: only the threshold can catch those.
 */
export interface AccentIndex {
  /** Accent-free lower-case key -> the listed lower-case forms with that key (only keys with an accented form). */
  readonly forms: ReadonlyMap<string, readonly string[]>;
}

export interface AccentFix {
  text: string;
  /** Words changed, as `from->to`. */
  restored: string[];
  /** Words not in the list that have accented forms, none of them the single closest: likely misread, not fixed. */
  doubtful: string[];
}

const fold = (word: string): string => foldAccents(word).toLowerCase();

/** Builds the index from a list of lower-case words; only words whose accent-free key has an accented form are kept. */
export function buildAccentIndex(words: Iterable<string>): AccentIndex {
  const byKey = new Map<string, string[]>();
  const accented = new Set<string>();
  for (const word of words) {
    const key = fold(word);
    const list = byKey.get(key);
    if (list) list.push(word);
    else byKey.set(key, [word]);
    if (key !== word) accented.add(key);
  }
  const forms = new Map<string, readonly string[]>();
  for (const key of accented) forms.set(key, byKey.get(key) as string[]);
  return { forms };
}

/** Letters in which two same-length words differ. */
function differences(a: string, b: string): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

/** How many letters of a word carry an accent. */
function accentedLetters(word: string): number {
  const plain = fold(word);
  return [...word].filter((c, i) => c !== plain[i]).length;
}

/** The word with the case of `model`: all capitals, a capital first, or lower case. */
function withCase(word: string, model: string): string {
  if (model.length > 1 && model === model.toUpperCase() && model !== model.toLowerCase()) return word.toUpperCase();
  if (model[0] !== undefined && model[0] !== model[0].toLowerCase()) return (word[0] as string).toUpperCase() + word.slice(1);
  return word;
}

/** One word (letters, maybe with an apostrophe prefix such as `d'`): its restored form, or why not. */
export function restoreWord(word: string, index: AccentIndex): { word: string; restored: boolean; doubtful: boolean } {
  const lower = word.toLowerCase();
  const forms = index.forms.get(fold(lower));
  if (!forms || forms.includes(lower)) return { word, restored: false, doubtful: false };
  // Same length only: foldAccents keeps one letter per letter for the accented letters of French.
  const candidates = forms.filter((f) => f.length === lower.length);
  if (candidates.length === 0) return { word, restored: false, doubtful: false };
  const best = Math.min(...candidates.map((c) => differences(c, lower)));
  let closest = candidates.filter((c) => differences(c, lower) === best);
  // Equally close: the form with as many accented letters as the OCR read. Where it saw a mark, there is one,
  // its direction misread ("Créme": "Crème", not "Crémé", which would also need a mark it did not see).
  if (closest.length > 1) {
    const sameMarks = closest.filter((c) => accentedLetters(c) === accentedLetters(lower));
    if (sameMarks.length === 1) closest = sameMarks;
  }
  if (closest.length !== 1) return { word, restored: false, doubtful: true };
  return { word: withCase(closest[0] as string, word), restored: true, doubtful: false };
}

export interface RestoreOptions {
  /**
   * The text is a noun phrase (an item description: "Lampe de bureau a LED"), which has no verb: a lone
   * "a" between two words there is the preposition "à" that lost its accent, not the verb "avoir".
   */
  nounPhrase?: boolean;
}

/**
 * Restores the accents of every word of a French text (see {@link restoreWord}); the elided article or
 * pronoun before an apostrophe ("l'ecran") is kept apart. Punctuation and numbers are left alone.
 */
export function restoreAccents(text: string, index: AccentIndex, options: RestoreOptions = {}): AccentFix {
  const restored: string[] = [];
  const doubtful: string[] = [];
  const out = text.replace(/\p{L}+/gu, (word, offset: number) => {
    if (options.nounPhrase && word === 'a' && /\p{L}\s$/u.test(text.slice(0, offset)) && /^\s\p{L}/u.test(text.slice(offset + 1))) {
      restored.push('a->à');
      return 'à';
    }
    const fix = restoreWord(word, index);
    if (fix.restored) restored.push(`${word}->${fix.word}`);
    if (fix.doubtful) doubtful.push(word);
    return fix.word;
  });
  return { text: out, restored, doubtful };
}

let french: AccentIndex | undefined;

/**
 * The index of the French word list of `an-array-of-french-words` (~336,000 words, MIT, installed with
 * the project: nothing is downloaded), built on first use (~0.5 s) and kept; throws when the package is
 * not installed.
 */
export function frenchAccentIndex(): AccentIndex {
  if (french !== undefined) return french;
  // Read as a file rather than required, so that the 336,000-word array is not kept in the module cache.
  // A missing package is an installation error, not a reason to read French invoices worse in silence.
  const path = createRequire(import.meta.url).resolve('an-array-of-french-words');
  french = buildAccentIndex(JSON.parse(readFileSync(path, 'utf8')) as string[]);
  return french;
}
