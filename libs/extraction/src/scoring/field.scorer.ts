import { buildCandidates } from '../candidates/candidate.builder.js';
import { SCORED_FIELDS, type PriorValues, type ScoredField } from '../candidates/candidate.types.js';
import { confidenceSignals } from '../confidence/confidence.signals.js';
import { applyLogistic } from '../confidence/logistic.calibration.js';
import type { DocumentModel } from '../document/document.model.js';
import { decodeJointly } from './joint.decoder.js';
import { SCORER_MODEL } from './scorer.model.js';
import type { ScoredValue, ScorerModel } from './scorer.types.js';
import { valueOptions, type FieldOptions } from './value.options.js';

/** Every scored field's value options in a document (before joint decoding). */
export function fieldOptions(doc: DocumentModel, prior: PriorValues = {}, model: ScorerModel = SCORER_MODEL): FieldOptions {
  const candidates = buildCandidates(doc, prior);
  const out = {} as FieldOptions;
  for (const field of SCORED_FIELDS) out[field] = valueOptions(model.fields[field].model, candidates[field]);
  return out;
}

/**
 * The header fields of a document as the learned scorer reads them: candidates, their probabilities, joint
 * decoding, and each chosen value's calibrated confidence (its probability of being right, from the signals of
 * {@link confidenceSignals}). `prior` holds another reader's values (agreement is a feature and a signal).
 */
export function scoreDocument(
  doc: DocumentModel,
  prior: PriorValues = {},
  model: ScorerModel = SCORER_MODEL,
): Record<ScoredField, ScoredValue> {
  const options = fieldOptions(doc, prior, model);
  const chosen = decodeJointly(options);
  const out = {} as Record<ScoredField, ScoredValue>;
  for (const field of SCORED_FIELDS) {
    const confidence = applyLogistic(model.fields[field].calibration, confidenceSignals(field, options, chosen, prior));
    out[field] = { ...chosen[field], confidence: Math.round(confidence * 1000) / 1000 };
  }
  return out;
}
