import type { OcrWord } from '@invoice/contracts';
import type { DocLine } from '../document/document.model.js';
import type { LexiconField } from '../lexicon/lexicon.types.js';

/** The header fields the learned scorer reads. */
export const SCORED_FIELDS = [
  'invoiceNumber',
  'issueDate',
  'dueDate',
  'total',
  'subtotal',
  'taxAmount',
  'currency',
  'vendorName',
  'customerName',
] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

export type ValueKind = 'identifier' | 'date' | 'amount' | 'currency' | 'name';

export const FIELD_KIND: Record<ScoredField, ValueKind> = {
  invoiceNumber: 'identifier',
  issueDate: 'date',
  dueDate: 'date',
  total: 'amount',
  subtotal: 'amount',
  taxAmount: 'amount',
  currency: 'currency',
  vendorName: 'name',
  customerName: 'name',
};

/** Each field's own label in the lexicon. */
export const OWN_LABEL: Record<ScoredField, LexiconField> = {
  invoiceNumber: 'invoiceNumber',
  issueDate: 'issueDate',
  dueDate: 'dueDate',
  total: 'total',
  subtotal: 'subtotal',
  taxAmount: 'tax',
  currency: 'currency',
  vendorName: 'vendor',
  customerName: 'customer',
};

/** The labels whose nearness describes a candidate of each kind (its own field's labels and the competing ones). */
export const KIND_LABELS: Record<ValueKind, readonly LexiconField[]> = {
  identifier: ['invoiceNumber', 'invoiceTitle', 'creditNoteTitle', 'orderNumber', 'customer', 'vatId', 'issueDate'],
  date: ['issueDate', 'dueDate', 'deliveryDate', 'servicePeriod', 'orderNumber', 'invoiceNumber', 'invoiceTitle'],
  // Identifier labels too: a number after "Nr.", "Order" or a VAT id label is no amount.
  amount: ['total', 'amountDue', 'prepaid', 'subtotal', 'tax', 'invoiceNumber', 'orderNumber', 'vatId', 'iban'],
  currency: ['currency', 'total', 'amountDue'],
  name: ['vendor', 'customer', 'shipTo', 'vatId', 'iban', 'invoiceTitle'],
};

/** A label found on the page, with its line and the box of its words. */
export interface PlacedLabel {
  field: LexiconField;
  strength: number;
  /** The lexicon entry is a phrase of several words ("bill to", "facturé à"), not one noun ("Lieferant"). */
  phrase: boolean;
  line: DocLine;
  /** Word range [start, end) within the line. */
  start: number;
  end: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One possible value of a field, with where it was read and its features. */
export interface Candidate {
  field: ScoredField;
  /** null: the candidate that stands for "not printed". */
  value: string | number | null;
  line: DocLine | null;
  start: number;
  end: number;
  words: OcrWord[];
  features: number[];
}

/** Values of the fields as another reader gives them (the rule-based extractor): agreement is a feature. */
export type PriorValues = Partial<Record<ScoredField, string | number | null>>;
