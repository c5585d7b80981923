import type { OcrWord } from '@invoice/contracts';
import {
  austria,
  belgium,
  bulgaria,
  checkVAT,
  croatia,
  cyprus,
  czechRepublic,
  denmark,
  estonia,
  finland,
  france,
  germany,
  greece,
  hungary,
  ireland,
  italy,
  latvia,
  lithuania,
  luxembourg,
  malta,
  netherlands,
  norway,
  poland,
  portugal,
  romania,
  slovakiaRepublic,
  slovenia,
  spain,
  sweden,
  switzerland,
  unitedKingdom,
} from 'jsvat';
import { foldLabelText, type ReadField, type WordLine } from './labelled.value.js';

/**
 * VAT ids of the EU member states (and the United Kingdom, Switzerland, Norway, which print them on EU
 * invoices): the country prefix, then the national number in its format, with its check digits where the
 * country publishes them (jsvat: DE, FR, IT, ES, NL, BE, AT and most others).
 */
const COUNTRIES = [
  austria,
  belgium,
  bulgaria,
  croatia,
  cyprus,
  czechRepublic,
  denmark,
  estonia,
  finland,
  france,
  germany,
  greece,
  hungary,
  ireland,
  italy,
  latvia,
  lithuania,
  luxembourg,
  malta,
  netherlands,
  poland,
  portugal,
  romania,
  slovakiaRepublic,
  slovenia,
  spain,
  sweden,
  unitedKingdom,
  switzerland,
  norway,
];

const PREFIX_RE =
  /(?<![A-Z0-9])(AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|GB|XI|NO|CHE)(?=[\s.\-:]?[0-9A-Z])/g;
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

/** A VAT label before an id ("VAT", "TVA", "USt-IdNr.", "BTW", "IVA", "P.IVA", "NIF"), over the folded text. */
const VAT_LABEL_RE = /(?:^|[^\p{L}])(vat|tva|ust|umsatzsteuer|mwst|btw|iva|p\.?\s?iva|partita\s+iva|nif|cif|tax\s+id|vat\s+reg)/u;

interface LocatedId {
  id: string;
  index: number;
  /** False for an id printed after a VAT label in its country's format whose check digits fail. */
  checksumValid: boolean;
}

/**
 * {@link findVatIds} with where each id starts in the text; with `labelled`, also the ids printed after a VAT
 * label that have their country's format but fail its check digits (a misread digit, or a made-up id).
 */
function locateVatIds(text: string, labelled = false): LocatedId[] {
  const upper = text.toUpperCase();
  const found: LocatedId[] = [];
  for (const match of upper.matchAll(PREFIX_RE)) {
    const run = upper.slice(match.index).match(/^[A-Z0-9](?:[A-Z0-9]|[ .\-:](?=[A-Z0-9]))*/)?.[0] ?? '';
    const compact = normalizeVatId(run).slice(0, MAX_LENGTH);
    const candidates = Array.from({ length: compact.length - (match[1] as string).length - 1 }, (_, i) =>
      compact.slice(0, compact.length - i),
    );
    const valid = candidates.find((c) => isValidVatId(c));
    const formatOnly =
      !valid && labelled && VAT_LABEL_RE.test(foldLabelText(text.slice(0, match.index)))
        ? candidates.find((c) => checkVAT(c, COUNTRIES).isValidFormat)
        : undefined;
    const id = valid ?? formatOnly;
    if (id && !found.some((f) => f.id === id)) found.push({ id, index: match.index, checksumValid: id === valid });
  }
  return found;
}

/** Words before a VAT id that say it is the customer's (EN, FR, DE, NL, ES, IT). */
const CUSTOMER_RE =
  /\b(customer|client|buyer|your|recipient|kunden?|ihre?|empfanger|leistungsempfanger|klant|afnemer|uw|cliente|comprador|destinatario|acquirente|committente|acheteur|destinataire|votre)\b/;

/** An id read, with whether its check digits hold. */
export type VatIdRead = ReadField<string> & { checksumValid: boolean };

export interface VatIds {
  vendor: VatIdRead | null;
  customer: VatIdRead | null;
}

/** Whether words of a line lie in the customer block (the rows from its label down, in its column). */
export interface CustomerBlock {
  contains(line: WordLine, words: readonly OcrWord[]): boolean;
}

/**
 * The issuer's and the customer's VAT ids. An id is the customer's when its line names the customer
 * ("Customer VAT", "USt-IdNr. des Kunden", "TVA client") or lies in the customer block; the first other id
 * is the issuer's (letterhead, sender block or legal footer). Ids with valid check digits come first; an id
 * after a VAT label whose check digits fail is read only when no valid one is there.
 */
export function readVatIds(lines: readonly WordLine[], customerBlock: CustomerBlock | null = null): VatIds {
  const read: (VatIdRead & { isCustomer: boolean })[] = [];
  for (const line of lines) {
    for (const { id, index, checksumValid } of locateVatIds(line.text, true)) {
      const words = idWords(line.words, id);
      const isCustomer = CUSTOMER_RE.test(foldLabelText(line.text.slice(0, index))) || (customerBlock?.contains(line, words) ?? false);
      read.push({ value: id, words, checksumValid, isCustomer });
    }
  }
  const pick = (customer: boolean, exclude?: string): VatIdRead | null => {
    const ofSide = read.filter((r) => r.isCustomer === customer && r.value !== exclude);
    const best = ofSide.find((r) => r.checksumValid) ?? ofSide[0];
    return best ? { value: best.value, words: best.words, checksumValid: best.checksumValid } : null;
  };
  const customer = pick(true);
  return { vendor: pick(false, customer?.value), customer };
}

/** The words an id was read from: those whose characters are part of it. */
function idWords(words: readonly OcrWord[], id: string): OcrWord[] {
  return words.filter((w) => {
    const part = normalizeVatId(w.text).replace(/^[^A-Z0-9]+|[^A-Z0-9]+$/g, '');
    return part.length >= 2 && /\d/.test(part) && id.includes(part);
  });
}
