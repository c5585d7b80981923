/**
 * What changed between two evaluations of the same documents (two readings, or two extractions of one
 * reading): per document, each field whose extracted value or outcome differs. A change to the extraction
 * should change only the fields it means to; this lists the others too.
 */
import type { FieldOutcome, FieldScore } from './score.js';

interface ComparedDocument {
  id: string;
  fields: readonly FieldScore[];
  reasons?: readonly string[] | null;
}

export interface FieldChange {
  id: string;
  field: string;
  before: { outcome: FieldOutcome; actual: unknown };
  after: { outcome: FieldOutcome; actual: unknown };
  /** correct -> wrong: broken; wrong -> correct: fixed; else the value changed but not its outcome. */
  kind: 'fixed' | 'broken' | 'changed';
}

export interface ReportComparison {
  changes: FieldChange[];
  /** Documents whose review decision flipped (done <-> needs_review). */
  decisionChanges: { id: string; before: 'done' | 'review'; after: 'done' | 'review' }[];
  onlyBefore: string[];
  onlyAfter: string[];
  documents: number;
  fixed: number;
  broken: number;
  changed: number;
}

/** JSON with object keys sorted: equal values give equal text whatever their key order or origin. */
function canonical(v: unknown): string {
  return JSON.stringify(v ?? null, (_key, value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}

const decision = (d: ComparedDocument): 'done' | 'review' => (d.reasons && d.reasons.length === 0 ? 'done' : 'review');

function kindOf(before: FieldOutcome, after: FieldOutcome): FieldChange['kind'] {
  if (before === 'correct' && after !== 'correct') return 'broken';
  if (before !== 'correct' && after === 'correct') return 'fixed';
  return 'changed';
}

/** Field-by-field differences of the documents both evaluations hold (matched by id). */
export function compareReports(before: readonly ComparedDocument[], after: readonly ComparedDocument[]): ReportComparison {
  const afterById = new Map(after.map((d) => [d.id, d]));
  const beforeIds = new Set(before.map((d) => d.id));
  const changes: FieldChange[] = [];
  const decisionChanges: ReportComparison['decisionChanges'] = [];
  let documents = 0;
  for (const b of before) {
    const a = afterById.get(b.id);
    if (!a) continue;
    documents++;
    const fieldsAfter = new Map(a.fields.map((f) => [f.field, f]));
    for (const fb of b.fields) {
      const fa = fieldsAfter.get(fb.field);
      if (!fa) continue;
      if (fa.outcome === fb.outcome && canonical(fa.actual) === canonical(fb.actual)) continue;
      changes.push({
        id: b.id,
        field: fb.field,
        before: { outcome: fb.outcome, actual: fb.actual ?? null },
        after: { outcome: fa.outcome, actual: fa.actual ?? null },
        kind: kindOf(fb.outcome, fa.outcome),
      });
    }
    if (decision(b) !== decision(a)) decisionChanges.push({ id: b.id, before: decision(b), after: decision(a) });
  }
  const count = (kind: FieldChange['kind']) => changes.filter((c) => c.kind === kind).length;
  return {
    changes,
    decisionChanges,
    onlyBefore: before.filter((d) => !afterById.has(d.id)).map((d) => d.id),
    onlyAfter: after.filter((d) => !beforeIds.has(d.id)).map((d) => d.id),
    documents,
    fixed: count('fixed'),
    broken: count('broken'),
    changed: count('changed'),
  };
}

const show = (v: unknown): string => {
  const text = JSON.stringify(v) ?? 'null';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

/** The printed form: one line per changed field, grouped by document, then the counts. */
export function formatComparison(c: ReportComparison): string {
  const out: string[] = [];
  let last = '';
  for (const change of c.changes) {
    if (change.id !== last) out.push(change.id);
    last = change.id;
    out.push(
      `  ${change.kind.padEnd(7)} ${change.field}: ${show(change.before.actual)} (${change.before.outcome}) -> ${show(change.after.actual)} (${change.after.outcome})`,
    );
  }
  for (const d of c.decisionChanges) out.push(`decision ${d.id}: ${d.before} -> ${d.after}`);
  if (c.onlyBefore.length) out.push(`only in the first: ${c.onlyBefore.join(', ')}`);
  if (c.onlyAfter.length) out.push(`only in the second: ${c.onlyAfter.join(', ')}`);
  out.push(
    `${c.documents} documents compared: ${c.fixed} fields fixed, ${c.broken} broken, ${c.changed} changed without changing outcome; ${c.decisionChanges.length} review decisions flipped`,
  );
  return out.join('\n');
}
