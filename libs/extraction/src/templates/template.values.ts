import { parseAmount } from '../amount.parser.js';
import { parseDate } from '../date.parser.js';
import { EMAIL_IN_TEXT } from '../email.pattern.js';
import { editDistance, labelKey, normalizeQuotes, normalizeSpaces, slipDistance } from '../text.normalize.js';
import type { TemplateValueKind } from './template.types.js';

/** A template value's parsing and comparison, by the kind of its field. */

export const canonId = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
export const canonEmail = (s: string): string => s.toLowerCase().replace(/\s+/g, '');

export function cleanText(value: string): string | null {
  const text = normalizeSpaces(normalizeQuotes(value)).replace(/^[:\-–.,#\s]+|[:\-–.,\s]+$/g, '');
  return /\p{L}/u.test(text) ? text : null;
}

export function cleanIdentifier(value: string): string | null {
  const tokens = value
    .replace(/^[:#.\-–\s]+/, '')
    .split(/\s+/)
    .map((t) => t.replace(/^[^\p{L}\p{N}_]+|[^\p{L}\p{N}_]+$/gu, ''))
    .filter(Boolean);
  const id = tokens.join('_');
  return /\d/.test(id) ? id : null;
}

/** Reads a value of `kind` from text found at the learned place; null when it does not parse. */
export function parseTemplateValue(kind: TemplateValueKind, text: string): string | number | null {
  switch (kind) {
    case 'date':
      return parseDate(text);
    case 'amount': {
      // The amount is the last number-like run (a currency word may follow, a label word may precede).
      const runs = text.match(/[-(]?\d[\d.,:;'\u2019\u00a0\u202f ]*\d(?:\)?)|\d/g) ?? [];
      for (const run of runs.reverse()) {
        const value = parseAmount(run);
        if (value !== null) return value;
      }
      return null;
    }
    case 'identifier':
      return cleanIdentifier(text);
    case 'email': {
      const joined = text.trim().replace(/\s*([.@])\s*/g, '$1');
      return EMAIL_IN_TEXT.exec(joined)?.[0] ?? null;
    }
    case 'text':
      return cleanText(text);
  }
}

/** Whether the text of a word span reads as the corrected value. Text values tolerate a few OCR errors. */
export function spanMatches(kind: TemplateValueKind, text: string, value: unknown): number | null {
  switch (kind) {
    case 'date':
      return typeof value === 'string' && parseDate(text) === value ? 0 : null;
    case 'amount': {
      const amount = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
      const parsed = parseAmount(text);
      return parsed !== null && Number.isFinite(amount) && Math.abs(parsed - amount) < 0.005 ? 0 : null;
    }
    case 'identifier':
      return typeof value === 'string' && canonId(text) === canonId(value) && canonId(value).length > 0 ? 0 : null;
    case 'email':
      return typeof value === 'string' && canonEmail(text).replace(/\s*([.@])\s*/g, '$1') === canonEmail(value) ? 0 : null;
    case 'text': {
      if (typeof value !== 'string') return null;
      const a = labelKey(text);
      const b = labelKey(value);
      if (!a || !b) return null;
      const max = Math.floor(b.length * 0.15);
      const d = editDistance(a, b, max);
      return d <= max ? d : null;
    }
  }
}

/** The digits of a text's numbers (words with at least as many digits as letters: "12", "40170", "U13"), in order. */
const numberDigits = (text: string): string =>
  text
    .split(/\s+/)
    .filter((w) => (w.match(/\d/g) ?? []).length >= (w.match(/\p{L}/gu) ?? []).length)
    .join('')
    .replace(/\D/g, '');

/**
 * Whether text read at a learned place is `typed` (what a person typed there before) read with OCR slips only
 * ({@link slipDistance} at most one for every seven characters: a look-alike one, a dropped or added one two), its numbers' digits the
 * same and in the same order (a unit number or postcode that differs is another address, not a misreading; a digit
 * inside a word, "N0RTHWIND", is a slip). "SOUTHWIND" is not "NORTHWIND" misread.
 */
export function typedMatches(read: string, typed: string): boolean {
  const length = typed.replace(/[^\p{L}\p{N}]/gu, '').length;
  const budget = Math.floor(length / 7);
  // Each character dropped or added costs two: a text much longer or shorter cannot be a misreading.
  if (length === 0 || 2 * Math.abs(read.replace(/[^\p{L}\p{N}]/gu, '').length - length) > budget) return false;
  return numberDigits(read) === numberDigits(typed) && slipDistance(read, typed) <= budget;
}
