/**
 * Scoring of one document's extraction against its labels, and the summary over a dataset.
 * A field is `correct`/`wrong` after normalization, `not_extracted` when the extraction has no such field
 * (SROIE company and address: counted as 0%, never as right), `label_unusable` when the label itself cannot be
 * read (reported, left out of that field's accuracy).
 */
import type { ExtractedInvoice, LineItem } from '@invoice/contracts';
import { orderFreeCer, sumCer, type CerResult } from './cer.js';
import type { DatasetDocument, DatasetFormat, GeneratedTruth, SroieLabel } from './dataset.js';
import { normalizeAmount, normalizeDate, normalizeEmail, normalizeText, normalizeTime, sameAmount } from './normalize.js';

export type FieldOutcome = 'correct' | 'wrong' | 'not_extracted' | 'label_unusable';

export interface FieldScore {
  field: string;
  outcome: FieldOutcome;
  expected: unknown;
  actual: unknown;
}

export const GENERATED_FIELDS = [
  'invoiceNumber', 'issueDate', 'issueTime', 'customerName', 'customerEmail', 'customerAddressLine1', 'customerAddressLine2', 'total', 'lineItems',
] as const;
export const SROIE_FIELDS = ['company', 'date', 'address', 'total'] as const;

function compare(field: string, expected: unknown, actual: unknown, equal: boolean): FieldScore {
  return { field, outcome: equal ? 'correct' : 'wrong', expected, actual };
}

function sameItems(expected: readonly LineItem[], actual: readonly LineItem[]): boolean {
  return (
    expected.length === actual.length &&
    expected.every((e, i) => {
      const a = actual[i]!;
      return (
        normalizeText(e.description) === normalizeText(a.description) &&
        sameAmount(e.quantity, a.quantity) &&
        sameAmount(e.unitPrice, a.unitPrice) &&
        sameAmount(e.amount, a.amount)
      );
    })
  );
}

/** Generator ground truth vs extraction; `extracted` null when the OCR failed (every field wrong). */
export function scoreGenerated(truth: GeneratedTruth, extracted: ExtractedInvoice | null): FieldScore[] {
  const x = extracted;
  const text = (field: 'invoiceNumber' | 'customerName' | 'customerAddressLine1' | 'customerAddressLine2') =>
    compare(field, truth[field], x?.[field] ?? null, x !== null && normalizeText(truth[field]) === normalizeText(x[field]));
  return [
    text('invoiceNumber'),
    compare('issueDate', truth.issueDate, x?.issueDate ?? null, x !== null && normalizeDate(truth.issueDate) !== null && normalizeDate(truth.issueDate) === normalizeDate(x.issueDate)),
    compare('issueTime', truth.issueTime, x?.issueTime ?? null, x !== null && normalizeTime(truth.issueTime) !== null && normalizeTime(truth.issueTime) === normalizeTime(x.issueTime)),
    text('customerName'),
    // No email printed and none extracted is right.
    compare('customerEmail', truth.customerEmail, x?.customerEmail ?? null, x !== null && normalizeEmail(truth.customerEmail) === normalizeEmail(x.customerEmail)),
    text('customerAddressLine1'),
    text('customerAddressLine2'),
    compare('total', truth.total, x?.total ?? null, x !== null && sameAmount(truth.total, x.total)),
    compare('lineItems', truth.lineItems, x?.lineItems ?? null, x !== null && sameItems(truth.lineItems, x.lineItems)),
  ];
}

/** SROIE label vs extraction: date -> issueDate, total -> total; company and address are not extracted. */
export function scoreSroie(label: SroieLabel, extracted: ExtractedInvoice | null): FieldScore[] {
  const date = normalizeDate(label.date);
  const total = normalizeAmount(label.total);
  return [
    { field: 'company', outcome: normalizeText(label.company) === null ? 'label_unusable' : 'not_extracted', expected: label.company, actual: null },
    date === null
      ? { field: 'date', outcome: 'label_unusable', expected: label.date, actual: extracted?.issueDate ?? null }
      : compare('date', date, extracted?.issueDate ?? null, extracted !== null && date === normalizeDate(extracted.issueDate)),
    { field: 'address', outcome: normalizeText(label.address) === null ? 'label_unusable' : 'not_extracted', expected: label.address, actual: null },
    total === null
      ? { field: 'total', outcome: 'label_unusable', expected: label.total, actual: extracted?.total ?? null }
      : compare('total', total, extracted?.total ?? null, extracted !== null && sameAmount(total, extracted.total)),
  ];
}

/** OCR-level check: does the label's text (upper-cased, whitespace collapsed) appear in the OCR text joined into one line? */
export function labelInText(label: string, ocrText: string): boolean | null {
  const needle = normalizeText(label);
  if (needle === null) return null;
  return (normalizeText(ocrText) ?? '').includes(needle);
}

export interface DocumentResult {
  id: string;
  fields: FieldScore[];
  /** The extraction's issues; null when OCR failed. */
  issues: string[] | null;
  error: string | null;
  ocrMs: number | null;
  meanConfidence: number | null;
  cer: CerResult | null;
  /** SROIE only: company / address label text found verbatim in the OCR text. */
  labelInOcrText: { company: boolean | null; address: boolean | null } | null;
}

/** Everything for one document, given its OCR text and extraction (both null when OCR failed). */
export function scoreDocument(
  doc: DatasetDocument,
  ocr: { text: string; durationMs: number; meanConfidence: number } | null,
  extracted: ExtractedInvoice | null,
  error: string | null = null,
): DocumentResult {
  const base = { id: doc.id, issues: extracted?.issues ?? null, error, ocrMs: ocr?.durationMs ?? null, meanConfidence: ocr?.meanConfidence ?? null };
  if (doc.format === 'generated') return { ...base, fields: scoreGenerated(doc.truth, extracted), cer: null, labelInOcrText: null };
  return {
    ...base,
    fields: scoreSroie(doc.truth, extracted),
    cer: doc.transcript && ocr ? orderFreeCer(doc.transcript, ocr.text) : null,
    labelInOcrText: ocr ? { company: labelInText(doc.truth.company, ocr.text), address: labelInText(doc.truth.address, ocr.text) } : null,
  };
}

export interface Share {
  count: number;
  of: number;
  share: number;
}

const share = (count: number, of: number): Share => ({ count, of, share: of === 0 ? 0 : count / of });

export interface FieldSummary extends Share {
  field: string;
  /** 'compared', or 'not extracted' (counted as 0%). */
  status: 'compared' | 'not extracted';
  /** Documents whose label for this field is unusable (left out of `of`). */
  labelUnusable: number;
}

export interface Summary {
  format: DatasetFormat;
  documents: number;
  /** OCR or extraction threw. */
  failed: number;
  concurrency: number;
  wallSeconds: number;
  pagesPerSecond: number;
  meanOcrMs: number;
  fields: FieldSummary[];
  /** Documents with every compared field right (not-extracted fields and unusable labels left out). */
  allFieldsCorrect: Share;
  /** `issues` non-empty: the worker would mark it needs_review. */
  review: Share;
  /** `issues` empty: the worker would mark it done. */
  done: Share;
  /** Done while at least one compared field is wrong: wrong data nobody is asked to check. */
  doneButWrong: Share & { documents: string[] };
  cer: (CerResult & { documents: number; cerLine: number; cerWindow: number }) | null;
  labelInOcrText: { company: Share; address: Share } | null;
  labelProblems: { id: string; field: string; label: unknown }[];
  issueCounts: Record<string, number>;
}

export function summarize(format: DatasetFormat, results: readonly DocumentResult[], wallSeconds: number, concurrency: number): Summary {
  const n = results.length;
  const names = format === 'generated' ? GENERATED_FIELDS : SROIE_FIELDS;
  const fields = names.map((field): FieldSummary => {
    const scores = results.map((r) => r.fields.find((f) => f.field === field)!);
    const usable = scores.filter((s) => s.outcome !== 'label_unusable');
    const notExtracted = usable.length > 0 && usable.every((s) => s.outcome === 'not_extracted');
    return {
      field,
      status: notExtracted ? 'not extracted' : 'compared',
      ...share(usable.filter((s) => s.outcome === 'correct').length, usable.length),
      labelUnusable: scores.length - usable.length,
    };
  });
  const wrong = (r: DocumentResult) => r.fields.some((f) => f.outcome === 'wrong');
  const done = results.filter((r) => r.issues !== null && r.issues.length === 0);
  const doneButWrong = done.filter(wrong);
  const cers = results.flatMap((r) => (r.cer ? [r.cer] : []));
  const cerTotal = sumCer(cers);
  const found = (key: 'company' | 'address') => {
    const values = results.map((r) => r.labelInOcrText?.[key]).filter((v): v is boolean => typeof v === 'boolean');
    return share(values.filter(Boolean).length, values.length);
  };
  const issueCounts: Record<string, number> = {};
  // Documents per issue; numbered issues (`line_amount_mismatch:2`) counted under one name (`line_amount_mismatch:N`).
  for (const r of results) {
    for (const issue of new Set((r.issues ?? []).map((i) => i.replace(/:\d+$/, ':N')))) issueCounts[issue] = (issueCounts[issue] ?? 0) + 1;
  }
  const ocrMs = results.flatMap((r) => (r.ocrMs === null ? [] : [r.ocrMs]));
  return {
    format,
    documents: n,
    failed: results.filter((r) => r.error !== null).length,
    concurrency,
    wallSeconds,
    pagesPerSecond: wallSeconds > 0 ? n / wallSeconds : 0,
    meanOcrMs: ocrMs.length ? ocrMs.reduce((a, b) => a + b, 0) / ocrMs.length : 0,
    fields,
    allFieldsCorrect: share(results.filter((r) => !wrong(r) && r.fields.some((f) => f.outcome === 'correct')).length, n),
    review: share(results.filter((r) => r.issues !== null && r.issues.length > 0).length, n),
    done: share(done.length, n),
    doneButWrong: { ...share(doneButWrong.length, n), documents: doneButWrong.map((r) => r.id) },
    cer: cers.length
      ? { ...cerTotal, documents: cers.length, cerLine: cerTotal.chars ? cerTotal.errorsLine / cerTotal.chars : 0, cerWindow: cerTotal.chars ? cerTotal.errorsWindow / cerTotal.chars : 0 }
      : null,
    labelInOcrText: format === 'sroie' ? { company: found('company'), address: found('address') } : null,
    labelProblems: results.flatMap((r) => r.fields.filter((f) => f.outcome === 'label_unusable').map((f) => ({ id: r.id, field: f.field, label: f.expected }))),
    issueCounts,
  };
}
