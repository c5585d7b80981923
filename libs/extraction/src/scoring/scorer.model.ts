import type { ScorerModel } from './scorer.types.js';

const empty = { model: { mean: [], scale: [], weights: [], }, calibration: { x: [], y: [] }, threshold: 1 };
/** Written by `npm run train:extraction` (tools/train/train-extraction.ts). */
export const SCORER_MODEL: ScorerModel = {
  version: 0,
  featureCount: { invoiceNumber: 0, issueDate: 0, dueDate: 0, total: 0, subtotal: 0, taxAmount: 0, currency: 0, vendorName: 0, customerName: 0 },
  fields: { invoiceNumber: empty, issueDate: empty, dueDate: empty, total: empty, subtotal: empty, taxAmount: empty, currency: empty, vendorName: empty, customerName: empty },
};
