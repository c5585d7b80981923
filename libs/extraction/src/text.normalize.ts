/** Small text helpers shared by the parsers. */

/** Collapses runs of whitespace to one space and trims. */
export function normalizeSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Four or more single letters in a row, one space apart: a letter-spaced heading ("R E C H N U N G"). */
const SPACED_LETTERS = /(?<![\p{L}\p{N}])\p{L}(?: \p{L}(?=[\s:.,;]|$)){3,}/gu;

/** Letter-spaced words written solid: "W A R E N R E C H N U N G Seite 1" -> "WARENRECHNUNG Seite 1". */
export function joinSpacedLetters(text: string): string {
  return text.replace(SPACED_LETTERS, (run) => run.replace(/ /g, ''));
}

/** Typographic apostrophes and quotes as tesseract may return them -> ASCII. */
export function normalizeQuotes(text: string): string {
  return text.replace(/[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g, "'").replace(/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"');
}

/** Removes diacritics: "Facturé à" -> "Facture a". */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** Lower-case, accent-free, letters and digits only: the form labels are compared in. "Date d'émission" -> "datedemission". */
export function labelKey(text: string): string {
  return foldAccents(text)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Levenshtein distance, with an early exit once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length] as number;
}

/** Letters the OCR reads for one another (unordered pairs, upper case): "H" for "M", "t" for "l", "v" for "y". */
const LOOK_ALIKE = new Set(
  [
    'MN',
    'MH',
    'NH',
    'HW',
    'IL',
    'IT',
    'LT',
    'IJ',
    'JT',
    'OD',
    'OQ',
    'OU',
    'OC',
    'UV',
    'VY',
    'BE',
    'BR',
    'EF',
    'FP',
    'PR',
    'RK',
    'KX',
    'CG',
    'CE',
  ].flatMap((p) => [p, `${p[1]}${p[0]}`]),
);

/** Digits and the letters OCR reads them for (unordered pairs, upper case): "0" for "O", "1" for "I". */
const DIGIT_LOOK_ALIKE = new Set(['O0', 'D0', 'Q0', 'I1', 'L1', 'T1', 'S5', 'B8', 'Z2', 'G6', 'A4'].flatMap((p) => [p, `${p[1]}${p[0]}`]));

/**
 * How far `read` is from `typed` in OCR slips (upper case, letters and digits only): a character read for a look-alike
 * counts one, a dropped or added character two (OCR confuses shapes more often than it loses a character); another
 * character read for another can only be a drop and an add, four.
 */
export function slipDistance(read: string, typed: string): number {
  const a = read.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
  const b = typed.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
  let previous = Array.from({ length: b.length + 1 }, (_, j) => 2 * j);
  for (let i = 1; i <= a.length; i++) {
    const current = [2 * i];
    for (let j = 1; j <= b.length; j++) {
      const x = a[i - 1] as string;
      const y = b[j - 1] as string;
      const swap = x === y ? 0 : LOOK_ALIKE.has(x + y) || DIGIT_LOOK_ALIKE.has(x + y) ? 1 : Number.POSITIVE_INFINITY;
      current.push(Math.min((previous[j] as number) + 2, (current[j - 1] as number) + 2, (previous[j - 1] as number) + swap));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * Whether `read` is `word` with OCR slips: the same length with one letter read for a look-alike (two from 8 letters
 * on), or, from 5 letters on, one letter dropped or added. Any other difference ("TAN" for "TMN", "RAJA" for "RAYA")
 * is another word, not a slip.
 */
export function isOcrSlip(read: string, word: string): boolean {
  if (read === word) return false;
  if (read.length === word.length) {
    const differences = [...read].flatMap((c, i) => (c === word[i] ? [] : [`${c}${word[i]}`]));
    return differences.length <= (word.length >= 8 ? 2 : 1) && differences.every((pair) => LOOK_ALIKE.has(pair));
  }
  if (Math.abs(read.length - word.length) !== 1 || Math.min(read.length, word.length) < 5) return false;
  const [longer, shorter] = read.length > word.length ? [read, word] : [word, read];
  return [...longer].some((_, i) => longer.slice(0, i) + longer.slice(i + 1) === shorter);
}
