/**
 * Normalization used to compare labels with extracted values. Written independently of the extraction's own
 * parsers on purpose: the evaluation must not share the code it measures.
 */

const MONTHS: Record<string, number> = {
  JAN: 1,
  JANUARY: 1,
  FEB: 2,
  FEBRUARY: 2,
  MAR: 3,
  MARCH: 3,
  APR: 4,
  APRIL: 4,
  MAY: 5,
  JUN: 6,
  JUNE: 6,
  JUL: 7,
  JULY: 7,
  AUG: 8,
  AUGUST: 8,
  SEP: 9,
  SEPT: 9,
  SEPTEMBER: 9,
  OCT: 10,
  OCTOBER: 10,
  NOV: 11,
  NOVEMBER: 11,
  DEC: 12,
  DECEMBER: 12,
};

const pad2 = (n: number): string => String(n).padStart(2, '0');

function iso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCFullYear() !== year) return null;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** Two-digit years are 20YY (the receipts are from 2016-2019). */
const fullYear = (y: string): number => (y.length === 2 ? 2000 + Number(y) : Number(y));

/**
 * A printed date to ISO `YYYY-MM-DD`, or null when it is not a calendar date. Numeric dates are day first
 * (as printed in Malaysia and France) unless they start with a 4-digit year:
 * `25/12/2018`, `20-11-17`, `23.03.18`, `9/2/2017`, `2018-03-18`, `20180304`, `10 MAR 2018`, `24-MAR-2018`; month first
 * where day first is no date (`12/13/2016`) or the month is a word (`OCT 3, 2016`).
 */
export function normalizeDate(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const text = raw.trim().toUpperCase().replace(/\s+/g, ' ');
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$/.exec(text);
  // Month first only where day first is no date (12/13/2016).
  if (m)
    return (
      iso(fullYear(m[3]!), Number(m[2]), Number(m[1])) ?? (Number(m[2]) > 12 ? iso(fullYear(m[3]!), Number(m[1]), Number(m[2])) : null)
    );
  m = /^(\d{1,2})[ -/.]*([A-Z]{3,9})[ -/.,]*(\d{4}|\d{2})$/.exec(text);
  if (m) {
    const month = MONTHS[m[2]!];
    return month ? iso(fullYear(m[3]!), month, Number(m[1])) : null;
  }
  m = /^([A-Z]{3,9})[ .]*(\d{1,2}),? (\d{4})$/.exec(text);
  if (m) {
    const month = MONTHS[m[1]!];
    return month ? iso(Number(m[3]), month, Number(m[2])) : null;
  }
  return null;
}

/**
 * An amount to a number rounded to cents, or null when empty or unreadable. Currency marks are dropped
 * (`RM20.40`, `RM 3.90`, `$6.90`, `12,50 €`); a comma is a thousands separator when a point follows it or
 * three digits follow it, else the decimal separator.
 */
export function normalizeAmount(raw: string | number | null | undefined): number | null {
  if (raw == null) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? Math.round(raw * 100) / 100 : null;
  let text = raw
    .toUpperCase()
    .replace(/\b(RM|MYR|EUR|USD|SGD)\b|RM(?=\d)|[$€£]/g, '')
    .replace(/\s+/g, '');
  if (!text) return null;
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/,/g, '');
  else if (/^-?\d+,\d{1,2}$/.test(text)) text = text.replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  return Math.round(Number(text) * 100) / 100;
}

/** Upper-cased, whitespace collapsed and trimmed; null stays null, blank becomes null. */
export function normalizeText(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const text = raw.replace(/\s+/g, ' ').trim().toUpperCase();
  return text || null;
}

/**
 * Company names and addresses: upper-cased, accents kept, every character but letters, digits and "&"
 * dropped. The SROIE labels do not keep the receipt's blanks and commas (`NO.53,JALAN BESAR` for the
 * printed `NO. 53, JALAN BESAR`), and an address spans lines the extraction joins with ", ".
 */
export function normalizeCompact(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const text = raw.toUpperCase().replace(/[^\p{L}\p{N}&]/gu, '');
  return text || null;
}

/** Emails compare lower-cased and trimmed. */
export function normalizeEmail(raw: string | null | undefined): string | null {
  const text = raw?.replace(/\s+/g, '').toLowerCase();
  return text || null;
}

/** `HH:MM:SS` (also `H:MM` -> `0H:MM:00`), or null. */
export function normalizeTime(raw: string | null | undefined): string | null {
  const m = raw == null ? null : /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(raw.trim());
  if (!m) return null;
  return `${pad2(Number(m[1]))}:${m[2]}:${m[3] ?? '00'}`;
}

/** Two amounts equal to the cent. */
export function sameAmount(a: number | null, b: number | null): boolean {
  return a !== null && b !== null && Math.abs(a - b) < 0.005;
}
