import type { ExtractedInvoice, OcrPageResult } from '@invoice/contracts';
import { SCORED_FIELDS, type PriorValues, type ScoredField } from './candidates/candidate.types.js';
import { lineItemWordConfidences, withItemsConfidence } from './confidence/items.confidence.js';
import { buildDocument } from './document/document.model.js';
import { lineItemSignals } from './confidence/items.signals.js';
import { ITEMS_MODEL } from './confidence/items.model.js';
import { withReceiptConfidence, withSureReceiptItems } from './confidence/receipt.confidence.js';
import { receiptSignals, type ReceiptField } from './confidence/receipt.signals.js';
import { extractRuled } from './fields.extractor.js';
import { scoreDocument } from './scoring/field.scorer.js';
import { mergeScored, wordKey } from './scoring/scored.merge.js';
import { SCORER_MODEL } from './scoring/scorer.model.js';
import type { ScoredValue, ScorerModel } from './scoring/scorer.types.js';

/**
 * Turns the OCR output (or text layer) of a document, one result per page, into invoice fields with their
 * evidence. Two layers: the rule reader ({@link extractByRules}: line items, addresses, email, the QR code)
 * and, over it, the learned scorer for the header fields (invoice number, dates, amounts, currency, vendor
 * and customer names), whose values come with calibrated confidences; the line items' confidence is the
 * calibrated probability that all of them are right (items.confidence.ts). Learned vendor templates apply above
 * this (see vendor.template.ts).
 */
export function extractInvoice(readings: readonly OcrPageResult[], model: ScorerModel = SCORER_MODEL): ExtractedInvoice {
  return extractWithSignals(readings, model).invoice;
}

/** What {@link extractWithSignals} returns: the invoice, and the signals its confidences were computed from. */
export interface ExtractionWithSignals {
  invoice: ExtractedInvoice;
  itemSignals: number[];
  /** A receipt's fields' signals (empty for other documents). */
  receiptSignals: Partial<Record<ReceiptField, number[]>>;
}

/** {@link extractInvoice}, with the signals its line items' and a receipt's confidences were computed from (training, diagnostics). */
export function extractWithSignals(readings: readonly OcrPageResult[], model: ScorerModel = SCORER_MODEL): ExtractionWithSignals {
  const { invoice: ruled, itemsPrinted, pages, words, rows } = extractRuled(readings);
  let invoice = ruled;
  let scored: Partial<Record<ScoredField, ScoredValue>> = {};
  if (model.version !== 0) {
    const doc = buildDocument(pages);
    const prior: PriorValues = Object.fromEntries(SCORED_FIELDS.map((f) => [f, ruled[f]]));
    const indexes = new Map(words.map((w, i) => [wordKey(w), i] as const));
    const fields = scoreDocument(doc, prior, model);
    scored = fields;
    invoice = mergeScored(ruled, fields, indexes);
  }
  const itemSignals = lineItemSignals(invoice, lineItemWordConfidences(invoice, words), itemsPrinted);
  invoice = withItemsConfidence(invoice, itemSignals);
  const confirmations = pages.flatMap((p) => p.confirmations ?? []);
  const receiptSignalsRead = invoice.documentType === 'receipt' ? receiptSignals({ invoice, words, rows, scored, confirmations }) : {};
  invoice = withReceiptConfidence(invoice, receiptSignalsRead, confirmations.length > 0);
  invoice = withSureReceiptItems(invoice, ITEMS_MODEL.threshold);
  return { invoice, itemSignals, receiptSignals: receiptSignalsRead };
}
