import type { ExtractedInvoice, OcrPageResult } from '@invoice/contracts';
import { SCORED_FIELDS, type PriorValues } from './candidates/candidate.types.js';
import { lineItemWordConfidences, withItemsConfidence } from './confidence/items.confidence.js';
import { buildDocument, documentWords } from './document/document.model.js';
import { lineItemSignals } from './confidence/items.signals.js';
import { extractRuled } from './fields.extractor.js';
import { mergeRereads } from './reread.merge.js';
import { scoreDocument } from './scoring/field.scorer.js';
import { mergeScored, wordKey } from './scoring/scored.merge.js';
import { SCORER_MODEL } from './scoring/scorer.model.js';
import type { ScorerModel } from './scoring/scorer.types.js';

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

/** {@link extractInvoice}, with the signals its line items' confidence was computed from (training, diagnostics). */
export function extractWithSignals(
  readings: readonly OcrPageResult[],
  model: ScorerModel = SCORER_MODEL,
): { invoice: ExtractedInvoice; itemSignals: number[] } {
  const { invoice: ruled, itemsPrinted } = extractRuled(readings);
  const pages = readings.map(mergeRereads);
  const words = documentWords(pages);
  let invoice = ruled;
  if (model.version !== 0) {
    const doc = buildDocument(pages);
    const prior: PriorValues = Object.fromEntries(SCORED_FIELDS.map((f) => [f, ruled[f]]));
    const indexes = new Map(words.map((w, i) => [wordKey(w), i] as const));
    invoice = mergeScored(ruled, scoreDocument(doc, prior, model), indexes);
  }
  const itemSignals = lineItemSignals(invoice, lineItemWordConfidences(invoice, words), itemsPrinted);
  return { invoice: withItemsConfidence(invoice, itemSignals), itemSignals };
}
