import type { OcrWord } from '@invoice/contracts';
import type { ScoredField } from '../candidates/candidate.types.js';
import type { IsotonicMap } from '../confidence/isotonic.calibration.js';
import type { ChoiceModel } from './choice.model.js';

/** The committed scorer: per field a choice model, the calibration of its chosen value's probability, and a review threshold. */
export interface ScorerModel {
  version: number;
  featureCount: Record<ScoredField, number>;
  fields: Record<ScoredField, { model: ChoiceModel; calibration: IsotonicMap; threshold: number }>;
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
