/** A training document made ready for the scorer: its candidates, its labels normalized, the rule reader's values. */
import type { ExtractedInvoice, OcrPageResult, OcrWord } from '@invoice/contracts';
import type { Candidate, DocumentModel, HeaderTruth, PriorValues, ScoredField } from '@invoice/extraction';
import { ENDS_IN_LEGAL_FORM, SCORED_FIELDS, dateOrderOpen, sameValue } from '@invoice/extraction';
import { normalizeAmount, normalizeDate } from '../eval/normalize.js';
import type { TrainingDoc } from './training.data.js';

export interface PreparedDoc {
  id: string;
  dataset: string;
  group: string;
  reading: 'text' | 'ocr';
  /** Fields the data set labels (SROIE labels company, date and total only; an e-invoice the fields its XML has). */
  labelled: Set<ScoredField>;
  truth: HeaderTruth;
  prior: PriorValues;
  candidates: Record<ScoredField, Candidate[]>;
  /** The candidates with numeric dates read month-first, when none of the document's dates settles their order. */
  monthFirstCandidates: Record<ScoredField, Candidate[]> | null;
  isRight(field: ScoredField, value: string | number | null): boolean;
  /** Every page's words (vendor templates are matched on the first page and read on the first and the last). */
  words: readonly OcrWord[];
}

const SROIE_FIELDS: ScoredField[] = ['vendorName', 'issueDate', 'total'];

function normalizeTruth(doc: TrainingDoc): HeaderTruth {
  const t = Object.fromEntries(SCORED_FIELDS.map((f) => [f, doc.truth[f] ?? null])) as HeaderTruth;
  t.issueDate = typeof t.issueDate === 'string' ? (normalizeDate(t.issueDate) ?? t.issueDate) : null;
  t.dueDate = typeof t.dueDate === 'string' ? (normalizeDate(t.dueDate) ?? t.dueDate) : null;
  for (const f of ['total', 'subtotal', 'taxAmount'] as const) t[f] = t[f] === null ? null : normalizeAmount(t[f] as number);
  return t;
}

/** A party's name without the legal form it ends in: a register's "Au bon moulin" is printed "Au bon moulin SARL". */
const withoutLegalForm = (name: string): string => name.replace(ENDS_IN_LEGAL_FORM, '').trim() || name;

/**
 * A value right for a field: amounts to the cent (sign aside: credit notes print positive amounts), names with or
 * without their legal form, others as the scorer compares.
 */
export function rightValue(field: ScoredField, truth: string | number | null, value: string | number | null): boolean {
  if (truth === null || value === null) return truth === value;
  if (typeof truth === 'number') return typeof value === 'number' && Math.abs(Math.abs(value) - Math.abs(truth)) < 0.005;
  if ((field === 'vendorName' || field === 'customerName') && typeof value === 'string')
    return sameValue(withoutLegalForm(truth), withoutLegalForm(value));
  return sameValue(truth, value);
}

export function prepareDoc(
  doc: TrainingDoc,
  build: (pages: readonly OcrPageResult[]) => DocumentModel,
  candidates: (doc: DocumentModel, prior: PriorValues, order?: { monthFirst?: boolean }) => Record<ScoredField, Candidate[]>,
  rules: (pages: readonly OcrPageResult[]) => ExtractedInvoice,
): PreparedDoc {
  const truth = normalizeTruth(doc);
  const extracted = rules(doc.pages);
  const prior: PriorValues = Object.fromEntries(
    SCORED_FIELDS.map((f) => [f, (extracted as unknown as Record<string, string | number | null>)[f] ?? null]),
  );
  const document = build(doc.pages);
  const labelled = new Set(doc.dataset === 'sroie' ? SROIE_FIELDS : SCORED_FIELDS.filter((f) => doc.truth[f] !== undefined));
  return {
    id: doc.id,
    dataset: doc.dataset,
    group: doc.group,
    reading: doc.reading ?? 'text',
    labelled,
    truth,
    prior,
    candidates: candidates(document, prior),
    monthFirstCandidates: dateOrderOpen(document) ? candidates(document, prior, { monthFirst: true }) : null,
    isRight: (field, value) => rightValue(field, truth[field], value),
    words: doc.pages.flatMap((p) => p.words),
  };
}
