import type { ExtractedInvoice, FieldEvidenceMap, InvoiceFieldName, OcrWord } from '@invoice/contracts';
import { SCORED_FIELDS, type ScoredField } from '../candidates/candidate.types.js';
import { taxLinesAddUp } from '../fields/fields.reader.js';
import { isToldReceipt, requiredFieldsFor } from '../fields/required.fields.js';
import { runChecks } from '../invoice.checks.js';
import { repairCompanyName } from '../receipt.fields.js';
import type { ScoredValue } from './scorer.types.js';

/**
 * On a till receipt the receipt rules' reading stays unless the scorer is at least this sure: the scorer learned
 * from receipts' line transcripts, not from tesseract's readings of them, and on those it takes stray integers for
 * totals (chosen on sroie-train's tesseract readings with the scorer's calibrated confidences: 0.8, 0.9, 0.95, 0.98,
 * never gave totals 74.2, 77.1, 78.3, 78.3, 78.3% and every field right 25.8, 27.1, 27.9, 27.9, 27.9%, done 1.3% up to
 * 0.95; docs/evaluation/2026-12-06-confidence-thresholds.md).
 */
export const RECEIPT_RULES_CONFIDENCE = 0.95;

const RECEIPT_NEEDS: ReadonlySet<string> = new Set(requiredFieldsFor('receipt'));

/** Identifies a word across copies of it (the document model copies words of later pages). */
export const wordKey = (w: OcrWord): string => `${w.page}:${w.bbox.x0}:${w.bbox.y0}:${w.text}`;

/**
 * An untitled document with an invoice number addressed to a customer is an invoice (the title reader found no
 * title, and the rule reader no customer). The type is inferred, not read: it has no evidence of its own, and it
 * asks for every field an invoice needs, so it sends nothing to review that an invoice would not.
 */
function typeUntitled(out: ExtractedInvoice): void {
  if (out.documentType === null && out.invoiceNumber !== null && out.customerName !== null) out.documentType = 'invoice';
}

const NAME_FIELDS: ReadonlySet<ScoredField> = new Set(['vendorName', 'customerName']);

/** Values the OCR reads as it reads words: names, and invoice numbers with letters ("uy1ae" read at 35% for "8928"). */
const readLikeWords = (field: ScoredField, value: string | number | null): boolean =>
  NAME_FIELDS.has(field) || (field === 'invoiceNumber' && /\p{L}/u.test(String(value)));

/**
 * How far the OCR's own reading lets a name (or an invoice number with letters) be trusted: a word read at under 50%
 * (a rule, a logo or a stain read as letters: "ee ct SA"; "uy1ae", "27AAEPH8682F" for invoice numbers) caps the
 * value's confidence at that word's; otherwise no cap. The scorer's calibration is fitted on text layers and
 * transcripts, whose words are all sure, so it cannot weigh this itself. Not for amounts, dates or numbers of digits
 * only: their shapes are ones garbage rarely takes, and tesseract often reads digits right at low confidence (on the
 * scans of einvoice-dev and invoices-dev, every invoice number with a word under 50% held letters and was wrong; none
 * of the 65 all-digit ones had such a word).
 */
function ocrDoubt(words: readonly { confidence: number }[]): number {
  const least = Math.min(100, ...words.map((w) => w.confidence)) / 100;
  return least < 0.5 ? least : 1;
}

const CENT = 0.015;

/**
 * The tax is the sum of the tax lines ("7% 160,00 11,20 / 19% 336,00 63,84") when no tax amount read makes subtotal
 * + tax = total and the lines' sum does: many invoices print one line per rate and no total tax. The value comes from
 * arithmetic over three readings, so its confidence is the least of the subtotal's and the total's.
 */
export function taxFromLines(out: ExtractedInvoice, evidence: FieldEvidenceMap): void {
  const { subtotal, total, taxAmount, taxLines } = out;
  if (subtotal === null || total === null || !taxLinesAddUp(taxLines, total - subtotal)) return;
  if (taxAmount !== null && Math.abs(subtotal + taxAmount - total) < CENT) return;
  out.taxAmount = Math.round(taxLines.reduce((acc, l) => acc + (l.amount as number), 0) * 100) / 100;
  const confidence = Math.min(evidence.subtotal?.confidence ?? 0, evidence.total?.confidence ?? 0);
  evidence.taxAmount = { confidence, wordIndexes: evidence.taxLines?.wordIndexes ?? [], source: 'arithmetic' };
}

/**
 * The rule reader's invoice with the scorer's header fields in place: each scored field takes the scorer's
 * value, its calibrated confidence and its words, even when that confidence is low (the rule reader's value is
 * one of the scorer's features already, and on layouts it was not written for it is right less often than the
 * scorer's least likely choice); a value the QR code gave, or arithmetic corrected, stays. The checks are run
 * again on the new values (their issues replace the rule values' ones), and a scored value a check fails on has its
 * confidence halved. On a till receipt, where the receipt rules
 * read, their value stays unless the scorer is sure ({@link RECEIPT_RULES_CONFIDENCE}), and where they read
 * nothing, on a receipt its words tell ({@link isToldReceipt}), a field a receipt does not need (a customer, an
 * invoice number, a subtotal) stays empty unless the scorer is sure: the scorer learned those fields from invoices,
 * and on a till roll its unsure guesses are other lines.
 */
export function mergeScored(
  ruled: ExtractedInvoice,
  scored: Record<ScoredField, ScoredValue>,
  wordIndexes: ReadonlyMap<string, number>,
): ExtractedInvoice {
  const out: ExtractedInvoice = { ...ruled };
  const evidence: FieldEvidenceMap = { ...ruled.fieldEvidence };
  const told = isToldReceipt(ruled);
  for (const field of SCORED_FIELDS) {
    const source = ruled.fieldEvidence[field as InvoiceFieldName]?.source;
    if (source === 'qr' || source === 'arithmetic') continue;
    const s = scored[field];
    // On a till receipt the receipt rules, written for till rolls, keep their reading where the scorer is unsure,
    // and a field a receipt does not need is not filled with the scorer's guess ("CASH" or an address line for a customer).
    const unsure = ruled.documentType === 'receipt' && s.value !== null && s.confidence < RECEIPT_RULES_CONFIDENCE;
    if (unsure && (ruled[field] !== null || (!RECEIPT_NEEDS.has(field) && told))) continue;
    (out as unknown as Record<string, unknown>)[field] =
      s.value === null ? null : field === 'total' || field === 'subtotal' || field === 'taxAmount' ? Number(s.value) : String(s.value);
    if (s.value === null) delete evidence[field as InvoiceFieldName];
    else
      evidence[field as InvoiceFieldName] = {
        confidence: readLikeWords(field, s.value) ? Math.min(s.confidence, ocrDoubt(s.words)) : s.confidence,
        wordIndexes: s.words.map((w) => wordIndexes.get(wordKey(w))).filter((i): i is number => i !== undefined),
        source: 'ocr',
      };
  }
  taxFromLines(out, evidence);
  if (out.taxAmount === null) out.taxRate = ruled.taxAmount === null ? ruled.taxRate : null;
  // The receipt rules repair OCR slips in a company's legal form; a name the scorer chose gets the same repairs.
  if (out.documentType === 'receipt' && out.vendorName !== null && out.vendorName !== ruled.vendorName)
    out.vendorName = repairCompanyName(out.vendorName);
  typeUntitled(out);
  const before = new Set(runChecks(ruled).issues);
  const outcome = runChecks(out);
  out.issues = [...ruled.issues.filter((i) => !before.has(i)), ...outcome.issues];
  // A scored value a check fails on is doubtful whatever the scorer thought: its confidence is halved, as a rule value's is.
  for (const field of SCORED_FIELDS) {
    const e = evidence[field as InvoiceFieldName];
    if (e?.source === 'ocr' && scored[field].value !== null && outcome.failed.has(field as InvoiceFieldName))
      evidence[field as InvoiceFieldName] = { ...e, confidence: Math.round(e.confidence * 500) / 1000 };
  }
  out.fieldEvidence = evidence;
  return out;
}
