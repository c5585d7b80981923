/** The header fields and document titles the lexicon has labels for. */
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
  'invoiceTitle',
  'creditNoteTitle',
  'receiptTitle',
] as const;
export type LexiconField = (typeof LEXICON_FIELDS)[number];

export const LEXICON_LANGUAGES = ['en', 'fr', 'de', 'nl', 'es', 'it'] as const;
export type LexiconLanguage = (typeof LEXICON_LANGUAGES)[number];

/** One language's labels: for each field, the printed forms (any case, with or without accents). */
export type LexiconData = Record<LexiconField, readonly string[]>;
