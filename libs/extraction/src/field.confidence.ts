import type { ExtractedInvoice, FieldEvidenceMap, FieldSource, PageReading } from '@invoice/contracts';
import { ITEMS_MODEL } from './confidence/items.model.js';
import { RECEIPT_MODEL } from './confidence/receipt.model.js';
import { REQUIRED_FIELDS } from './invoice.checks.js';
import { SCORER_MODEL } from './scoring/scorer.model.js';

export interface ConfidenceInput {
  /** OCR confidences (0..100, as tesseract gives them) of the words the value was read from. */
  wordConfidences: readonly number[];
  source: FieldSource;
  /** A check confirmed the value (a sum holds, the QR agrees, dates in order). */
  passed: boolean;
  /** A check the value takes part in failed. */
  failed: boolean;
}

/** Confidence of a value read with no word behind it (inferred from context). */
const NO_WORDS = 0.5;

/**
 * A field's confidence in [0, 1]: from its words, the weakest word weighing as much as the mean
 * (one misread word spoils a value); a value read by a person is 1, from the QR code 0.99, corrected by
 * arithmetic 0.95. A passed check removes three quarters of the remaining doubt; a failed one halves
 * the confidence.
 */
export function fieldConfidence(input: ConfidenceInput): number {
  let base: number;
  if (input.source === 'person') return 1;
  if (input.source === 'qr') base = 0.99;
  else if (input.source === 'arithmetic') base = 0.95;
  else if (input.wordConfidences.length === 0) base = NO_WORDS;
  else {
    const scaled = input.wordConfidences.map((c) => Math.min(Math.max(c / 100, 0), 1));
    const mean = scaled.reduce((a, b) => a + b, 0) / scaled.length;
    base = 0.5 * mean + 0.5 * Math.min(...scaled);
  }
  if (input.failed) base *= 0.5;
  else if (input.passed) base = 1 - (1 - base) * 0.25;
  return Math.round(Math.min(Math.max(base, 0), 1) * 1000) / 1000;
}

/**
 * The confidence under which a field sends a document to review: the scored header fields have their own
 * thresholds (chosen by `npm run train:extraction` per document kind), the line items theirs (`npm run
 * train:items`); every other field has `other`.
 */
export interface ReviewThresholds {
  fields: Partial<Record<string, number>>;
  other: number;
}

/**
 * A document's review thresholds: the scorer's per-field thresholds for its kind (a receipt's, or an invoice's for
 * every other type: those of a text layer, or the higher ones of an OCR reading, the default), the line items'
 * (`npm run train:items`), a receipt's own fields' (`npm run train:receipts`), `other` for the rest; one `override`
 * for every field when it is given (REVIEW_THRESHOLD).
 */
export function reviewThresholdsFor(
  documentType: string | null | undefined,
  other: number,
  options: { override?: number; reading?: PageReading } = {},
): ReviewThresholds {
  if (options.override !== undefined) return { fields: {}, other: options.override };
  const receipt = documentType === 'receipt';
  const fields = {
    ...SCORER_MODEL.thresholds[receipt ? 'receipt' : options.reading === 'text' ? 'invoice' : 'invoiceOcr'],
    ...(ITEMS_MODEL.version > 0 ? { lineItems: ITEMS_MODEL.threshold } : {}),
    ...(receipt && RECEIPT_MODEL.version > 0 ? RECEIPT_MODEL.thresholds : {}),
  };
  return { fields, other };
}

const thresholdOf = (t: number | ReviewThresholds, field: string): number => (typeof t === 'number' ? t : (t.fields[field] ?? t.other));

/**
 * The reasons an invoice goes to review: its issues (failed checks, missing required fields; `corrected:*`
 * notes are not reasons: the correction made every sum hold), then `low_confidence:<field>` for every
 * extracted field whose confidence is under its threshold (required or not: a field the product shows
 * is a field someone may trust; a field a vendor template gave or confirmed is held to `other`). Empty: the
 * invoice is `done`.
 */
export function reviewReasons(
  extracted: Pick<ExtractedInvoice, 'issues' | 'fieldEvidence'> & Partial<Pick<ExtractedInvoice, 'lineItemsEvidence'>>,
  thresholds: number | ReviewThresholds,
): string[] {
  const reasons = extracted.issues.filter((i) => !i.startsWith('corrected:'));
  const general = typeof thresholds === 'number' ? thresholds : thresholds.other;
  for (const [field, evidence] of Object.entries(extracted.fieldEvidence as FieldEvidenceMap)) {
    // The per-field thresholds are chosen on the scorer's calibrated confidences; a value a vendor template gave or
    // confirmed has a confidence of another making, held to the general threshold.
    const threshold = evidence?.source === 'template' ? general : thresholdOf(thresholds, field);
    if (evidence && evidence.confidence < threshold) reasons.push(`low_confidence:${field}`);
  }
  if (extracted.lineItemsEvidence && extracted.lineItemsEvidence.confidence < thresholdOf(thresholds, 'lineItems'))
    reasons.push('low_confidence:lineItems');
  return reasons;
}

export { REQUIRED_FIELDS };
