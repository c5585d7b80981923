import type { ExtractedInvoice, FieldEvidenceMap, InvoiceFieldName, OcrWord } from '@invoice/contracts';
import { SCORED_FIELDS, type ScoredField } from '../candidates/candidate.types.js';
import { runChecks } from '../invoice.checks.js';
import type { ScoredValue } from './scorer.types.js';

/** Under this calibrated confidence a scored value is more likely wrong than right: the rule reader's reading stays. */
export const MIN_SCORED_CONFIDENCE = 0.5;

/** Identifies a word across copies of it (the document model copies words of later pages). */
export const wordKey = (w: OcrWord): string => `${w.page}:${w.bbox.x0}:${w.bbox.y0}:${w.text}`;

/**
 * The rule reader's invoice with the scorer's header fields in place: each scored field takes the scorer's
 * value, its calibrated confidence and its words; a value the QR code gave, or arithmetic corrected, stays, and
 * so does the rule reader's reading where the scorer's value is more likely wrong than right (a field left empty
 * is one a learned vendor template or a person fills). The checks are run again
 * on the new values (their issues replace the rule values' ones).
 */
export function mergeScored(ruled: ExtractedInvoice, scored: Record<ScoredField, ScoredValue>, wordIndexes: ReadonlyMap<string, number>): ExtractedInvoice {
  const out: ExtractedInvoice = { ...ruled };
  const evidence: FieldEvidenceMap = { ...ruled.fieldEvidence };
  for (const field of SCORED_FIELDS) {
    const source = ruled.fieldEvidence[field as InvoiceFieldName]?.source;
    if (source === 'qr' || source === 'arithmetic') continue;
    const s = scored[field];
    if (s.value !== null && s.confidence < MIN_SCORED_CONFIDENCE) continue;
    (out as unknown as Record<string, unknown>)[field] = s.value === null ? null : field === 'total' || field === 'subtotal' || field === 'taxAmount' ? Number(s.value) : String(s.value);
    if (s.value === null) delete evidence[field as InvoiceFieldName];
    else evidence[field as InvoiceFieldName] = { confidence: s.confidence, wordIndexes: s.words.map((w) => wordIndexes.get(wordKey(w))).filter((i): i is number => i !== undefined), source: 'ocr' };
  }
  if (out.taxAmount === null) out.taxRate = ruled.taxAmount === null ? ruled.taxRate : null;
  const before = new Set(runChecks(ruled).issues);
  out.issues = [...ruled.issues.filter((i) => !before.has(i)), ...runChecks(out).issues];
  out.fieldEvidence = evidence;
  return out;
}
