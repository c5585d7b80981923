import { buildCandidates } from '../candidates/candidate.builder.js';
import { SCORED_FIELDS, type PriorValues, type ScoredField } from '../candidates/candidate.types.js';
import { applyIsotonic } from '../confidence/isotonic.calibration.js';
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
 * decoding, and each chosen value's calibrated confidence. `prior` holds another reader's values (agreement is
 * a feature the model was trained with).
 */
export function scoreDocument(doc: DocumentModel, prior: PriorValues = {}, model: ScorerModel = SCORER_MODEL): Record<ScoredField, ScoredValue> {
  const chosen = decodeJointly(fieldOptions(doc, prior, model));
  const out = {} as Record<ScoredField, ScoredValue>;
  for (const field of SCORED_FIELDS) {
    const option = chosen[field];
    out[field] = { ...option, confidence: Math.round(applyIsotonic(model.fields[field].calibration, option.probability) * 1000) / 1000 };
  }
  return out;
}
