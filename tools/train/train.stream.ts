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

export interface StreamDoc {
  id: string;
  dataset: string;
  group: string;
  /** Every page's words: what the worker matches and reads templates on. */
  words: readonly OcrWord[];
  /** The labelled fields' right values, as a person would type them (null: the page prints none). */
  truth: CorrectedFields;
  isRight(field: ScoredField, value: string | number | null): boolean;
}

/** The scorer's per-field thresholds, and the one for values a template gave or confirmed (the product's `other`). */
export interface StreamThresholds {
  fields: Record<ScoredField, number>;
  other: number;
}

export interface StreamRule {
  /** A document whose layout no template knows goes to a person whatever its confidences. */
  reviewNewLayouts: boolean;
}

export interface StreamTally {
  documents: number;
  /** Documents whose first page matched a template learned from earlier documents. */
  known: number;
  done: number;
  wrong: number;
}

const isTemplateField = (field: string): field is TemplateField => (TEMPLATE_FIELDS as readonly string[]).includes(field);

interface FieldDecision {
  pass: boolean;
  right: boolean;
}

/**
 * One field as the product decides it with the template's value beside the scorer's (mergeTemplateValues, then
 * reviewReasons): a value both read is held to `other` with their agreed confidence, a value only the template
 * gives to `other` with the template's, a value the template reads otherwise after its label goes to a person,
 * the rest to the field's threshold.
 */
function decideField(o: Outcome, doc: StreamDoc, values: TemplateValues, t: StreamThresholds, required: boolean): FieldDecision {
  const field = o.field as TemplateField;
  const found = isTemplateField(o.field) ? values[field] : undefined;
  const verdict = found ? templateVerdict(o.value, found, o.value === null || o.checkFailed) : 'keep';
  if (found && verdict === 'replace') {
    const confidence = fieldConfidence({ wordConfidences: [found.confidence * 100], source: 'template', passed: false, failed: false });
    return { pass: confidence >= t.other, right: doc.isRight(o.field, found.value) };
  }
  if (found && verdict === 'confirm')
    return { pass: !o.checkFailed && agreedConfidence(o.confidence, found.confidence) >= t.other, right: o.right };
  if (verdict === 'mismatch') return { pass: false, right: o.right };
  return { pass: !o.checkFailed && (o.value !== null ? o.confidence >= t.fields[o.field] : !required), right: o.right };
}

/** Runs one organization's stream over `docs` (in their order) and tallies it per data set. */
export function runStream(
  docs: readonly StreamDoc[],
  outcomes: readonly Outcome[],
  thresholdsOf: (doc: StreamDoc) => StreamThresholds,
  rule: StreamRule,
): Map<string, StreamTally> {
  const byDoc = new Map<string, Outcome[]>();
  for (const o of outcomes) byDoc.set(o.id, [...(byDoc.get(o.id) ?? []), o]);
  const store: { template: VendorTemplate }[] = [];
  const tally = new Map<string, StreamTally>();
  for (const doc of docs) {
    const fields = byDoc.get(doc.id);
    if (!fields) continue;
    const match = matchTemplate(store, doc.words)?.match ?? null;
    const values = match ? applyTemplate(match.template, doc.words) : {};
    const t = thresholdsOf(doc);
    const required = requiredFieldsFor('invoice') as readonly string[];
    const decisions = fields.map((o) => decideField(o, doc, values, t, required.includes(o.field)));
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
