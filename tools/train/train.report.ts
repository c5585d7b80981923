/** Figures of the cross-validated scorer: held-out accuracy per data set and field, calibration, review thresholds. */
import { SCORED_FIELDS, applyIsotonic, type IsotonicMap, type ScoredField } from '@invoice/extraction';

export interface Outcome {
  id: string;
  dataset: string;
  group: string;
  field: ScoredField;
  value: string | number | null;
  probability: number;
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
      return rows.length ? `${pct(rows.filter((o) => o.right).length, rows.length)} (${pct(rows.filter((o) => o.ruleRight).length, rows.length)}) n=${rows.length}` : '-';
    });
    console.log([ds, ...cells].join('\t'));
  }
}

/** Calibration table: by band of calibrated confidence, how many chosen values and the share right. */
export function printCalibration(outcomes: readonly Outcome[], calibration: Record<ScoredField, IsotonicMap>): void {
  const bands = [0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0001];
  console.log('\nCalibration (held-out, all fields): band\tn\tright %\tmean confidence');
  for (let i = 0; i < bands.length - 1; i++) {
    const rows = outcomes.map((o) => ({ o, c: applyIsotonic(calibration[o.field], o.probability) })).filter(({ c }) => c >= (bands[i] as number) && c < (bands[i + 1] as number));
    const mean = rows.reduce((s, r) => s + r.c, 0) / Math.max(1, rows.length);
    console.log(`${bands[i]}-${Math.min(1, bands[i + 1] as number)}\t${rows.length}\t${pct(rows.filter((r) => r.o.right).length, rows.length)}\t${mean.toFixed(3)}`);
  }
}

interface DocConfidences {
  dataset: string;
  fields: { field: ScoredField; confidence: number; right: boolean }[];
}

function byDocument(outcomes: readonly Outcome[], calibration: Record<ScoredField, IsotonicMap>): DocConfidences[] {
  const docs = new Map<string, DocConfidences>();
  for (const o of outcomes) {
    const doc = docs.get(o.id) ?? { dataset: o.dataset, fields: [] };
    doc.fields.push({ field: o.field, confidence: applyIsotonic(calibration[o.field], o.probability), right: o.right });
    docs.set(o.id, doc);
  }
  return [...docs.values()];
}

const isDone = (d: DocConfidences, t: Record<ScoredField, number>): boolean => d.fields.every((f) => f.confidence >= t[f.field]);

/**
 * Per-field thresholds by the rule "at most `maxWrong` of done documents hold a wrong field", maximizing the
 * share done: from no threshold, the field threshold whose raise removes the most wrong done documents per
 * right one lost is raised, until the rule holds.
 */
export function chooseThresholds(outcomes: readonly Outcome[], calibration: Record<ScoredField, IsotonicMap>, maxWrong: number): Record<ScoredField, number> {
  const docs = byDocument(outcomes, calibration);
  const t = Object.fromEntries(SCORED_FIELDS.map((f) => [f, 0])) as Record<ScoredField, number>;
  const stats = (th: Record<ScoredField, number>): { done: number; wrong: number } => {
    const done = docs.filter((d) => isDone(d, th));
    return { done: done.length, wrong: done.filter((d) => d.fields.some((f) => !f.right)).length };
  };
  for (let s = stats(t); s.done > 0 && s.wrong / s.done > maxWrong; s = stats(t)) {
    let best: { field: ScoredField; value: number; gain: number } | null = null;
    for (const field of SCORED_FIELDS) {
      const next = [...new Set(docs.flatMap((d) => d.fields.filter((f) => f.field === field && f.confidence > t[field]).map((f) => f.confidence)))].sort((a, b) => a - b)[0];
      if (next === undefined) continue;
      const n = stats({ ...t, [field]: next + 1e-9 });
      const gain = (s.wrong - n.wrong + 1e-6) / (s.done - s.wrong - (n.done - n.wrong) + 1);
      if (!best || gain > best.gain) best = { field, value: next + 1e-9, gain };
    }
    if (!best) break;
    t[best.field] = best.value;
  }
  const final = stats(t);
  console.log(`\nThresholds (at most ${maxWrong * 100}% of done documents with a wrong field): done ${pct(final.done, docs.length)}%, done-while-wrong ${pct(final.wrong, final.done)}%`);
  for (const ds of [...new Set(docs.map((d) => d.dataset))]) {
    const set = docs.filter((d) => d.dataset === ds);
    const done = set.filter((d) => isDone(d, t));
    console.log(`  ${ds}: done ${pct(done.length, set.length)}% of ${set.length}, wrong among done ${pct(done.filter((d) => d.fields.some((f) => !f.right)).length, done.length)}%`);
  }
  console.log(SCORED_FIELDS.map((f) => `${f}=${t[f].toFixed(3)}`).join(' '));
  return Object.fromEntries(SCORED_FIELDS.map((f) => [f, Math.round(t[f] * 1e4) / 1e4])) as Record<ScoredField, number>;
}
