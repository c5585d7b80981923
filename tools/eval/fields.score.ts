import type { ExtractedInvoice } from '@invoice/contracts';

/** The fields of this evaluation: document type, VAT id of the issuer, amount due, and the tax lines against the tax total. */
export const DOCUMENT_FIELDS = ['documentType', 'vendorVatId', 'amountDue', 'taxLines'] as const;
export type DocumentField = (typeof DOCUMENT_FIELDS)[number];

/** What the labels give for those fields (null: not labelled or not printed). */
export interface DocumentFieldTruth {
  documentType: string | null;
  vendorVatId: string | null;
  amountDue: number | null;
  /** The tax total the tax lines must add up to. */
  taxAmount: number | null;
}

export type Outcome = 'right' | 'wrong' | 'missed' | 'extra' | 'none';

/**
 * UN/CEFACT document type codes (UNTDID 1001) of e-invoices as the product's types: 381 a credit note,
 * the invoice codes (380 commercial, 384 corrected, 389 self-billed, 326 partial, 387 hire, 575 insurer's)
 * an invoice; other codes (751 accounting information, 204 payment valuation) are no invoice and unscored.
 */
export function documentTypeOfCode(code: string | null): string | null {
  if (code === '381') return 'credit_note';
  return code && ['380', '384', '389', '326', '387', '575'].includes(code) ? 'invoice' : null;
}

const compact = (text: string): string => text.replace(/[\s.\-]+/g, '').toUpperCase();

/**
 * One field's outcome: right, wrong (another value), missed (labelled, none read), extra (none labelled, one
 * read), none (neither). The tax lines are right when their amounts add up to the labelled tax total.
 */
export function fieldOutcome(field: DocumentField, truth: DocumentFieldTruth, x: ExtractedInvoice): Outcome {
  const read = field === 'taxLines' ? (x.taxLines.length ? x.taxLines : null) : x[field];
  const label = field === 'taxLines' ? truth.taxAmount : truth[field];
  if (label === null) return read === null ? 'none' : field === 'taxLines' || field === 'documentType' ? 'none' : 'extra';
  if (read === null) return 'missed';
  if (field === 'taxLines') {
    const sum = x.taxLines.reduce((s, l) => s + (l.amount ?? Number.NaN), 0);
    return Math.abs(Math.abs(sum) - Math.abs(label as number)) < 0.015 ? 'right' : 'wrong';
  }
  if (field === 'amountDue') return Math.abs((read as number) - (label as number)) < 0.005 ? 'right' : 'wrong';
  if (field === 'vendorVatId') return compact(read as string) === compact(label as string) ? 'right' : 'wrong';
  return read === label ? 'right' : 'wrong';
}

export type FieldTally = Record<Outcome, number>;

/** Outcomes counted per field. */
export function tally(outcomes: readonly Record<DocumentField, Outcome>[]): Record<DocumentField, FieldTally> {
  const empty = (): FieldTally => ({ right: 0, wrong: 0, missed: 0, extra: 0, none: 0 });
  const out = Object.fromEntries(DOCUMENT_FIELDS.map((f) => [f, empty()])) as Record<DocumentField, FieldTally>;
  for (const o of outcomes) for (const f of DOCUMENT_FIELDS) out[f][o[f]]++;
  return out;
}
