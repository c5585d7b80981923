import type { OcrWord } from '@invoice/contracts';
import {
  austria, belgium, bulgaria, checkVAT, croatia, cyprus, czechRepublic, denmark, estonia, finland, france, germany, greece, hungary, ireland,
  italy, latvia, lithuania, luxembourg, malta, netherlands, norway, poland, portugal, romania, slovakiaRepublic, slovenia, spain, sweden,
  switzerland, unitedKingdom,
} from 'jsvat';
import { foldLabelText, type ReadField, type WordLine } from './labelled.value.js';

/**
 * VAT ids of the EU member states (and the United Kingdom, Switzerland, Norway, which print them on EU
 * invoices): the country prefix, then the national number in its format, with its check digits where the
 * country publishes them (jsvat: DE, FR, IT, ES, NL, BE, AT and most others).
 */
const COUNTRIES = [
  austria, belgium, bulgaria, croatia, cyprus, czechRepublic, denmark, estonia, finland, france, germany, greece, hungary, ireland, italy,
  latvia, lithuania, luxembourg, malta, netherlands, poland, portugal, romania, slovakiaRepublic, slovenia, spain, sweden, unitedKingdom,
  switzerland, norway,
];

const PREFIX_RE = /(?<![A-Z0-9])(AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|GB|XI|NO|CHE)(?=[\s.\-:]?[0-9A-Z])/g;
/** The longest a VAT id runs, prefix included ("CHE123456789MWST"). */
const MAX_LENGTH = 16;

/** Upper case without blanks, dots and dashes: "DE 136 695 976" -> "DE136695976". */
export function normalizeVatId(text: string): string {
  return text.replace(/[\s.\-:]+/g, '').toUpperCase();
}

/** Whether the text is a VAT id of a listed country, in its format and with a valid checksum where there is one. */
export function isValidVatId(text: string): boolean {
  const value = normalizeVatId(text);
  return /^[A-Z]{2}/.test(value) && checkVAT(value, COUNTRIES).isValid;
}

/**
 * Every valid VAT id in a text, in order: from each country prefix, the longest run of the characters
 * after it (blanks, dots and dashes skipped) that is a valid id.
 */
export function findVatIds(text: string): string[] {
  return locateVatIds(text).map((found) => found.id);
}

/** {@link findVatIds} with where each id starts in the text. */
function locateVatIds(text: string): { id: string; index: number }[] {
  const upper = text.toUpperCase();
  const found: { id: string; index: number }[] = [];
  for (const match of upper.matchAll(PREFIX_RE)) {
    const run = upper.slice(match.index).match(/^[A-Z0-9](?:[A-Z0-9]|[ .\-:](?=[A-Z0-9]))*/)?.[0] ?? '';
    const compact = normalizeVatId(run).slice(0, MAX_LENGTH);
    for (let length = compact.length; length >= (match[1] as string).length + 2; length--) {
      const candidate = compact.slice(0, length);
      if (isValidVatId(candidate)) {
        if (!found.some((f) => f.id === candidate)) found.push({ id: candidate, index: match.index });
        break;
      }
    }
  }
  return found;
}

/** Words before a VAT id that say it is the customer's (EN, FR, DE, NL, ES, IT). */
const CUSTOMER_RE = /\b(customer|client|buyer|your|recipient|kunden?|ihre?|empfanger|leistungsempfanger|klant|afnemer|uw|cliente|comprador|destinatario|acquirente|committente|acheteur|destinataire|votre)\b/;

export interface VatIds {
  vendor: ReadField<string> | null;
  customer: ReadField<string> | null;
}

/** Whether words of a line lie in the customer block (the rows from its label down, in its column). */
export interface CustomerBlock {
  contains(line: WordLine, words: readonly OcrWord[]): boolean;
}

/**
 * The issuer's and the customer's VAT ids. An id is the customer's when its line names the customer
 * ("Customer VAT", "USt-IdNr. des Kunden", "TVA client") or lies in the customer block; the first other id
 * is the issuer's (letterhead, sender block or legal footer).
 */
export function readVatIds(lines: readonly WordLine[], customerBlock: CustomerBlock | null = null): VatIds {
  let vendor: ReadField<string> | null = null;
  let customer: ReadField<string> | null = null;
  for (const line of lines) {
    for (const { id, index } of locateVatIds(line.text)) {
      const before = foldLabelText(line.text.slice(0, index));
      const words = idWords(line.words, id);
      const isCustomer = CUSTOMER_RE.test(before) || (customerBlock?.contains(line, words) ?? false);
      if (isCustomer && !customer) customer = { value: id, words };
      else if (!isCustomer && !vendor && id !== customer?.value) vendor = { value: id, words };
    }
  }
  return { vendor, customer };
}

/** The words an id was read from: those whose characters are part of it. */
function idWords(words: readonly OcrWord[], id: string): OcrWord[] {
  return words.filter((w) => {
    const part = normalizeVatId(w.text).replace(/^[^A-Z0-9]+|[^A-Z0-9]+$/g, '');
    return part.length >= 2 && /\d/.test(part) && id.includes(part);
  });
}
