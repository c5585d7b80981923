import type { OcrWord } from '@invoice/contracts';
import { parseAmount } from '../amount.parser.js';
import { detectCurrency } from '../currency.parser.js';
import { ISO_CURRENCY_CODES } from '../lexicon/currencies.js';
import { parseDate } from '../date.parser.js';
import { englishMonths } from '../lexicon/months.js';

/** A value found in a line: its normalized form and the words [start, end) it was read from. */
export interface ValueSpan {
  value: string | number;
  start: number;
  end: number;
}

const text = (words: readonly OcrWord[], start: number, end: number): string =>
  words
    .slice(start, end)
    .map((w) => w.text)
    .join(' ');

const MONTH_WORD = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|fev|avr|mai|juin|juil|aout|sept)/i;

/**
 * A numeric date printed with blanks inside it, without them: "14. 11. 2018" (German typesetting), "6/1 8 /2017"
 * (a PDF's kerning split into words). Only digits and separators, with at least one separator.
 */
function spacedDigits(value: string): string {
  return /\s/.test(value) && /^[\d\s./-]+$/.test(value) && /[./-]/.test(value) ? value.replace(/\s+/g, '') : '';
}

/**
 * Dates in a line: windows of one to four words that read as one date (ISO), the shortest window per start; numeric
 * dates month-first when the document's are, and read without the blanks inside them ({@link spacedDigits}).
 */
export function dateSpans(words: readonly OcrWord[], options: { monthFirst?: boolean } = {}): ValueSpan[] {
  const out: ValueSpan[] = [];
  for (let i = 0; i < words.length; i++) {
    // A date starts with its day, its year or its month ("March 5, 2024").
    if (!/\d/.test(words[i]?.text ?? '') && !MONTH_WORD.test(englishMonths(words[i]?.text ?? ''))) continue;
    for (let n = 1; n <= Math.min(4, words.length - i); n++) {
      const date = parseDate(englishMonths(text(words, i, i + n)), options) ?? parseDate(spacedDigits(text(words, i, i + n)), options);
      if (!date) continue;
      if (!out.some((s) => s.value === date && s.end > i)) out.push({ value: date, start: i, end: i + n });
      break;
    }
  }
  return out;
}

const AMOUNT_TOKEN = /^[(\-−]?[€$£]?\d[\d.,'’ ]*\d?\)?-?$/;

/**
 * Amounts in a line: a word (or two, "1 234,56", or with a currency word beside) that reads as a number with
 * decimals or as a plain integer of up to seven digits; dates, times, percentages and long digit runs are not amounts.
 */
export function amountSpans(words: readonly OcrWord[]): ValueSpan[] {
  const out: ValueSpan[] = [];
  for (let i = 0; i < words.length; i++) {
    const text = (words[i] as OcrWord).text;
    const raw = text.replace(/^[A-Za-z]{1,3}(?=\d)/, '').replace(/[:;,]$/, '');
    const token = raw.replace(/[€$£]|(?:EUR|USD|GBP|RM|CHF)$/gi, '');
    // Letters before a whole number make an identifier ("GE2020211"); before cents, a currency ("RM12.50").
    if (/^[A-Za-z]/.test(text) && !/[.,]\d{2}\)?-?$/.test(token)) continue;
    if (!AMOUNT_TOKEN.test(token) || /%/.test(raw) || /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(token) || /^\d{1,2}:\d{2}$/.test(token))
      continue;
    const nextWord = words[i + 1]?.text ?? '';
    const joined = /^\d{1,3}$/.test(token) && /^\d{3}[.,]\d{2}$/.test(nextWord) ? parseAmount(`${token} ${nextWord}`) : null;
    const value = joined ?? parseAmount(token);
    if (value === null || (!/[.,]\d{2}\)?-?$/.test(token) && (Math.abs(value) >= 1e7 || !/^\d+$/.test(token)))) continue;
    out.push({ value, start: i, end: joined !== null ? i + 2 : i + 1 });
    if (joined !== null) i++;
  }
  return out;
}

/** The identifier a word reads as (a leading # or "No." and trailing punctuation dropped), or null. */
function identifierOf(text: string): string | null {
  const value = text.replace(/^(?:#|n[o°º]\.?|nr\.?|:)+/i, '').replace(/[:;,.)]+$/, '');
  if (value.length < 3 || value.length > 30 || !/\d/.test(value) || !/^[\p{L}\p{N}][\p{L}\p{N}\-_/.]*$/u.test(value)) return null;
  if (/^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(value) || /^\d{4}[./-]\d{1,2}[./-]\d{1,2}$/.test(value) || /^\d+[.,]\d{2}$/.test(value))
    return null;
  return value;
}

/**
 * Two words that are one identifier cut at a separator ("FAC_2023_" "0001", "INV-" "17"), or whose separator the OCR
 * read as a blank ("FAC_2021" "6112": joined with the first word's own separator): close together, the cut at - _ /
 * or . ; a lost separator only between an identifier that has one and a group of digits.
 */
function cutIdentifier(a: OcrWord, b: OcrWord): string | null {
  const gap = b.bbox.x0 - a.bbox.x1;
  const height = Math.max(1, a.bbox.y1 - a.bbox.y0, b.bbox.y1 - b.bbox.y0);
  if (gap > height || !/^[\p{L}\p{N}\-_/]/u.test(b.text)) return null;
  if (/[-_/.]$/.test(a.text) || /^[-_/]/.test(b.text)) return identifierOf(`${a.text}${b.text}`);
  const lost = /^[\p{L}\p{N}]+([-_/])[\p{L}\p{N}\-_/]*\d$/u.exec(a.text)?.[1];
  return lost && /^\d{2,8}$/.test(b.text) ? identifierOf(`${a.text}${lost}${b.text}`) : null;
}

/**
 * Identifiers in a line: a word of 3 to 30 characters with a digit, made of letters, digits and - _ / . (a leading # or
 * "No." dropped), and two neighbouring words that are one identifier cut at a separator (in place of the first);
 * dates (day first or ISO) and amounts are not identifiers.
 */
export function identifierSpans(words: readonly OcrWord[]): ValueSpan[] {
  const out: ValueSpan[] = [];
  words.forEach((word, i) => {
    const next = words[i + 1];
    const joined = next ? cutIdentifier(word, next) : null;
    // The first part of a cut identifier is no identifier of its own.
    const value = joined ? null : identifierOf(word.text);
    if (value) out.push({ value, start: i, end: i + 1 });
    if (joined) out.push({ value: joined, start: i, end: i + 2 });
  });
  return out;
}

/**
 * Whether `words[i]` is an ISO 4217 code standing as one: in capitals, with an amount beside it or a label ending
 * in a colon before it ("Moneda: GTQ", "Total 120.00 SEK", "(SEK)").
 */
function isoCodeAt(words: readonly OcrWord[], i: number): string | null {
  const code = (words[i]?.text ?? '').replace(/^\(|\)$/g, '');
  if (!/^[A-Z]{3}$/.test(code) || !ISO_CURRENCY_CODES.has(code)) return null;
  const before = words[i - 1]?.text ?? '';
  const after = words[i + 1]?.text ?? '';
  return /\d/.test(before) || /^[-+(]?\d/.test(after) || /:$/.test(before) ? code : null;
}

/** Currency codes named in a line (a symbol, an ISO code, a currency word). */
export function currencySpans(words: readonly OcrWord[]): ValueSpan[] {
  const out: ValueSpan[] = [];
  words.forEach((word, i) => {
    const next = words[i + 1]?.text ?? '';
    const code =
      detectCurrency(word.text) ??
      (/^RM$/.test(word.text) && /^\d/.test(next) ? 'MYR' : null) ??
      (/^(?:SEK|NOK|DKK|PLN|CZK|INR|ARS|MXN)$/.test(word.text) ? word.text : null) ??
      isoCodeAt(words, i);
    if (code) out.push({ value: code, start: i, end: i + 1 });
  });
  return out;
}
