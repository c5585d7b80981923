/**
 * The header fields and document titles the lexicon has labels for, and `otherKey`: the keys of what the extraction
 * does not read (terms, contacts, the parties' references), so that "Incoterms" or "Your reference" is read as a
 * key, never as a party's name or as the invoice number's label.
 */
export const LEXICON_FIELDS = [
  'invoiceNumber',
  'issueDate',
  'dueDate',
  'deliveryDate',
  'servicePeriod',
  'vendor',
  'customer',
  'shipTo',
  'vatId',
  'iban',
  'orderNumber',
  'subtotal',
  'tax',
  'total',
  'prepaid',
  'amountDue',
  'currency',
  'otherKey',
  'invoiceTitle',
  'creditNoteTitle',
  'receiptTitle',
] as const;
export type LexiconField = (typeof LEXICON_FIELDS)[number];

export const LEXICON_LANGUAGES = ['en', 'fr', 'de', 'nl', 'es', 'it'] as const;
export type LexiconLanguage = (typeof LEXICON_LANGUAGES)[number];

/** One language's labels: for each field, the printed forms (any case, with or without accents). */
export type LexiconData = Record<LexiconField, readonly string[]>;
