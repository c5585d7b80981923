import type { ExtractedInvoice, OcrPageResult } from '@invoice/contracts';
import { SCORED_FIELDS, type PriorValues } from './candidates/candidate.types.js';
import { buildDocument } from './document/document.model.js';
import { extractByRules } from './fields.extractor.js';
import { mergeRereads } from './reread.merge.js';
import { scoreDocument } from './scoring/field.scorer.js';
import { mergeScored, wordKey } from './scoring/scored.merge.js';
import { SCORER_MODEL } from './scoring/scorer.model.js';
import type { ScorerModel } from './scoring/scorer.types.js';

/**
 * Turns the OCR output (or text layer) of a document, one result per page, into invoice fields with their
 * evidence. Two layers: the rule reader ({@link extractByRules}: line items, addresses, email, the QR code)
 * and, over it, the learned scorer for the header fields (invoice number, dates, amounts, currency, vendor
 * and customer names), whose values come with calibrated confidences. Learned vendor templates apply above
 * this (see vendor.template.ts).
 */
export function extractInvoice(readings: readonly OcrPageResult[], model: ScorerModel = SCORER_MODEL): ExtractedInvoice {
  const ruled = extractByRules(readings);
  if (model.version === 0) return ruled;
  const pages = readings.map(mergeRereads);
  const doc = buildDocument(pages);
  const prior: PriorValues = Object.fromEntries(SCORED_FIELDS.map((f) => [f, ruled[f]]));
  const words = pages.length > 1 ? pages.flatMap((page, index) => page.words.map((w) => ({ ...w, page: index }))) : (pages[0]?.words ?? []);
  const indexes = new Map(words.map((w, i) => [wordKey(w), i] as const));
  return mergeScored(ruled, scoreDocument(doc, prior, model), indexes);
}
