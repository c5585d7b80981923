import { buildCandidates } from '../candidates/candidate.builder.js';
import { SCORED_FIELDS, type PriorValues, type ScoredField } from '../candidates/candidate.types.js';
import { confidenceSignals } from '../confidence/confidence.signals.js';
import { applyLogistic } from '../confidence/logistic.calibration.js';
import { dateOrder, parseDate } from '../date.parser.js';
import type { DocumentModel } from '../document/document.model.js';
import { decodeJointly } from './joint.decoder.js';
import { SCORER_MODEL } from './scorer.model.js';
import type { ScoredValue, ScorerModel, ValueOption } from './scorer.types.js';
import { valueOptions, type FieldOptions } from './value.options.js';

/** Every scored field's value options in a document (before joint decoding); `order` as {@link buildCandidates}. */
export function fieldOptions(
  doc: DocumentModel,
  prior: PriorValues = {},
  model: ScorerModel = SCORER_MODEL,
  order: { monthFirst?: boolean } = {},
): FieldOptions {
  const candidates = buildCandidates(doc, prior, order);
  const out = {} as FieldOptions;
  for (const field of SCORED_FIELDS) out[field] = valueOptions(model.fields[field].model, candidates[field]);
  return out;
}

/**
 * Whether the month-first reading's most probable issue and due dates agree (due not before issue) where the same
 * printed dates read day-first do not ("7/9/18" and "09/07/18").
 */
function onlyMonthFirstAgrees(monthFirst: FieldOptions): boolean {
  const [issue, due] = [monthFirst.issueDate[0], monthFirst.dueDate[0]];
  if (!issue || !due || issue.value === null || due.value === null || String(due.value) < String(issue.value)) return false;
  const dayFirst = (o: ValueOption) => parseDate(o.words.map((w) => w.text).join(' '));
  const [i, d] = [dayFirst(issue), dayFirst(due)];
  return i !== null && d !== null && d < i;
}

/** None of the document's numeric dates settles their order ({@link dateOrder} null): each reads both ways. */
export const dateOrderOpen = (doc: DocumentModel): boolean => dateOrder(doc.lines.map((l) => l.text)) === null;

/**
 * The options to decode a document from: those of its numeric dates read day-first, or, when none of its dates
 * settles their order (`monthFirst` given: `dateOrder` null, "7/9/18", "09/07/18"), those of the month-first reading
 * if only it lets the issue and due dates agree: a document keeps one order.
 */
export function optionsInDateOrder(options: FieldOptions, monthFirst: (() => FieldOptions) | null): FieldOptions {
  if (!monthFirst || options.issueDate.length <= 2) return options;
  const reread = monthFirst();
  return onlyMonthFirstAgrees(reread) ? reread : options;
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
  const options = optionsInDateOrder(
    fieldOptions(doc, prior, model),
    dateOrderOpen(doc) ? () => fieldOptions(doc, prior, model, { monthFirst: true }) : null,
  );
  const chosen = decodeJointly(options);
  const out = {} as Record<ScoredField, ScoredValue>;
  for (const field of SCORED_FIELDS) {
    const confidence = applyLogistic(model.fields[field].calibration, confidenceSignals(field, options, chosen, prior));
    out[field] = { ...chosen[field], confidence: Math.round(confidence * 1000) / 1000 };
  }
  return out;
}
