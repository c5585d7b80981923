/**
 * Scoring of the extraction against the real invoices' labels (einvoice-dev, invoices-dev), written apart from
 * the extraction's own parsers. A field the extraction does not produce at all (no such key in its output, e.g.
 * `vendorVatId`) is `not_extracted`, counted as 0%, so the day it is produced shows up in the figures.
 */
import { distance } from 'fastest-levenshtein';
import type { ExtractedInvoice } from '@invoice/contracts';
import { typeCodeOf } from '@invoice/einvoice';
import { documentTypeOfCode } from './fields.score.js';
import type { EinvoiceTruth, InvoicesTruth, LabelLine } from './real-dataset.js';
import { normalizeCompact, normalizeDate, normalizeText, sameAmount } from './normalize.js';
import type { FieldScore } from './score.js';

export const EINVOICE_FIELDS = [
  'invoiceNumber',
  'issueDate',
  'dueDate',
  'currency',
  'vendorName',
  'vendorVatId',
  'customerName',
  'subtotal',
  'taxAmount',
  'total',
  'amountDue',
  'documentType',
  'lineItems',
] as const;
export const INVOICES_FIELDS = [
  'invoiceNumber',
  'issueDate',
  'dueDate',
  'currency',
  'vendorName',
  'customerName',
  'subtotal',
  'taxAmount',
  'total',
  'amountDue',
  'lineItems',
] as const;

/** A predicted line as the extraction gives it (any of its values may be missing). */
interface PredictedLine {
  description?: string | null;
  quantity?: number | null;
  unitPrice?: number | null;
  amount?: number | null;
}

type Outputs = Record<string, unknown>;

/** The extraction's value of a field; undefined when the extraction has no such field at all. */
const valueOf = (x: ExtractedInvoice | null, field: string): unknown => (x === null ? null : (x as unknown as Outputs)[field]);

const asString = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
const asNumber = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Amounts to the cent, on absolute values (credit notes print signs differently from their XML). */
export const sameAbsAmount = (a: number | null, b: number | null): boolean =>
  a !== null && b !== null && sameAmount(Math.abs(a), Math.abs(b));

/** ISO date of a predicted value (ISO or day-first printed form). */
const isoOf = (v: unknown): string | null => normalizeDate(asString(v));

/** The same date, or the same with day and month swapped. */
export function sameDateEitherOrder(expected: string, actual: string | null): boolean {
  if (actual === null) return false;
  if (expected === actual) return true;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(expected);
  return m !== null && `${m[1]}-${m[3]}-${m[2]}` === actual;
}

/** Names the extraction might give a document type, as UNTDID 1001 codes (the labels' form). */
const DOCUMENT_TYPE_CODES: Record<string, string> = {
  INVOICE: '380',
  COMMERCIAL_INVOICE: '380',
  CREDIT_NOTE: '381',
  CREDITNOTE: '381',
  CORRECTED_INVOICE: '384',
  CORRECTION: '384',
  SELF_BILLED_INVOICE: '389',
  SELF_BILLED: '389',
  PARTIAL_INVOICE: '326',
  PREPAYMENT_INVOICE: '386',
};
export function documentTypeCode(v: unknown): string | null {
  const text = asString(v)
    ?.trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  if (!text) return null;
  return /^\d{3}$/.test(text) ? text : (DOCUMENT_TYPE_CODES[text] ?? typeCodeOf(text.toLowerCase()));
}

/**
 * A document type compared at the product's grain: a labelled code the product's types cover (380, 384, 387, 389,
 * 575 … an invoice; 381 a credit note) against the type read; any other code as itself.
 */
export function sameDocumentType(expected: string, actual: unknown): boolean {
  const type = documentTypeOfCode(expected);
  return type !== null ? type === asString(actual) : expected === documentTypeCode(actual);
}

function score(field: string, expected: unknown, actual: unknown, equal: boolean): FieldScore {
  return { field, outcome: equal ? 'correct' : 'wrong', expected, actual: actual === undefined ? null : actual };
}

const notExtracted = (field: string, expected: unknown): FieldScore => ({ field, outcome: 'not_extracted', expected, actual: null });

/** Only the printed parts of each labelled line are compared; lines in order, as many as labelled. */
export function sameEinvoiceLines(expected: readonly LabelLine[], actual: readonly PredictedLine[]): boolean {
  if (expected.length !== actual.length) return false;
  return expected.every((e, i) => {
    const a = actual[i]!;
    return (
      (e.description === null || normalizeText(e.description) === normalizeText(a.description ?? null)) &&
      (e.quantity === null || sameAbsAmount(e.quantity, a.quantity ?? null)) &&
      (e.unitPrice === null || sameAbsAmount(e.unitPrice, a.unitPrice ?? null)) &&
      (e.amount === null || sameAbsAmount(e.amount, a.amount ?? null))
    );
  });
}

/**
 * einvoice-dev: compared with `labelsPrinted`; a field whose printed label is null (not on the page, or not in
 * the XML) is not scored. Text fields case-insensitive with whitespace collapsed (VAT ids without blanks),
 * dates ISO, amounts to the cent on absolute values, the document type as its code, line items exact.
 */
export function scoreEinvoice(truth: EinvoiceTruth, x: ExtractedInvoice | null): FieldScore[] {
  const out: FieldScore[] = [];
  for (const field of EINVOICE_FIELDS) {
    const expected = truth[field];
    if (expected === null) continue;
    const actual = valueOf(x, field);
    if (x !== null && actual === undefined) {
      out.push(notExtracted(field, expected));
      continue;
    }
    out.push(score(field, expected, actual, x !== null && einvoiceEqual(field, expected, actual)));
  }
  return out;
}

function einvoiceEqual(
  field: (typeof EINVOICE_FIELDS)[number],
  expected: NonNullable<EinvoiceTruth[keyof EinvoiceTruth]>,
  actual: unknown,
): boolean {
  switch (field) {
    case 'issueDate':
    case 'dueDate':
      return expected === isoOf(actual);
    case 'subtotal':
    case 'taxAmount':
    case 'total':
    case 'amountDue':
      return sameAbsAmount(expected as number, asNumber(actual));
    case 'vendorVatId':
      return (expected as string).replace(/\s+/g, '').toUpperCase() === asString(actual)?.replace(/\s+/g, '').toUpperCase();
    case 'documentType':
      return sameDocumentType(expected as string, actual);
    case 'lineItems':
      return Array.isArray(actual) && sameEinvoiceLines(expected as LabelLine[], actual as PredictedLine[]);
    default:
      return normalizeText(expected as string) === normalizeText(asString(actual));
  }
}

/** Similarity of two descriptions, 0..1 (1 - edit distance / longer length), on compact text. */
export function descriptionSimilarity(a: string | null | undefined, b: string | null | undefined): number {
  const x = normalizeCompact(a ?? null) ?? '';
  const y = normalizeCompact(b ?? null) ?? '';
  if (!x && !y) return 1;
  return 1 - distance(x, y) / Math.max(x.length, y.length);
}

/** Lines whose descriptions are at least this similar are the same line. */
export const LINE_MATCH_SIMILARITY = 0.8;

/**
 * invoices-dev line items: as many lines as labelled, each labelled line matched (greedily, the most similar
 * first) to a predicted line whose description is at least {@link LINE_MATCH_SIMILARITY} similar, and its
 * quantity, unit price and amount (where labelled) equal to the cent.
 */
export function sameInvoicesLines(expected: readonly LabelLine[], actual: readonly PredictedLine[]): boolean {
  if (expected.length !== actual.length) return false;
  const pairs = expected
    .flatMap((e, i) => actual.map((a, j) => ({ i, j, similarity: descriptionSimilarity(e.description, a.description) })))
    .filter((p) => p.similarity >= LINE_MATCH_SIMILARITY)
    .sort((p, q) => q.similarity - p.similarity);
  const matched = new Map<number, number>();
  const used = new Set<number>();
  for (const p of pairs) {
    if (matched.has(p.i) || used.has(p.j)) continue;
    matched.set(p.i, p.j);
    used.add(p.j);
  }
  return expected.every((e, i) => {
    const j = matched.get(i);
    if (j === undefined) return false;
    const a = actual[j]!;
    return (['quantity', 'unitPrice', 'amount'] as const).every((k) => e[k] === null || sameAmount(e[k], asNumber(a[k])));
  });
}

/**
 * invoices-dev (the README's suggestions): every field scored; a null label means "not printed", so no value is
 * right there (for currency, the inferred currency is accepted too). Names and the invoice number compact
 * (case, blanks and punctuation ignored), dates ISO (both day/month orders where the label's notes call the
 * order ambiguous), amounts to the cent, line items matched by description.
 */
export function scoreInvoices(truth: InvoicesTruth, x: ExtractedInvoice | null): FieldScore[] {
  return INVOICES_FIELDS.map((field) => {
    const expected = truth[field];
    const actual = valueOf(x, field);
    if (x !== null && actual === undefined) return notExtracted(field, expected);
    return score(field, expected, actual, x !== null && invoicesEqual(field, truth, actual));
  });
}

function invoicesEqual(field: (typeof INVOICES_FIELDS)[number], truth: InvoicesTruth, actual: unknown): boolean {
  const expected = truth[field];
  switch (field) {
    case 'lineItems': {
      const predicted = Array.isArray(actual) ? (actual as PredictedLine[]) : [];
      return expected === null || (expected as LabelLine[]).length === 0
        ? predicted.length === 0
        : sameInvoicesLines(expected as LabelLine[], predicted);
    }
    case 'currency': {
      const code = asString(actual)?.trim().toUpperCase() ?? null;
      return expected === null ? code === null || code === (truth.currencyInferred ?? null) : code === (expected as string).toUpperCase();
    }
    case 'issueDate':
    case 'dueDate':
      if (expected === null) return actual === null;
      return truth.ambiguousDayMonth ? sameDateEitherOrder(expected as string, isoOf(actual)) : expected === isoOf(actual);
    case 'subtotal':
    case 'taxAmount':
    case 'total':
    case 'amountDue':
      return expected === null ? asNumber(actual) === null : sameAmount(expected as number, asNumber(actual));
    default:
      return expected === null
        ? asString(actual) === null || normalizeCompact(asString(actual)) === null
        : normalizeCompact(expected as string) === normalizeCompact(asString(actual));
  }
}
