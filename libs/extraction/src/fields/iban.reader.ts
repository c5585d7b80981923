import { countrySpecs, isValidIBAN } from 'ibantools';
import type { ReadField, WordLine } from './labelled.value.js';

/**
 * IBANs (ISO 13616): a country code, two check digits, the national account number; valid when its length
 * is the country's and the mod-97 check holds (ibantools). Printed in groups of four or in one piece.
 */

/** Upper case, blanks and separators out. */
export function normalizeIban(text: string): string {
  return text.replace(/[\s.\-]+/g, '').toUpperCase();
}

/** Whether the text (blanks allowed) is a valid IBAN: the country's length and the mod-97 checksum. */
export function isValidIban(text: string): boolean {
  return isValidIBAN(normalizeIban(text));
}

/** The length of an IBAN of that country, null when the country issues none. */
export function ibanLength(country: string): number | null {
  return countrySpecs[country.toUpperCase()]?.chars ?? null;
}

const START_RE = /(?<![A-Z0-9])([A-Z]{2}\s?\d{2})(?=[\s\dA-Z])/g;

/**
 * The first valid IBAN in a text: from each country code and check digits on, the characters after it
 * (blanks between groups skipped) taken to the country's length.
 */
export function findIban(text: string): string | null {
  const upper = text.toUpperCase();
  for (const match of upper.matchAll(START_RE)) {
    const length = ibanLength((match[1] as string).slice(0, 2));
    if (!length) continue;
    const rest = upper.slice(match.index).match(/^[A-Z0-9](?:[A-Z0-9]|[ .\-](?=[A-Z0-9]))*/);
    const compact = normalizeIban(rest?.[0] ?? '');
    if (compact.length < length) continue;
    const candidate = compact.slice(0, length);
    if (isValidIBAN(candidate)) return candidate;
  }
  return null;
}

/** The issuer's IBAN: the first valid one on the page (an invoice prints the account to pay into). */
export function readIban(lines: readonly WordLine[]): ReadField<string> | null {
  for (const line of lines) {
    const iban = findIban(line.text);
    if (!iban) continue;
    const words = line.words.filter((w) => {
      const part = normalizeIban(w.text);
      return part.length >= 2 && /\d/.test(part) && iban.includes(part.replace(/^IBAN:?/, ''));
    });
    return { value: iban, words };
  }
  return null;
}
