import type { ExtractedInvoice, OcrPageResult } from '@invoice/contracts';
import { extractByRules } from './fields.extractor.js';

export function extractInvoice(readings: readonly OcrPageResult[]): ExtractedInvoice {
  return extractByRules(readings);
}
