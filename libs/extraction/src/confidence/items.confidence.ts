import type { ExtractedInvoice, OcrWord } from '@invoice/contracts';
import { applyLogistic } from './logistic.calibration.js';
import { ITEMS_MODEL } from './items.model.js';

/** The confidences of the words the line items were read from (their evidence's word indexes). */
export function lineItemWordConfidences(invoice: Pick<ExtractedInvoice, 'lineItemsEvidence'>, words: readonly OcrWord[]): number[] {
  return (invoice.lineItemsEvidence?.wordIndexes ?? []).flatMap((i) => (words[i] ? [words[i].confidence] : []));
}

/**
 * The line items' confidence as the calibrated probability that they are read right: as many lines as printed,
 * each with its quantity, unit price and amount (the numbers the sums vouch for; a description is the text of
 * its cell), from {@link lineItemSignals} and the model `npm run train:items` fits on real invoices (items.model.ts).
 */
export function withItemsConfidence(invoice: ExtractedInvoice, signals: readonly number[]): ExtractedInvoice {
  const evidence = invoice.lineItemsEvidence;
  if (!evidence || invoice.lineItems.length === 0 || ITEMS_MODEL.version === 0) return invoice;
  const probability = applyLogistic(ITEMS_MODEL.calibration, signals);
  return { ...invoice, lineItemsEvidence: { ...evidence, confidence: Math.round(probability * 1e4) / 1e4 } };
}
