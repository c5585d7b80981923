import type { OcrWord } from '@invoice/contracts';
import type { ScoredField } from '../candidates/candidate.types.js';
import type { LogisticCalibration } from '../confidence/logistic.calibration.js';
import type { ChoiceModel } from './choice.model.js';

/**
 * The committed scorer: per field a choice model, the calibration that turns the signals of a chosen value into its
 * probability of being right; per document kind, the review thresholds.
 */
export interface ScorerModel {
  version: number;
  featureCount: Record<ScoredField, number>;
  fields: Record<ScoredField, { model: ChoiceModel; calibration: LogisticCalibration }>;
  /**
   * Per document kind, each field's review threshold: a value under it sends the document to review. An invoice
   * read from a PDF's text layer has `invoice`'s, one read by OCR `invoiceOcr`'s (never lower).
   */
  thresholds: Record<'invoice' | 'invoiceOcr' | 'receipt', Record<ScoredField, number>>;
}

/** One value a field may take, with its probability (all candidates of that value together). */
export interface ValueOption {
  value: string | number | null;
  probability: number;
  words: OcrWord[];
}

/** The chosen value of a field, its model probability and its calibrated confidence (probability of being right). */
export interface ScoredValue extends ValueOption {
  confidence: number;
}

/** The header fields as labelled in the training data. */
export type HeaderTruth = Record<ScoredField, string | number | null>;
