import type { OcrWord } from '@invoice/contracts';
import { editDistance, labelKey } from './text.normalize.js';

export type LabelField = 'title' | 'issueDate' | 'dueDate' | 'billTo' | 'vendor' | 'email' | 'address' | 'subtotal' | 'tax' | 'total';
export type Language = 'en' | 'fr';

export interface LabelDefinition {
  field: LabelField;
  /** Compared as {@link labelKey}: lower case, no accents, letters and digits only. */
  key: string;
  /** Language the label reveals, null when it is shared ("TOTAL", "E-mail"). */
  language: Language | null;
}

export const LABELS: readonly LabelDefinition[] = [
  { field: 'title', key: 'invoice', language: 'en' },
  { field: 'title', key: 'invoiceno', language: 'en' },
  { field: 'title', key: 'invoicenumber', language: 'en' },
  { field: 'title', key: 'facture', language: 'fr' },
  { field: 'title', key: 'facturen', language: 'fr' },
  { field: 'title', key: 'facturenumero', language: 'fr' },
  { field: 'issueDate', key: 'issuedate', language: 'en' },
  { field: 'issueDate', key: 'invoicedate', language: 'en' },
  { field: 'issueDate', key: 'dateofissue', language: 'en' },
  { field: 'issueDate', key: 'datedemission', language: 'fr' },
  { field: 'issueDate', key: 'datedefacture', language: 'fr' },
  { field: 'issueDate', key: 'datefacture', language: 'fr' },
  { field: 'billTo', key: 'billto', language: 'en' },
  { field: 'billTo', key: 'billedto', language: 'en' },
  { field: 'billTo', key: 'facturea', language: 'fr' },
  { field: 'billTo', key: 'factureau', language: 'fr' },
  { field: 'email', key: 'email', language: null },
  { field: 'email', key: 'courriel', language: 'fr' },
  { field: 'email', key: 'adressecourriel', language: 'fr' },
  { field: 'address', key: 'address', language: 'en' },
  { field: 'address', key: 'adresse', language: 'fr' },
  { field: 'dueDate', key: 'duedate', language: 'en' },
  { field: 'dueDate', key: 'paymentdue', language: 'en' },
  { field: 'dueDate', key: 'dueby', language: 'en' },
  { field: 'dueDate', key: 'echeance', language: 'fr' },
  { field: 'dueDate', key: 'datedecheance', language: 'fr' },
  { field: 'dueDate', key: 'dateecheance', language: 'fr' },
  { field: 'vendor', key: 'from', language: 'en' },
  { field: 'vendor', key: 'seller', language: 'en' },
  { field: 'vendor', key: 'supplier', language: 'en' },
  { field: 'vendor', key: 'emetteur', language: 'fr' },
  { field: 'vendor', key: 'fournisseur', language: 'fr' },
  { field: 'vendor', key: 'vendeur', language: 'fr' },
  { field: 'subtotal', key: 'subtotal', language: 'en' },
  { field: 'subtotal', key: 'soustotal', language: 'fr' },
  { field: 'subtotal', key: 'totalht', language: 'fr' },
  { field: 'subtotal', key: 'montantht', language: 'fr' },
  { field: 'subtotal', key: 'totalexcltax', language: 'en' },
  { field: 'subtotal', key: 'totalbeforetax', language: 'en' },
  { field: 'tax', key: 'tax', language: 'en' },
  { field: 'tax', key: 'vat', language: 'en' },
  { field: 'tax', key: 'salestax', language: 'en' },
  { field: 'tax', key: 'tva', language: 'fr' },
  { field: 'tax', key: 'montanttva', language: 'fr' },
  { field: 'total', key: 'total', language: null },
  { field: 'total', key: 'amountdue', language: 'en' },
  { field: 'total', key: 'grandtotal', language: 'en' },
  { field: 'total', key: 'nettotal', language: 'en' },
  { field: 'total', key: 'netttotal', language: 'en' },
  { field: 'total', key: 'netapayer', language: 'fr' },
  { field: 'total', key: 'montantttc', language: 'fr' },
  { field: 'total', key: 'totalttc', language: 'fr' },
  { field: 'total', key: 'totaldue', language: 'en' },
  { field: 'total', key: 'montanttotal', language: 'fr' },
];

export interface LabelMatch {
  label: LabelDefinition;
  /** How many words the label spans. */
  wordCount: number;
  /** Edit distance of the match (0 = exact). */
  distance: number;
}

/** Labels of this length or more tolerate one OCR error (one edit). */
const FUZZY_MIN_LENGTH = 6;

/**
 * The label the word sequence starts with, if any: the first 1 to 4 words, joined as a {@link labelKey},
 * compared with every label key (exactly, or within one edit for keys of 6+ characters).
 * The longest matching label wins ("Invoice date" over "Invoice"), then the closest.
 */
export function matchLabel(words: readonly Pick<OcrWord, 'text'>[], labels: readonly LabelDefinition[] = LABELS): LabelMatch | null {
  let best: LabelMatch | null = null;
  let key = '';
  for (let count = 1; count <= Math.min(4, words.length); count++) {
    // A trailing colon or the like on a word is part of the label, not the value.
    key += labelKey((words[count - 1] as Pick<OcrWord, 'text'>).text);
    for (const label of labels) {
      if (Math.abs(label.key.length - key.length) > 1) continue;
      const max = label.key.length >= FUZZY_MIN_LENGTH ? 1 : 0;
      const distance = key === label.key ? 0 : editDistance(key, label.key, max);
      if (distance > max) continue;
      const better =
        !best || label.key.length > best.label.key.length || (label.key.length === best.label.key.length && distance < best.distance);
      if (better) best = { label, wordCount: count, distance };
    }
  }
  return best;
}
