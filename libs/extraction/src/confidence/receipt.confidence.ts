import type { ExtractedInvoice } from '@invoice/contracts';
import { isToldReceipt } from '../fields/required.fields.js';
import { runChecks } from '../invoice.checks.js';
import { applyLogistic } from './logistic.calibration.js';
import { RECEIPT_MODEL } from './receipt.model.js';
import { RECEIPT_FIELDS, withoutSecondReading, type ReceiptField } from './receipt.signals.js';

/**
 * A receipt's fields (vendor name and address, date, total) with their confidence as the calibrated probability
 * that each is right, from {@link receiptSignals} and the model `npm run train:receipts` fits on OCR readings of
 * real receipts (receipt.model.ts). A receipt whose field lines the second recognizer read again (`confirmed`: its
 * pages carry confirmations) is calibrated with the two engines' agreement; one read without (the second
 * recognizer off, a reading stored without them) by the calibration fitted without those signals. Values from a
 * template, a person, the QR code or arithmetic keep theirs; other documents are returned as they are.
 */
export function withReceiptConfidence(
  invoice: ExtractedInvoice,
  signals: Partial<Record<ReceiptField, number[]>>,
  confirmed = true,
): ExtractedInvoice {
  if (invoice.documentType !== 'receipt' || RECEIPT_MODEL.version === 0) return invoice;
  const evidence = { ...invoice.fieldEvidence };
  for (const field of RECEIPT_FIELDS) {
    const e = evidence[field];
    const x = signals[field];
    const calibration = (confirmed ? RECEIPT_MODEL.calibration : RECEIPT_MODEL.calibrationAlone)[field];
    if (!e || e.source !== 'ocr' || !x || !calibration) continue;
    const p = applyLogistic(calibration, confirmed ? x : withoutSecondReading(x));
    evidence[field] = { ...e, confidence: Math.round(p * 1e4) / 1e4 };
  }
  return { ...invoice, fieldEvidence: evidence };
}

/** The reader's notes on line items: a line not read, a row whose numbers disagree, a quantity inferred. */
const ITEM_NOTE_RE = /^(unreadable:lineItem|table:mismatch:lineItem|inferred:quantity)/;

/**
 * A receipt keeps its line items only when their confidence reaches `threshold`: a receipt is read for its vendor,
 * date and total, and doubtful items (a till roll's columns are often misread) would hold it in review for values
 * it does not need. The checks are run again without them (the sum of the lines against the total goes), and the
 * reader's notes on the items go with them. Other documents (and documents read as receipts by their shape alone,
 * {@link isToldReceipt}), and receipts whose items are sure, are unchanged.
 */
export function withSureReceiptItems(invoice: ExtractedInvoice, threshold: number): ExtractedInvoice {
  const evidence = invoice.lineItemsEvidence;
  if (!isToldReceipt(invoice) || invoice.lineItems.length === 0 || !evidence || evidence.confidence >= threshold) return invoice;
  const without: ExtractedInvoice = { ...invoice, lineItems: [], lineItemsEvidence: null };
  const before = new Set(runChecks(invoice).issues);
  const issues = [...invoice.issues.filter((i) => !before.has(i) && !ITEM_NOTE_RE.test(i)), ...runChecks(without).issues];
  return { ...without, issues };
}
