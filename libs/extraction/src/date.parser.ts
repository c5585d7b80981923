import { foldAccents } from './text.normalize.js';

export interface ParsedDateTime {
  /** YYYY-MM-DD */
  date: string | null;
  /** HH:MM:SS */
  time: string | null;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  janvier: 1,
  janv: 1,
  feb: 2,
  february: 2,
  fevrier: 2,
  fev: 2,
  fevr: 2,
  mar: 3,
  march: 3,
  mars: 3,
  apr: 4,
  april: 4,
  avril: 4,
  avr: 4,
  may: 5,
  mai: 5,
  jun: 6,
  june: 6,
  juin: 6,
  jul: 7,
  july: 7,
  juillet: 7,
  juil: 7,
  aug: 8,
  august: 8,
  aout: 8,
  sep: 9,
  sept: 9,
  september: 9,
  septembre: 9,
  oct: 10,
  october: 10,
  octobre: 10,
  nov: 11,
  november: 11,
  novembre: 11,
  dec: 12,
  december: 12,
  decembre: 12,
};

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** YYYY-MM-DD when the date exists in the calendar, else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return null;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** Letters tesseract puts for digits inside a date or time token: O -> 0, l/I/| -> 1 ("2O19-01-0l"). */
function fixDigits(text: string): string {
  return text
    .split(/(\s+)/)
    .map((t) => (/\d/.test(t) && /^[\dOolI|:./-]+$/.test(t) ? t.replace(/[Oo]/g, '0').replace(/[lI|]/g, '1') : t))
    .join('');
}

/**
 * The order a document's numeric dates settle: month-first when one of them can only be read month-first
 * ("11/17/2017", "10/18/18") and none can only be read day-first ("17/11/2017"), day-first when one can only be read
 * day-first, null when every date reads both ways ("7/9/18"). A document keeps one order, so this settles its
 * ambiguous dates ("11/03/2017"). Dates count with a four-digit year, or a two-digit one after slashes: "12.17.26" is
 * a time.
 */
export function dateOrder(texts: readonly string[]): 'monthFirst' | 'dayFirst' | null {
  let monthFirst = 0;
  let dayFirst = 0;
  const dates =
    /(?<![\d.,:])(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d{2})(?![\d.,:])|(?<![\d.,:/])(\d{1,2})\/(\d{1,2})\/(\d{2})(?![\d.,:/])/g;
  for (const text of texts) {
    for (const found of fixDigits(text).matchAll(dates)) {
      const m = found[1] === undefined ? [found[0], found[4], found[5]] : found;
      const a = Number(m[1]);
      const b = Number(m[2]);
      if (a > 12 && b >= 1 && b <= 12) dayFirst++;
      if (b > 12 && b <= 31 && a >= 1 && a <= 12) monthFirst++;
    }
  }
  if (dayFirst > 0) return 'dayFirst';
  return monthFirst > 0 ? 'monthFirst' : null;
}

/** Whether a document's numeric dates are month-first ({@link dateOrder}). */
export const readsMonthFirst = (texts: readonly string[]): boolean => dateOrder(texts) === 'monthFirst';

/**
 * Finds the first date in a text: ISO "2019-01-01" (also with / or .), day-first "01/02/2019" or
 * "01.02.2019" (month-first when `monthFirst` or when the day-first reading is impossible), and
 * written months ("1 janvier 2019", "January 1, 2019").
 */
export function parseDate(text: string, options: { monthFirst?: boolean } = {}): string | null {
  const s = fixDigits(foldAccents(text));
  const iso = /(?<!\d)(\d{4})\s?[-/.]\s?(\d{1,2})\s?[-/.]\s?(\d{1,2})(?!\d)/.exec(s);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  // A blank OCR put after the second separator before a full year ("05-05- 2018").
  const numeric = /(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\s?\d{4}|\d{2})(?!\d)/.exec(s);
  if (numeric) {
    const a = Number(numeric[1]);
    const b = Number(numeric[2]);
    const printed = (numeric[3] as string).trim();
    let year = Number(printed);
    if (printed.length === 2) year += 2000;
    const dayFirst = isoDate(year, b, a);
    const monthFirst = isoDate(year, a, b);
    return options.monthFirst ? (monthFirst ?? dayFirst) : (dayFirst ?? monthFirst);
  }
  const written = /(?<!\d)(\d{1,2})(?:er|st|nd|rd|th)?\.?[\s-]+([a-z]+)\.?[\s-]+(\d{4})(?!\d)/i.exec(s);
  if (written) {
    const month = MONTHS[(written[2] as string).toLowerCase()];
    if (month) return isoDate(Number(written[3]), month, Number(written[1]));
  }
  // "24-MAR-2018", "24 Mar-2018", "24/Mar/18", "24.MAR.2018", "28 Mar 18": a written month between dashes, slashes,
  // dots or blanks (a year of four digits after a blank is the written form above).
  const dashed = /(?<!\d)(\d{1,2})\s?[-/.\s]\s?([a-z]{3,9})\.?(?:\s?[-/.]\s?(\d{4}|\d{2})|\s(\d{2}))(?![\d:])/i.exec(s);
  if (dashed) {
    const month = MONTHS[(dashed[2] as string).toLowerCase()];
    const printed = (dashed[3] ?? dashed[4]) as string;
    const year = Number(printed) + (printed.length === 2 ? 2000 : 0);
    if (month) return isoDate(year, month, Number(dashed[1]));
  }
  const us = /\b([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)/i.exec(s);
  if (us) {
    const month = MONTHS[(us[1] as string).toLowerCase()];
    if (month) return isoDate(Number(us[3]), month, Number(us[2]));
  }
  return null;
}

/** Finds the first time of day: "08:21:00", "8:21", "08h21" -> "08:21:00" (seconds default to 00). */
export function parseTime(text: string): string | null {
  const s = fixDigits(text);
  const m = /(?<![\d:])(\d{1,2})\s?[:h]\s?(\d{2})(?:\s?:\s?(\d{2}))?(?![\d:])/.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  const sec = m[3] === undefined ? 0 : Number(m[3]);
  if (h > 23 || min > 59 || sec > 59) return null;
  return `${pad2(h)}:${pad2(min)}:${pad2(sec)}`;
}

/** Date and time from one text, e.g. "Issue date 2019-01-01 08:21:00". The time is searched after the date. */
export function parseDateTime(text: string, options: { monthFirst?: boolean } = {}): ParsedDateTime {
  const date = parseDate(text, options);
  // Remove the date itself so that "2019-01-01" is not taken for a time.
  const withoutDate = text.replace(/\d{1,4}\s?[-/.]\s?\d{1,2}\s?[-/.]\s?\d{1,4}/, ' ');
  return { date, time: parseTime(withoutDate) };
}
