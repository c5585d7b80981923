/** Figures of the cross-validated scorer: held-out accuracy per data set and field, calibration, review thresholds. */
import { SCORED_FIELDS, requiredFieldsFor, type ScoredField } from '@invoice/extraction';

export interface Outcome {
  id: string;
  dataset: string;
  group: string;
  field: ScoredField;
  value: string | number | null;
  probability: number;
  /** What the confidence is computed from (confidenceSignals) and the confidence, from a calibration fitted without this fold. */
  signals: number[];
  confidence: number;
  /** A check the value takes part in fails (sums, dates in order, customer not the vendor): the product sends it to review. */
  checkFailed: boolean;
  /** A sum the amount takes part in holds: its digits are vouched for beyond the words' reading. */
  checkPassed?: boolean;
  right: boolean;
  /** Whether the rule-based reader alone was right (the baseline). */
  ruleRight: boolean;
  truth: string | number | null;
}

const pct = (n: number, d: number): string => (d ? `${((100 * n) / d).toFixed(1)}` : '-');

/** Per data set: per field, held-out accuracy of the scorer and (in brackets) of the rules alone. */
export function printFigures(outcomes: readonly Outcome[]): void {
  const datasets = [...new Set(outcomes.map((o) => o.dataset))];
  console.log(`\nHeld-out accuracy by data set (folds by producer/issuer/layout); scorer % (rules %), n`);
  console.log(['dataset', ...SCORED_FIELDS].join('\t'));
  for (const ds of datasets) {
    const cells = SCORED_FIELDS.map((f) => {
      const rows = outcomes.filter((o) => o.dataset === ds && o.field === f);
      return rows.length
        ? `${pct(rows.filter((o) => o.right).length, rows.length)} (${pct(rows.filter((o) => o.ruleRight).length, rows.length)}) n=${rows.length}`
        : '-';
    });
    console.log([ds, ...cells].join('\t'));
  }
}

/** Calibration table: by band of calibrated confidence, how many chosen values and the share right. */
export function printCalibration(outcomes: readonly Outcome[]): void {
  const bands = [0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0001];
  console.log('\nCalibration (held-out, all fields): band\tn\tright %\tmean confidence');
  for (let i = 0; i < bands.length - 1; i++) {
    const rows = outcomes.map((o) => ({ o, c: o.confidence })).filter(({ c }) => c >= (bands[i] as number) && c < (bands[i + 1] as number));
    const mean = rows.reduce((s, r) => s + r.c, 0) / Math.max(1, rows.length);
    console.log(
      `${bands[i]}-${Math.min(1, bands[i + 1] as number)}\t${rows.length}\t${pct(rows.filter((r) => r.o.right).length, rows.length)}\t${mean.toFixed(3)}`,
    );
  }
}

/** What the thresholds are chosen from: one field of one document, its confidence and whether it is right. */
export type FieldDecision<F extends string = ScoredField> = Pick<
  Outcome,
  'id' | 'dataset' | 'value' | 'confidence' | 'right' | 'checkFailed' | 'checkPassed'
> & {
  field: F;
};

interface DocConfidences<F extends string> {
  dataset: string;
  fields: { field: F; confidence: number; right: boolean; read: boolean; required: boolean; checkFailed: boolean }[];
}

/** Receipts (SROIE) are held to a receipt's required fields, the other sets to an invoice's. */
const requiredIn = (dataset: string): readonly string[] => requiredFieldsFor(dataset.startsWith('sroie') ? 'receipt' : 'invoice');

function byDocument<F extends string>(outcomes: readonly FieldDecision<F>[]): DocConfidences<F>[] {
  const docs = new Map<string, DocConfidences<F>>();
  for (const o of outcomes) {
    const doc = docs.get(o.id) ?? { dataset: o.dataset, fields: [] };
    doc.fields.push({
      field: o.field,
      confidence: o.confidence,
      right: o.right,
      read: o.value !== null,
      required: requiredIn(o.dataset).includes(o.field),
      checkFailed: o.checkFailed,
    });
    docs.set(o.id, doc);
  }
  return [...docs.values()];
}

/**
 * As the product decides: a document is done when every field it read is at or over its threshold, no check
 * fails and no required field is missing; a field read as "not printed" has no confidence to hold back (and
 * counts as wrong when it is printed).
 */
const isDone = <F extends string>(d: DocConfidences<F>, t: Record<F, number>): boolean =>
  d.fields.every((f) => !f.checkFailed && (f.read ? f.confidence >= t[f.field] : !f.required));

/**
 * Lowers thresholds back while the rule still holds and more documents are done: each field's threshold in turn
 * goes down to the next confidence under it, until no field can go lower (the raise above can overshoot).
 */
function relax<F extends string>(
  docs: readonly DocConfidences<F>[],
  t: Record<F, number>,
  maxWrong: number,
  stats: (th: Record<F, number>) => { done: number; wrong: number },
  fields: readonly F[],
  margin: number,
  floors: Record<F, number>,
): void {
  for (let changed = true; changed;) {
    changed = false;
    for (const field of fields) {
      const lower = [
        ...new Set(
          docs.flatMap((d) =>
            d.fields
              .filter((f) => f.read && f.field === field && f.confidence < t[field] && f.confidence >= floors[field])
              .map((f) => f.confidence),
          ),
        ),
      ].sort((a, b) => b - a)[0];
      if (lower === undefined) continue;
      const now = stats(t);
      const next = stats({ ...t, [field]: lower });
      if (next.done > now.done && next.wrong + margin <= maxWrong * next.done) {
        t[field] = lower;
        changed = true;
      }
    }
  }
}

/** The lowest threshold: a value more likely wrong than right is never accepted without a person. */
const MIN_THRESHOLD = 0.5;
/** The highest threshold a field may get: above it a field would never pass, whatever its value. */
const MAX_THRESHOLD = 0.995;

/**
 * The lowest threshold at which a field's own values are wrong at most `maxFieldWrong` of the time, counting one
 * wrong value more than seen (on 30 values none wrong says little): its values at or over it, read on every
 * document whatever the other fields did. {@link MAX_THRESHOLD} when no threshold keeps it.
 */
export function fieldFloor<F extends string>(outcomes: readonly FieldDecision<F>[], field: F, maxFieldWrong: number): number {
  const values = outcomes.filter((o) => o.field === field && o.value !== null).sort((a, b) => b.confidence - a.confidence);
  let floor = MAX_THRESHOLD;
  let wrong = 0;
  values.forEach((o, i) => {
    if (!o.right) wrong++;
    // A threshold takes every value of a tie: the share is checked after the last of them.
    const lastOfTie = values[i + 1]?.confidence !== o.confidence;
    if (lastOfTie && (wrong + 1) / (i + 1) <= maxFieldWrong) floor = o.confidence;
  });
  return Math.max(MIN_THRESHOLD, Math.min(floor, MAX_THRESHOLD));
}

/**
 * Per-field thresholds by the rule "at most `maxWrong` of done documents hold a wrong field", maximizing the
 * share done: from {@link MIN_THRESHOLD} (or the field's floor, below) for every field, the raise that removes the most wrong done documents per right one lost (each
 * raise just over a wrong done document's value of one field) is made, until the rule holds; then each threshold
 * is lowered again where the rule allows. With a `margin` of m the rule must hold with m more wrong documents: on
 * few done documents a share of 0 wrong says little, and thresholds fitted to it let wrong ones through elsewhere.
 * With `maxFieldWrong`, no field's threshold goes under its {@link fieldFloor}: without it, a field whose wrong
 * values the fitting documents happened to hold back by another field's doubt gets the lowest threshold, and lets
 * them through where that other field is sure (a logo's unreadable name beside confident amounts).
 */
export function chooseThresholds<F extends string = ScoredField>(
  outcomes: readonly FieldDecision<F>[],
  maxWrong: number,
  fields: readonly F[] = SCORED_FIELDS as unknown as readonly F[],
  margin = 0,
  maxFieldWrong?: number,
): Record<F, number> {
  const docs = byDocument(outcomes);
  const floors = Object.fromEntries(
    fields.map((f) => [f, maxFieldWrong === undefined ? MIN_THRESHOLD : fieldFloor(outcomes, f, maxFieldWrong)]),
  ) as Record<F, number>;
  const t = { ...floors };
  const stats = (th: Record<F, number>): { done: number; wrong: number } => {
    const done = docs.filter((d) => isDone(d, th));
    return { done: done.length, wrong: done.filter((d) => d.fields.some((f) => !f.right)).length };
  };
  for (let s = stats(t); s.done > 0 && s.wrong + margin > maxWrong * s.done; s = stats(t)) {
    let best: { field: F; value: number; gain: number } | null = null;
    const wrongDone = docs.filter((d) => isDone(d, t) && d.fields.some((f) => !f.right));
    for (const field of fields) {
      // Each jump leaves out at least one wrong document: just over one of their values of this field.
      // A threshold over MAX_THRESHOLD would hold back every value of the field: such a field stays reviewable.
      const values = new Set(
        wrongDone.flatMap((d) =>
          d.fields.filter((f) => f.read && f.field === field && f.confidence < MAX_THRESHOLD).map((f) => f.confidence),
        ),
      );
      for (const value of values) {
        const n = stats({ ...t, [field]: value + 1e-9 });
        const gain = (s.wrong - n.wrong) / (s.done - s.wrong - (n.done - n.wrong) + 1);
        if (!best || gain > best.gain) best = { field, value: value + 1e-9, gain };
      }
    }
    if (!best) break;
    t[best.field] = best.value;
  }
  relax(docs, t, maxWrong, stats, fields, margin, floors);
  // No thresholds keep the rule (every raise left was over MAX_THRESHOLD, or too few done with the margin): nothing is done.
  const s = stats(t);
  if (s.done > 0 && s.wrong + margin > maxWrong * s.done) return Object.fromEntries(fields.map((f) => [f, 1])) as Record<F, number>;
  // Rounded up, as the product rounds confidences to three decimals: a value the rule left out stays out.
  return Object.fromEntries(fields.map((f) => [f, Math.ceil(t[f] * 1e3) / 1e3])) as Record<F, number>;
}

/** Per data set: its documents, how many are done under thresholds, and how many of those hold a wrong field. */
export type DoneTally = Map<string, { documents: number; done: number; wrong: number }>;

/** Adds the documents of `outcomes` to `tally` as thresholds `t` decide them. */
export function tallyDone<F extends string = ScoredField>(
  outcomes: readonly FieldDecision<F>[],
  t: Record<F, number>,
  tally: DoneTally = new Map(),
): DoneTally {
  for (const d of byDocument(outcomes)) {
    const row = tally.get(d.dataset) ?? { documents: 0, done: 0, wrong: 0 };
    row.documents++;
    if (isDone(d, t)) {
      row.done++;
      if (d.fields.some((f) => !f.right)) row.wrong++;
    }
    tally.set(d.dataset, row);
  }
  return tally;
}

export function printTally(tally: DoneTally): void {
  for (const [ds, { documents, done, wrong }] of tally)
    console.log(`  ${ds}: done ${pct(done, documents)}% of ${documents}, wrong among done ${pct(wrong, done)}%`);
}

/** Done and done-while-wrong shares of each data set under thresholds. */
export function reportThresholds(outcomes: readonly Outcome[], t: Record<ScoredField, number>): void {
  printTally(tallyDone(outcomes, t));
  console.log('  ' + SCORED_FIELDS.map((f) => `${f}=${t[f].toFixed(3)}`).join(' '));
}
