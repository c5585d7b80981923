import type { ExtractedInvoice, OcrReread, OcrWord } from '@invoice/contracts';
import { sameValue } from '../candidates/candidate.builder.js';
import { parseDate } from '../date.parser.js';
import { runChecks } from '../invoice.checks.js';
import { COMPANY_WORD_RE, ROUNDING_STEP, receiptAmount, receiptPaid } from '../receipt.fields.js';
import type { Row } from '../rows.builder.js';
import { secondAgreement } from './second.agreement.js';

/** The fields a receipt is read for, each with a calibrated confidence of its own (receipt.model.ts). */
export const RECEIPT_FIELDS = ['vendorName', 'vendorAddress', 'issueDate', 'total'] as const;
export type ReceiptField = (typeof RECEIPT_FIELDS)[number];

/** How surely a field's words were read; and, for the fields the learned scorer reads, whether it chose the same value. */
const WORDS = ['meanWordConfidence', 'minWordConfidence'] as const;
const SCORER = ['scorerAgrees', 'scorerConfidence'] as const;
/** Whether the second recognizer, reading the field's lines again, read the same value (second.agreement.ts); always last. */
const SECOND = ['secondAgrees', 'secondDiffers'] as const;

/** A field's signals without the second reading's: what a document read with no confirmations is calibrated on. */
export const withoutSecondReading = (x: readonly number[]): number[] => x.slice(0, x.length - SECOND.length);

/** Each field's signals, in the order of its calibration's weights. */
export const RECEIPT_SIGNALS: Record<ReceiptField, readonly string[]> = {
  vendorName: [...WORDS, ...SCORER, 'companyWord', 'letterShare', 'rowIndex', 'wordCount', ...SECOND],
  vendorAddress: [...WORDS, 'postcode', 'wordCount', 'repaired', ...SECOND],
  issueDate: [...WORDS, ...SCORER, 'otherDates', 'fullYear', 'repeats', ...SECOND],
  total: [...WORDS, ...SCORER, 'paidAgrees', 'repeats', 'sumsAgree', ...SECOND],
};

/**
 * What the signals read: the receipt, the page's words and rows, the scorer's own choice per field (null where it
 * has none), and the lines the second recognizer read again (the pages' `confirmations`).
 */
export interface ReceiptSignalsInput {
  invoice: ExtractedInvoice;
  words: readonly OcrWord[];
  rows: readonly Row[];
  confirmations?: readonly OcrReread[];
  scored: Partial<Record<Exclude<ReceiptField, 'vendorAddress'>, { value: string | number | null; confidence: number }>>;
}

const POSTCODE_RE = /(?<![\d-])\d{4,6}(?![\d-])/;
const capped = (n: number, max: number): number => Math.min(Math.max(n, 0), max) / max;

function wordSignals(words: readonly OcrWord[]): number[] {
  const confidences = words.map((w) => Math.min(Math.max(w.confidence, 0), 100) / 100);
  return [
    confidences.length ? confidences.reduce((a, b) => a + b, 0) / confidences.length : 0.5,
    confidences.length ? Math.min(...confidences) : 0.5,
  ];
}

function scorerSignals(input: ReceiptSignalsInput, field: Exclude<ReceiptField, 'vendorAddress'>): number[] {
  const scored = input.scored[field];
  const agrees = scored && scored.value !== null ? (sameValue(scored.value, input.invoice[field]) ? 1 : -1) : 0;
  return [agrees, agrees === 1 ? (scored?.confidence ?? 0) : 0];
}

function nameSignals(input: ReceiptSignalsInput, name: string, words: readonly OcrWord[]): number[] {
  const chars = name.replace(/\s/g, '');
  const first = words[0];
  const row = first ? input.rows.findIndex((r) => r.words.includes(first)) : -1;
  return [
    COMPANY_WORD_RE.test(name) ? 1 : 0,
    chars.length ? (chars.match(/\p{L}/gu) ?? []).length / chars.length : 0,
    row < 0 ? 1 : capped(row, 6),
    capped(Math.log1p(name.split(/\s+/).length), 3),
  ];
}

function addressSignals(input: ReceiptSignalsInput, address: string): number[] {
  return [
    POSTCODE_RE.test(address) ? 1 : 0,
    capped(Math.log1p(address.split(/\s+/).length), 4),
    input.invoice.issues.includes('corrected:address:vendorAddress') ? 1 : 0,
  ];
}

function dateSignals(input: ReceiptSignalsInput, date: string, words: readonly OcrWord[]): number[] {
  const read = input.rows.map((r) => parseDate(r.text));
  const others = new Set(read.filter((d): d is string => d !== null && d !== date));
  const repeats = read.filter((d) => d === date).length - 1;
  return [capped(others.size, 3), words.some((w) => /(?<!\d)(19|20)\d\d(?!\d)/.test(w.text)) ? 1 : 0, capped(repeats, 2)];
}

function totalSignals(input: ReceiptSignalsInput, total: number): number[] {
  const paid = receiptPaid(input.rows);
  const repeats = input.words.filter((w) => {
    const amount = receiptAmount(w.text);
    return amount !== null && Math.abs(amount - total) < 0.005;
  }).length;
  const checked = runChecks(input.invoice);
  const sums = checked.failed.has('total') ? -1 : checked.passed.has('total') ? 1 : 0;
  return [paid === null ? 0 : Math.abs(paid - total) < ROUNDING_STEP ? 1 : -1, capped(repeats - 1, 3), sums];
}

/**
 * The signals of each receipt field that was read (RECEIPT_SIGNALS names them): the confidence of its words,
 * whether the scorer chose the same value; for the name, a company word, its share of letters, how far down the
 * page it is and its length; for the address, a postcode, its length and whether OCR slips were repaired; for the
 * date, how many other dates the page prints, whether the year is printed in full and whether the date is printed
 * again (two readings of it agreeing); for the total, whether the
 * amount tendered less the change agrees, how often the amount is printed, and whether its sums hold or fail (runChecks).
 */
export function receiptSignals(input: ReceiptSignalsInput): Partial<Record<ReceiptField, number[]>> {
  const out: Partial<Record<ReceiptField, number[]>> = {};
  for (const field of RECEIPT_FIELDS) {
    const value = input.invoice[field];
    if (value === null || value === undefined) continue;
    const indexes = input.invoice.fieldEvidence[field]?.wordIndexes ?? [];
    const words = indexes.flatMap((i) => (input.words[i] ? [input.words[i]] : []));
    const second = secondAgreement(field, value, words, input.confirmations ?? []);
    const own =
      field === 'vendorAddress'
        ? [...wordSignals(words), ...addressSignals(input, String(value))]
        : [
            ...wordSignals(words),
            ...scorerSignals(input, field),
            ...(field === 'vendorName'
              ? nameSignals(input, String(value), words)
              : field === 'issueDate'
                ? dateSignals(input, String(value), words)
                : totalSignals(input, Number(value))),
          ];
    out[field] = [...own, second === 1 ? 1 : 0, second === -1 ? 1 : 0];
  }
  return out;
}
