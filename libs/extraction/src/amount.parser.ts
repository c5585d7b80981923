/**
 * Numbers as printed on invoices and as tesseract reads them: decimal points or commas,
 * thousands separators (space, point, comma, apostrophe), and the usual letter/digit confusions
 * inside a numeric column (O -> 0, l/I/| -> 1, S -> 5, B -> 8), and a colon or semicolon read
 * instead of the decimal point.
 */

const CONFUSIONS: Record<string, string> = {
  O: '0',
  o: '0',
  D: '0',
  Q: '0',
  l: '1',
  I: '1',
  '|': '1',
  i: '1',
  '!': '1',
  S: '5',
  s: '5',
  B: '8',
  Z: '2',
  z: '2',
};
// RM/MYR: the ringgit of the Malaysian receipts of the SROIE set ("RM 3.90").
const CURRENCY_RE = /(euros?|eur|usd|us\$|gbp|chf|\bmyr\b|\brm|[€$£])/gi;

/** Maps look-alike letters to digits, only in a token that is already mostly digits. */
export function fixDigitConfusions(token: string): string {
  const digits = (token.match(/\d/g) ?? []).length;
  const letters = (token.match(/[OoDQlIi|!SsBZz]/g) ?? []).length;
  if (digits === 0 || letters > digits) return token;
  return token.replace(/[OoDQlIi|!SsBZz]/g, (c) => CONFUSIONS[c] as string);
}

/**
 * Parses an amount: "1472.19", "1472,19", "1,472.19", "1 472,19", "1.472,19", "1'472.19", "98.58 Euro",
 * "-12,50", "122:55" (a colon misread for the point). A separator followed by exactly 1 or 2 final digits
 * is the decimal separator; separators between groups of 3 digits are thousands separators.
 * Returns null when the text is not a number.
 */
export function parseAmount(text: string): number | null {
  let s = text.replace(CURRENCY_RE, ' ').trim();
  const negative = /^\(.*\)$/.test(s) || /^[-\u2212\u2013]/.test(s) || /-$/.test(s);
  s = s.replace(/[()\u2212\u2013]/g, '');
  s = s
    .split(/\s+/)
    .map((part) => fixDigitConfusions(part))
    .join(' ');
  // Drop anything before the first digit and after the last one (stray dots, quotes, 'x').
  const first = s.search(/\d/);
  if (first < 0) return null;
  const last = s.length - 1 - [...s].reverse().join('').search(/\d/);
  s = s.slice(first, last + 1);
  // Only digits and separators may remain.
  if (!/^[\d.,:;'\u2019\u00a0\u202f ]+$/.test(s)) return null;

  let integerPart = s;
  let decimals = '';
  const decimal = /[.,:;](\d{1,2})$/.exec(s);
  if (decimal) {
    decimals = decimal[1] as string;
    integerPart = s.slice(0, decimal.index);
  }
  // What remains must be plain digits or digit groups of 3 after the first.
  const groups = integerPart.split(/[.,'\u2019\u00a0\u202f ]/);
  if (groups.some((g) => !/^\d+$/.test(g))) return null;
  if (groups.length > 1 && (groups.slice(1).some((g) => g.length !== 3) || (groups[0] as string).length > 3)) return null;
  const value = Number(`${groups.join('')}.${decimals || '0'}`);
  if (!Number.isFinite(value)) return null;
  return negative ? -value : value;
}

/** A quantity: a positive integer or decimal ("4", "2,5", "l2" -> 12). */
export function parseQuantity(text: string): number | null {
  const s = fixDigitConfusions(text.trim()).replace(/^[^\d]+|[^\d]+$/g, '');
  if (!/^\d{1,6}([.,]\d{1,3})?$/.test(s)) return null;
  const value = Number(s.replace(',', '.'));
  return value > 0 ? value : null;
}

/** Rounds to cents, avoiding binary float artefacts (1.005 -> 1.01). */
export function roundCents(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100;
}
