/**
 * Scoring of one document's extraction against its labels, and the summary over a dataset.
 * A field is `correct`/`wrong` after normalization, `not_extracted` when the extraction has no such field
 * (SROIE company and address: counted as 0%, never as right), `label_unusable` when the label itself cannot be
 * read (reported, left out of that field's accuracy).
 */
import type { ExtractedInvoice, FieldEvidence, LineItem, PageReading } from '@invoice/contracts';
import { DEFAULT_REVIEW_THRESHOLD } from '@invoice/config';
import { reviewReasons, reviewThresholdsFor } from '@invoice/extraction';
import { orderFreeCer, sumCer, type CerResult } from './cer.js';
import type { DatasetDocument, DatasetFormat, GeneratedTruth, SroieLabel } from './dataset.js';
import { EINVOICE_FIELDS, INVOICES_FIELDS, scoreEinvoice, scoreInvoices } from './real-score.js';
import { normalizeAmount, normalizeCompact, normalizeDate, normalizeEmail, normalizeText, normalizeTime, sameAmount } from './normalize.js';

export type FieldOutcome = 'correct' | 'wrong' | 'not_extracted' | 'label_unusable';

export interface FieldScore {
  field: string;
  outcome: FieldOutcome;
  expected: unknown;
  actual: unknown;
  /** The extraction's confidence in its value (null when it has no value or no evidence). */
  confidence?: number | null;
}

export const GENERATED_FIELDS = [
  'invoiceNumber',
  'issueDate',
  'issueTime',
  'dueDate',
  'vendorName',
  'vendorAddress',
  'customerName',
  'customerEmail',
  'customerAddressLine1',
  'customerAddressLine2',
  'currency',
  'subtotal',
  'taxAmount',
  'taxRate',
  'total',
  'lineItems',
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

/** The extraction's confidence in a field (null when the field has no evidence). */
function confidenceOf(x: ExtractedInvoice | null, field: string): number | null {
  if (!x) return null;
  if (field === 'lineItems') return x.lineItemsEvidence?.confidence ?? null;
  const evidence = (x.fieldEvidence as Record<string, FieldEvidence | undefined> | undefined)?.[field];
  return evidence?.confidence ?? null;
}

const withConfidence = (x: ExtractedInvoice | null, score: FieldScore): FieldScore => ({
  ...score,
  confidence: confidenceOf(x, score.field),
});

/**
 * Generator ground truth vs extraction; `extracted` null when the OCR failed (every field wrong). Fields the
 * truth file does not have (written before the layouts) are not scored; a field the truth has as null
 * (not printed) is right when the extraction has none either.
 */
export function scoreGenerated(truth: GeneratedTruth, extracted: ExtractedInvoice | null): FieldScore[] {
  const x = extracted;
  const text = (field: 'invoiceNumber' | 'customerName' | 'customerAddressLine1' | 'customerAddressLine2') =>
    compare(field, truth[field], x?.[field] ?? null, x !== null && normalizeText(truth[field]) === normalizeText(x[field]));
  const scores: FieldScore[] = [
    text('invoiceNumber'),
    compare(
      'issueDate',
      truth.issueDate,
      x?.issueDate ?? null,
      x !== null && normalizeDate(truth.issueDate) !== null && normalizeDate(truth.issueDate) === normalizeDate(x.issueDate),
    ),
    compare(
      'issueTime',
      truth.issueTime,
      x?.issueTime ?? null,
      x !== null && normalizeTime(truth.issueTime) !== null && normalizeTime(truth.issueTime) === normalizeTime(x.issueTime),
    ),
    text('customerName'),
    // No email printed and none extracted is right.
    compare(
      'customerEmail',
      truth.customerEmail,
      x?.customerEmail ?? null,
      x !== null && normalizeEmail(truth.customerEmail) === normalizeEmail(x.customerEmail),
    ),
    text('customerAddressLine1'),
    text('customerAddressLine2'),
    compare('total', truth.total, x?.total ?? null, x !== null && sameAmount(truth.total, x.total)),
    compare('lineItems', truth.lineItems, x?.lineItems ?? null, x !== null && sameItems(truth.lineItems, x.lineItems)),
  ];
  if (truth.currency !== undefined)
    scores.push(compare('currency', truth.currency, x?.currency ?? null, x !== null && truth.currency === x.currency));
  if (truth.dueDate !== undefined) {
    scores.push(
      compare(
        'dueDate',
        truth.dueDate,
        x?.dueDate ?? null,
        x !== null && normalizeDate(truth.dueDate) === normalizeDate(x.dueDate ?? null),
      ),
    );
  }
  for (const field of ['vendorName', 'vendorAddress'] as const) {
    if (truth[field] !== undefined)
      scores.push(
        compare(
          field,
          truth[field],
          x?.[field] ?? null,
          x !== null && normalizeCompact(truth[field]) === normalizeCompact(x[field] ?? null),
        ),
      );
  }
  for (const field of ['subtotal', 'taxAmount', 'taxRate'] as const) {
    const expected = truth[field];
    if (expected === undefined) continue;
    const actual = x?.[field] ?? null;
    scores.push(compare(field, expected, actual, x !== null && (expected === null ? actual === null : sameAmount(expected, actual))));
  }
  return scores.map((score) => withConfidence(x, score));
}

/**
 * SROIE label vs extraction: company -> vendorName, address -> vendorAddress (compact text: letters, digits
 * and "&"), date -> issueDate, total -> total.
 */
export function scoreSroie(label: SroieLabel, extracted: ExtractedInvoice | null): FieldScore[] {
  const date = normalizeDate(label.date);
  const total = normalizeAmount(label.total);
  const compact = (field: 'company' | 'address', key: 'vendorName' | 'vendorAddress'): FieldScore => {
    const expected = normalizeCompact(label[field]);
    const actual = extracted?.[key] ?? null;
    if (expected === null) return { field, outcome: 'label_unusable', expected: label[field], actual };
    return withConfidence(extracted, {
      ...compare(field, label[field], actual, extracted !== null && expected === normalizeCompact(actual)),
      field: key === 'vendorName' ? 'company' : 'address',
    });
  };
  const scores: FieldScore[] = [
    compact('company', 'vendorName'),
    date === null
      ? { field: 'date', outcome: 'label_unusable', expected: label.date, actual: extracted?.issueDate ?? null }
      : compare('date', date, extracted?.issueDate ?? null, extracted !== null && date === normalizeDate(extracted.issueDate)),
    compact('address', 'vendorAddress'),
    total === null
      ? { field: 'total', outcome: 'label_unusable', expected: label.total, actual: extracted?.total ?? null }
      : compare('total', total, extracted?.total ?? null, extracted !== null && sameAmount(total, extracted.total)),
  ];
  const evidenceField: Record<string, string> = { company: 'vendorName', address: 'vendorAddress', date: 'issueDate', total: 'total' };
  return scores.map((s) => ({ ...s, confidence: confidenceOf(extracted, evidenceField[s.field] as string) }));
}

/** OCR-level check: does the label's text (upper-cased, whitespace collapsed) appear in the OCR text joined into one line? */
export function labelInText(label: string, ocrText: string): boolean | null {
  const needle = normalizeText(label);
  if (needle === null) return null;
  return (normalizeText(ocrText) ?? '').includes(needle);
}

export interface DocumentResult {
  id: string;
  /** Producer (einvoice) or issuer (invoices); absent for the generated and SROIE sets. */
  group?: string;
  /** Pages read (1 for an image). */
  pageCount?: number;
  fields: FieldScore[];
  /** The extraction's issues; null when OCR failed. */
  issues: string[] | null;
  /** Why the worker would send it to review at the evaluation's threshold (empty: done); null when OCR failed. */
  reasons: string[] | null;
  error: string | null;
  ocrMs: number | null;
  /** Regions of the page read a second time (item columns), and the time they took (part of ocrMs). */
  rereads?: number;
  rereadMs?: number;
  meanConfidence: number | null;
  cer: CerResult | null;
  /** The same with letter case ignored on both sides (SROIE transcripts are upper case). */
  cerCaseFree?: CerResult | null;
  /** SROIE only: company / address label text found verbatim in the OCR text. */
  labelInOcrText: { company: boolean | null; address: boolean | null } | null;
}

/** Everything for one document, given its OCR text and extraction (both null when OCR failed). */
export function scoreDocument(
  doc: DatasetDocument,
  ocr: {
    text: string;
    durationMs: number;
    meanConfidence: number;
    timings?: { rereadMs?: number };
    rereads?: readonly unknown[];
    pageCount?: number;
    /** From a text layer or by OCR (the review thresholds differ); OCR when not said. */
    reading?: PageReading;
  } | null,
  extracted: ExtractedInvoice | null,
  error: string | null = null,
  threshold: number | null = null,
): DocumentResult {
  const thresholds = extracted
    ? reviewThresholdsFor(extracted.documentType, DEFAULT_REVIEW_THRESHOLD, { override: threshold ?? undefined, reading: ocr?.reading })
    : null;
  const reasons =
    extracted && thresholds ? reviewReasons({ ...extracted, fieldEvidence: extracted.fieldEvidence ?? {} }, thresholds) : null;
  const base = {
    id: doc.id,
    issues: extracted?.issues ?? null,
    reasons,
    error,
    ocrMs: ocr?.durationMs ?? null,
    rereads: ocr?.rereads?.length ?? 0,
    rereadMs: ocr?.timings?.rereadMs ?? 0,
    meanConfidence: ocr?.meanConfidence ?? null,
  };
  if (doc.format === 'generated') return { ...base, fields: scoreGenerated(doc.truth, extracted), cer: null, labelInOcrText: null };
  if (doc.format === 'einvoice' || doc.format === 'invoices') {
    const fields = (doc.format === 'einvoice' ? scoreEinvoice(doc.truth, extracted) : scoreInvoices(doc.truth, extracted)).map((f) =>
      withConfidence(extracted, f),
    );
    return { ...base, group: doc.group, pageCount: ocr?.pageCount ?? 1, fields, cer: null, labelInOcrText: null };
  }
  return {
    ...base,
    fields: scoreSroie(doc.truth, extracted),
    cer: doc.transcript && ocr ? orderFreeCer(doc.transcript, ocr.text) : null,
    cerCaseFree:
      doc.transcript && ocr
        ? orderFreeCer(
            doc.transcript.map((t) => t.toUpperCase()),
            ocr.text.toUpperCase(),
          )
        : null,
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
  /** Pages read (one per image; a PDF's or TIFF's pages). */
  pages: number;
  pagesPerSecond: number;
  meanOcrMs: number;
  /** Item columns read a second time: documents with any, regions, and their share of the OCR time. */
  rereads: { documents: number; regions: number; shareOfOcrTime: number };
  fields: FieldSummary[];
  /** Documents with every compared field right (not-extracted fields and unusable labels left out). */
  allFieldsCorrect: Share;
  /** The REVIEW_THRESHOLD the review decision used. */
  /** REVIEW_THRESHOLD as an override; null: the product's per-field thresholds (0.91 for the other fields). */
  threshold: number | null;
  /** Review reasons (issues, or a field under the threshold): the worker would mark it needs_review. */
  review: Share;
  /** No reason: the worker would mark it done. */
  done: Share;
  /** Per confidence band, how many extracted fields (with evidence) were right. */
  calibration: CalibrationBand[];
  /** Done while at least one compared field is wrong: wrong data nobody is asked to check. */
  doneButWrong: Share & { documents: string[] };
  cer: (CerResult & { documents: number; cerLine: number; cerWindow: number }) | null;
  cerCaseFree?: (CerResult & { documents: number; cerLine: number; cerWindow: number }) | null;
  labelInOcrText: { company: Share; address: Share } | null;
  labelProblems: { id: string; field: string; label: unknown }[];
  issueCounts: Record<string, number>;
}

export interface CalibrationBand {
  band: string;
  from: number;
  to: number;
  count: number;
  right: number;
  share: number;
}

export const CONFIDENCE_BANDS: readonly [number, number][] = [
  [0, 0.5],
  [0.5, 0.7],
  [0.7, 0.8],
  [0.8, 0.9],
  [0.9, 0.95],
  [0.95, 1],
];

/** Fields with a confidence, by band ([from, to), the last one closed): how many, how many right. */
export function calibrate(results: readonly Pick<DocumentResult, 'fields'>[]): CalibrationBand[] {
  const scored = results
    .flatMap((r) => r.fields)
    .filter((f) => typeof f.confidence === 'number' && (f.outcome === 'correct' || f.outcome === 'wrong'));
  return CONFIDENCE_BANDS.map(([from, to], i) => {
    const last = i === CONFIDENCE_BANDS.length - 1;
    const inBand = scored.filter(
      (f) => (f.confidence as number) >= from && ((f.confidence as number) < to || (last && f.confidence === to)),
    );
    const right = inBand.filter((f) => f.outcome === 'correct').length;
    return {
      band: `${from.toFixed(2)}-${to.toFixed(2)}`,
      from,
      to,
      count: inBand.length,
      right,
      share: inBand.length ? right / inBand.length : 0,
    };
  });
}

/** The fields a format compares, in report order. */
export const fieldsOf = (format: DatasetFormat): readonly string[] =>
  ({ generated: GENERATED_FIELDS, sroie: SROIE_FIELDS, einvoice: EINVOICE_FIELDS, invoices: INVOICES_FIELDS })[format];

export function summarize(
  format: DatasetFormat,
  results: readonly DocumentResult[],
  wallSeconds: number,
  concurrency: number,
  threshold: number | null = null,
): Summary {
  const n = results.length;
  const names = fieldsOf(format);
  const fields = names.flatMap((field): FieldSummary[] => {
    const all = results.map((r) => r.fields.find((f) => f.field === field));
    if (all.every((s) => s === undefined)) return [];
    const scores = all.filter((s): s is FieldScore => s !== undefined);
    const usable = scores.filter((s) => s.outcome !== 'label_unusable');
    const notExtracted = usable.length > 0 && usable.every((s) => s.outcome === 'not_extracted');
    return [
      {
        field,
        status: notExtracted ? 'not extracted' : 'compared',
        ...share(usable.filter((s) => s.outcome === 'correct').length, usable.length),
        labelUnusable: scores.length - usable.length,
      },
    ];
  });
  const wrong = (r: DocumentResult) => r.fields.some((f) => f.outcome === 'wrong');
  const done = results.filter((r) => r.reasons !== null && r.reasons.length === 0);
  const doneButWrong = done.filter(wrong);
  const cers = results.flatMap((r) => (r.cer ? [r.cer] : []));
  const cerTotal = sumCer(cers);
  const cersFree = results.flatMap((r) => (r.cerCaseFree ? [r.cerCaseFree] : []));
  const cerFree = sumCer(cersFree);
  const found = (key: 'company' | 'address') => {
    const values = results.map((r) => r.labelInOcrText?.[key]).filter((v): v is boolean => typeof v === 'boolean');
    return share(values.filter(Boolean).length, values.length);
  };
  const issueCounts: Record<string, number> = {};
  // Documents per issue; numbered issues (`line_amount_mismatch:2`) counted under one name (`line_amount_mismatch:N`).
  for (const r of results) {
    for (const issue of new Set((r.reasons ?? r.issues ?? []).map((i) => i.replace(/:\d+$/, ':N'))))
      issueCounts[issue] = (issueCounts[issue] ?? 0) + 1;
  }
  const ocrMs = results.flatMap((r) => (r.ocrMs === null ? [] : [r.ocrMs]));
  return {
    format,
    documents: n,
    failed: results.filter((r) => r.error !== null).length,
    concurrency,
    wallSeconds,
    pages: results.reduce((a, r) => a + (r.pageCount ?? 1), 0),
    pagesPerSecond: wallSeconds > 0 ? results.reduce((a, r) => a + (r.pageCount ?? 1), 0) / wallSeconds : 0,
    meanOcrMs: ocrMs.length ? ocrMs.reduce((a, b) => a + b, 0) / ocrMs.length : 0,
    rereads: {
      documents: results.filter((r) => (r.rereads ?? 0) > 0).length,
      regions: results.reduce((a, r) => a + (r.rereads ?? 0), 0),
      shareOfOcrTime: ocrMs.length ? results.reduce((a, r) => a + (r.rereadMs ?? 0), 0) / ocrMs.reduce((a, b) => a + b, 0) : 0,
    },
    fields,
    allFieldsCorrect: share(results.filter((r) => !wrong(r) && r.fields.some((f) => f.outcome === 'correct')).length, n),
    threshold,
    review: share(results.filter((r) => r.reasons !== null && r.reasons.length > 0).length, n),
    done: share(done.length, n),
    calibration: calibrate(results),
    doneButWrong: { ...share(doneButWrong.length, n), documents: doneButWrong.map((r) => r.id) },
    cer: cers.length
      ? {
          ...cerTotal,
          documents: cers.length,
          cerLine: cerTotal.chars ? cerTotal.errorsLine / cerTotal.chars : 0,
          cerWindow: cerTotal.chars ? cerTotal.errorsWindow / cerTotal.chars : 0,
        }
      : null,
    cerCaseFree: cersFree.length
      ? {
          ...cerFree,
          documents: cersFree.length,
          cerLine: cerFree.chars ? cerFree.errorsLine / cerFree.chars : 0,
          cerWindow: cerFree.chars ? cerFree.errorsWindow / cerFree.chars : 0,
        }
      : null,
    labelInOcrText: format === 'sroie' ? { company: found('company'), address: found('address') } : null,
    labelProblems: results.flatMap((r) =>
      r.fields.filter((f) => f.outcome === 'label_unusable').map((f) => ({ id: r.id, field: f.field, label: f.expected })),
    ),
    issueCounts,
  };
}
