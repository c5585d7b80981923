/**
 * Invoices as one organization receives them: in upload order, each read by the scorer of its held-out fold,
 * the learned vendor templates of the product on top. A document a person reviews teaches its layout's
 * template with its right values (as a correction does in the gateway); a `done` one teaches nothing.
 */
import type { OcrWord } from '@invoice/contracts';
import {
  agreedConfidence,
  applyTemplate,
  fieldConfidence,
  learnFromPage,
  matchTemplate,
  requiredFieldsFor,
  templateVerdict,
  TEMPLATE_FIELDS,
  type CorrectedFields,
  type ScoredField,
  type TemplateField,
  type TemplateValues,
  type VendorTemplate,
} from '@invoice/extraction';
import type { Outcome } from './train.report.js';

export interface StreamDoc<F extends string = ScoredField> {
  id: string;
  dataset: string;
  group: string;
  /** Every page's words: what the worker matches and reads templates on. */
  words: readonly OcrWord[];
  /** The labelled fields' right values, as a person would type them (null: the page prints none). */
  truth: CorrectedFields;
  isRight(field: F, value: string | number | null): boolean;
}

/** The per-field thresholds, and the one for values a template gave or confirmed (the product's `other`). */
export interface StreamThresholds<F extends string = ScoredField> {
  fields: Record<F, number>;
  other: number;
}

export interface StreamRule {
  /** A document whose layout no template knows goes to a person whatever its confidences. */
  reviewNewLayouts: boolean;
  /** The fields a document must have (default: an invoice's). */
  required?: readonly string[];
}

/** One field of one document as the scorer (or a receipt's calibration) read it, out of fold. */
export type StreamOutcome<F extends string = ScoredField> = Pick<
  Outcome,
  'id' | 'value' | 'confidence' | 'checkFailed' | 'checkPassed' | 'right'
> & {
  field: F;
};

/** How the stream decided one field: by a template's value (held to `other`) or by the field's own threshold. */
export interface StreamDecision {
  pass: boolean;
  right: boolean;
  /** The template gave, confirmed or disputed the value: the field's threshold played no part. */
  templated: boolean;
}

export interface StreamTally {
  documents: number;
  /** Documents whose first page matched a template learned from earlier documents. */
  known: number;
  done: number;
  wrong: number;
}

const isTemplateField = (field: string): field is TemplateField => (TEMPLATE_FIELDS as readonly string[]).includes(field);

/** A page read from its text layer: every word exact (confidence 100). */
const textLayer = (doc: StreamDoc<string>): boolean => doc.words.every((w) => w.confidence >= 100);

/**
 * One field as the product decides it with the template's value beside the scorer's (mergeTemplateValues, then
 * reviewReasons): a value both read is held to `other` with their agreed confidence, a value only the template
 * gives to `other` with the template's, a value the template reads otherwise after its label goes to a person,
 * the rest to the field's threshold.
 */
function decideField<F extends string>(
  o: StreamOutcome<F>,
  doc: StreamDoc<F>,
  values: TemplateValues,
  t: StreamThresholds<F>,
  required: boolean,
): StreamDecision {
  const field = o.field as string as TemplateField;
  const found = isTemplateField(o.field) ? values[field] : undefined;
  const verdict = found ? templateVerdict(o.value, found, o.value === null || o.checkFailed) : 'keep';
  if (found && verdict === 'replace') {
    const confidence = fieldConfidence({ wordConfidences: [found.confidence * 100], source: 'template', passed: false, failed: false });
    return { pass: confidence >= t.other, right: doc.isRight(o.field, found.value), templated: true };
  }
  // Agreeing with the extraction, the template confirms a value unless both read the same OCR words and no sum vouches
  // for it (mergeTemplateValues; the words of each reading are not kept here: on a page read by OCR every agreement
  // counts as one reading, on a text layer as two), or the value is the text a person typed.
  if (found && verdict === 'confirm' && (found.typed || o.checkPassed === true || textLayer(doc)))
    return { pass: !o.checkFailed && agreedConfidence(o.confidence, found.confidence) >= t.other, right: o.right, templated: true };
  if (verdict === 'mismatch') return { pass: false, right: o.right, templated: true };
  return { pass: !o.checkFailed && (o.value !== null ? o.confidence >= t.fields[o.field] : !required), right: o.right, templated: false };
}

/**
 * Runs one organization's stream over `docs` (in their order) and tallies it per data set; `onDecisions` sees how each
 * document's fields were decided (receipts' thresholds are chosen from them).
 */
export function runStream<F extends string = ScoredField>(
  docs: readonly StreamDoc<F>[],
  outcomes: readonly StreamOutcome<F>[],
  thresholdsOf: (doc: StreamDoc<F>) => StreamThresholds<F>,
  rule: StreamRule,
  onDecisions?: (doc: StreamDoc<F>, decisions: readonly (StreamDecision & { outcome: StreamOutcome<F> })[]) => void,
): Map<string, StreamTally> {
  const byDoc = new Map<string, StreamOutcome<F>[]>();
  for (const o of outcomes) byDoc.set(o.id, [...(byDoc.get(o.id) ?? []), o]);
  const store: { template: VendorTemplate }[] = [];
  const tally = new Map<string, StreamTally>();
  for (const doc of docs) {
    const fields = byDoc.get(doc.id);
    if (!fields) continue;
    const match = matchTemplate(store, doc.words)?.match ?? null;
    const values = match ? applyTemplate(match.template, doc.words) : {};
    const t = thresholdsOf(doc);
    const required = rule.required ?? (requiredFieldsFor('invoice') as readonly string[]);
    const decisions = fields.map((o) => decideField(o, doc, values, t, required.includes(o.field)));
    onDecisions?.(
      doc,
      decisions.map((d, i) => ({ ...d, outcome: fields[i] as StreamOutcome<F> })),
    );
    const done = (match !== null || !rule.reviewNewLayouts) && decisions.every((d) => d.pass);
    const row = tally.get(doc.dataset) ?? { documents: 0, known: 0, done: 0, wrong: 0 };
    row.documents++;
    if (match) row.known++;
    if (done) {
      row.done++;
      if (decisions.some((d) => !d.right)) row.wrong++;
    } else {
      // Reviewed: the person's values teach the layout's template.
      const { template, learned } = learnFromPage(doc.words, doc.truth, match?.template ?? null, doc.id);
      if (learned.length > 0) {
        if (match) match.template = template;
        else store.push({ template });
      }
    }
    tally.set(doc.dataset, row);
  }
  return tally;
}

export function printStream(tally: Map<string, StreamTally>): void {
  const pct = (n: number, d: number): string => (d ? ((100 * n) / d).toFixed(1) : '-');
  for (const [ds, { documents, known, done, wrong }] of tally)
    console.log(
      `  ${ds}: ${documents} documents, ${pct(known, documents)}% of a known layout, done ${pct(done, documents)}%, wrong among done ${pct(wrong, done)}% (${wrong} of ${done})`,
    );
}
