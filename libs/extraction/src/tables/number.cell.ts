import { fixDigitConfusions } from '../amount.parser.js';

// Thousands may be grouped by blanks ("1 234,56"); any other blank separates two numbers.
const NUMBER_RE = /[-\u2212\u2013]?\(?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d(?:[\d.,'\u2019]*\d)?)\)?-?/g;

/**
 * A number as printed in a table cell: decimal comma or point, thousands separators, a sign before or after, a
 * currency or unit around it ("9,90 €", "20 Stk", "1.234,5600", "(12.00)"). The last separator is the decimal one
 * unless it is followed by exactly three digits, is the only separator and does not follow a lone zero (then it
 * groups thousands, "1.000").
 */
export function parseNumberText(token: string): number | null {
  let s = token.trim();
  const negative = /^[-\u2212\u2013(]/.test(s) || /-$/.test(s);
  s = s.replace(/[^\d.,]/g, '');
  if (!/\d/.test(s)) return null;
  const last = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
  let integer = s;
  let decimals = '';
  if (last >= 0) {
    const after = s.slice(last + 1);
    const separators = s.match(/[.,]/g) ?? [];
    // "0.025" is a decimal: a group of thousands never follows a leading zero.
    const grouped = after.length === 3 && !/^0[.,]/.test(s) && separators.every((c) => c === s[last]);
    if (!grouped) {
      integer = s.slice(0, last);
      decimals = after;
    }
  }
  const digits = integer.replace(/[.,]/g, '');
  if (!/^\d+$/.test(digits) || !/^\d*$/.test(decimals)) return null;
  const value = Number(`${digits}.${decimals || '0'}`);
  return Number.isFinite(value) ? (negative ? -value : value) : null;
}

/** The numbers in a cell's text, left to right (look-alike letters in mostly-digit tokens read as digits). */
export function cellNumbers(text: string): number[] {
  const fixed = text
    .split(/\s+/)
    .map((t) => fixDigitConfusions(t))
    .join(' ');
  return [...fixed.matchAll(NUMBER_RE)].map((m) => parseNumberText(m[0])).filter((v): v is number => v !== null);
}
