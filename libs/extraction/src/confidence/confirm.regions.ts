import type { BBox, OcrPageResult } from '@invoice/contracts';
import { extractInvoice } from '../invoice.extractor.js';
import { lineBoxes } from './second.agreement.js';
import { RECEIPT_FIELDS } from './receipt.signals.js';

/**
 * The lines a receipt's fields (shop name and address, date, total) are read from on this page, for the OCR
 * engine's second recognizer to read again (`confirm` of `OcrEngine.recognize`): whether the two engines agree is
 * one of the fields' confidence signals (second.agreement.ts). Other documents ask for nothing.
 */
export function confirmRegions(page: OcrPageResult): BBox[] {
  // Read without its rereads, so that the fields' word indexes are the page's own.
  const invoice = extractInvoice([{ ...page, rereads: undefined }]);
  if (invoice.documentType !== 'receipt') return [];
  const boxes = RECEIPT_FIELDS.flatMap((field) => {
    const indexes = invoice[field] === null ? [] : (invoice.fieldEvidence[field]?.wordIndexes ?? []);
    return lineBoxes(indexes.flatMap((i) => (page.words[i] ? [page.words[i]] : [])));
  });
  const key = (b: BBox) => `${b.x0},${b.y0},${b.x1},${b.y1}`;
  return [...new Map(boxes.map((b) => [key(b), b])).values()];
}
