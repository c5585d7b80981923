import type { ExtractedInvoice } from '@invoice/contracts';

/** The fields compared between the XML and the printed page. */
export const CROSS_CHECKED_FIELDS = ['invoiceNumber', 'issueDate', 'dueDate', 'subtotal', 'total', 'amountDue'] as const;
export type CrossCheckedField = (typeof CROSS_CHECKED_FIELDS)[number];
/** Fields every invoice prints: one the page does not show is a mismatch even when the page reading found none. */
const ALWAYS_PRINTED = new Set<CrossCheckedField>(['invoiceNumber', 'issueDate', 'total']);

const MONTHS: Record<string, readonly string[]> = {
  en: ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
  de: ['januar', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
};

/** Page text for matching: lower case, NBSP and narrow spaces as spaces, blanks collapsed. */
export const normalizePageText = (text: string) =>
  text
    .toLowerCase()
    .replace(/[\u00a0\u202f\u2009]/g, ' ')
    .replace(/\s+/g, ' ');

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `value` standing alone: no digit (and for codes no letter) right before or after. */
const standsAlone = (text: string, value: string, letters: boolean) =>
  new RegExp(`(?<![0-9${letters ? 'a-z' : ''}])${escape(value)}(?![0-9${letters ? 'a-z' : ''}])`).test(text);

/** The ways an amount prints: its absolute value with 2 decimals, `.` or `,` as decimal mark, thousands grouped by `.`, `,`, space, `'` or not at all. */
export function amountSpellings(value: number): string[] {
  const [whole = '0', decimals = '00'] = Math.abs(value).toFixed(2).split('.');
  const groups = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '\u0000');
  const out = new Set<string>();
  for (const [decimal, thousands] of [
    ['.', ','],
    [',', '.'],
    [',', ' '],
    ['.', ' '],
    ['.', "'"],
    [',', ''],
    ['.', ''],
  ] as const) {
    out.add(`${groups.split('\u0000').join(thousands)}${decimal}${decimals}`);
  }
  // A whole amount may print without decimals ("473 €").
  if (decimals === '00') out.add(whole);
  return [...out];
}

/** The ways a date prints: numeric (day first, month first, ISO, two-digit years) and with month names (English, German, French). */
export function dateSpellings(iso: string): string[] {
  const [y = '', m = '', d = ''] = iso.split('-');
  const dd = d,
    mm = m,
    di = String(Number(d)),
    mi = String(Number(m)),
    yy = y.slice(2);
  const out = [
    `${dd}.${mm}.${y}`,
    `${di}.${mi}.${y}`,
    `${dd}.${mm}.${yy}`,
    `${dd}/${mm}/${y}`,
    `${mm}/${dd}/${y}`,
    `${di}/${mi}/${y}`,
    `${dd}/${mm}/${yy}`,
    `${y}-${mm}-${dd}`,
    `${dd}-${mm}-${y}`,
    `${y}${mm}${dd}`,
  ];
  for (const names of Object.values(MONTHS)) {
    const month = names[Number(m) - 1];
    if (month === undefined) continue;
    out.push(
      `${di}. ${month} ${y}`,
      `${di} ${month} ${y}`,
      `${dd}. ${month} ${y}`,
      `${dd} ${month} ${y}`,
      `${month} ${di}, ${y}`,
      `${di} ${month.slice(0, 3)} ${y}`,
      `${month.slice(0, 3)} ${di}, ${y}`,
    );
  }
  if (d === '01') out.push(`1er ${MONTHS.fr![Number(m) - 1]} ${y}`);
  return out;
}

/** Whether the page text prints the field's value. */
export function printedOnPage(field: CrossCheckedField, value: string | number, pageText: string): boolean {
  const text = normalizePageText(pageText);
  if (field === 'invoiceNumber') {
    const number = String(value).toLowerCase().replace(/\s+/g, ' ');
    // Text layers may split a number ("RE-20 201121 /50 8"): then compared without blanks, where letters may touch it.
    return standsAlone(text, number, true) || standsAlone(text.replace(/\s+/g, ''), number.replace(/\s+/g, ''), false);
  }
  if (field === 'issueDate' || field === 'dueDate') return dateSpellings(String(value)).some((s) => standsAlone(text, s, false));
  return amountSpellings(Number(value)).some((s) => standsAlone(text, s, false));
}

/**
 * Compares the XML with the printed page: a field the XML states is a mismatch when its value is not printed
 * on the page and either every invoice prints it (number, issue date, total) or the page reading found another
 * value. Amounts are compared without sign (credit notes print signs unlike their XML).
 */
export function crossCheckPage(xml: ExtractedInvoice, page: ExtractedInvoice | null, pageText: string): CrossCheckedField[] {
  if (!pageText.trim()) return [];
  return CROSS_CHECKED_FIELDS.filter((field) => {
    const value = xml[field];
    if (value === null || value === undefined) return false;
    if (printedOnPage(field, value, pageText)) return false;
    return ALWAYS_PRINTED.has(field) || (page?.[field] ?? null) !== null;
  });
}
