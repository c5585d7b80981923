/** A training document made ready for the scorer: its candidates, its labels normalized, the rule reader's values. */
import type { ExtractedInvoice, OcrPageResult } from '@invoice/contracts';
import type { Candidate, DocumentModel, HeaderTruth, PriorValues, ScoredField } from '@invoice/extraction';
import { SCORED_FIELDS, sameValue } from '@invoice/extraction';
import { normalizeAmount, normalizeDate } from '../eval/normalize.js';
import type { TrainingDoc } from './training.data.js';

export interface PreparedDoc {
  id: string;
  dataset: string;
  group: string;
  reading: 'text' | 'ocr';
  /** Fields the data set labels (SROIE labels company, date and total only). */
  labelled: Set<ScoredField>;
  truth: HeaderTruth;
  prior: PriorValues;
  candidates: Record<ScoredField, Candidate[]>;
  isRight(field: ScoredField, value: string | number | null): boolean;
}

const SROIE_FIELDS: ScoredField[] = ['vendorName', 'issueDate', 'total'];

function normalizeTruth(doc: TrainingDoc): HeaderTruth {
  const t = { ...doc.truth };
  t.issueDate = typeof t.issueDate === 'string' ? (normalizeDate(t.issueDate) ?? t.issueDate) : null;
  t.dueDate = typeof t.dueDate === 'string' ? (normalizeDate(t.dueDate) ?? t.dueDate) : null;
  for (const f of ['total', 'subtotal', 'taxAmount'] as const) t[f] = t[f] === null ? null : normalizeAmount(t[f] as number);
  return t;
}

/** A value right for a field: amounts to the cent (sign aside: credit notes print positive amounts), others as the scorer compares. */
function rightValue(truth: string | number | null, value: string | number | null): boolean {
  if (truth === null || value === null) return truth === value;
  if (typeof truth === 'number') return typeof value === 'number' && Math.abs(Math.abs(value) - Math.abs(truth)) < 0.005;
  return sameValue(truth, value);
}

export function prepareDoc(
  doc: TrainingDoc,
  build: (pages: readonly OcrPageResult[]) => DocumentModel,
  candidates: (doc: DocumentModel, prior: PriorValues) => Record<ScoredField, Candidate[]>,
  rules: (pages: readonly OcrPageResult[]) => ExtractedInvoice,
): PreparedDoc {
  const truth = normalizeTruth(doc);
  const extracted = rules(doc.pages);
  const prior: PriorValues = Object.fromEntries(
    SCORED_FIELDS.map((f) => [f, (extracted as unknown as Record<string, string | number | null>)[f] ?? null]),
  );
  const labelled = new Set(
    doc.dataset === 'sroie' ? SROIE_FIELDS : SCORED_FIELDS.filter((f) => doc.dataset !== 'generated' || doc.truth[f] !== undefined),
  );
  return {
    id: doc.id,
    dataset: doc.dataset,
    group: doc.group,
    reading: doc.reading ?? 'text',
    labelled,
    truth,
    prior,
    candidates: candidates(build(doc.pages), prior),
    isRight: (field, value) => rightValue(truth[field], value),
  };
}
