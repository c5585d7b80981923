/**
 * Calibration of a receipt's field confidences (pure): per field, a logistic calibration of its signals fitted
 * out of fold (folds by shop), and per-field review thresholds from the rule "at most `maxWrong` of the done
 * receipts hold a wrong field", with the thresholds' own held-out figure (each fold decided by thresholds chosen
 * without it).
 */
import { DEFAULT_REVIEW_THRESHOLD } from '@invoice/config';
import {
  applyLogistic,
  fitLogistic,
  RECEIPT_FIELDS,
  requiredFieldsFor,
  type LogisticCalibration,
  type ReceiptField,
} from '@invoice/extraction';
import { chooseThresholds, tallyDone, type FieldDecision } from './train.report.js';
import { foldOf } from './train.folds.js';
import { runStream, type StreamDecision, type StreamDoc, type StreamTally } from './train.stream.js';

export const RECEIPT_FOLDS = 10;
/** The thresholds must keep the rule with this many more wrong receipts than measured (see chooseThresholds). */
export const RECEIPT_MARGIN = 1;

/** One field of one receipt: its signals (null when it was not read) and whether the value is right. */
export interface ReceiptFieldRow {
  id: string;
  /** The shop (the fold is drawn from it). */
  group: string;
  field: ReceiptField;
  value: string | number | null;
  x: number[] | null;
  right: boolean;
  /** The receipt goes to review whatever this field's confidence (a failed check, a missing field, another doubtful field). */
  blocked: boolean;
  /** A sum the field takes part in holds. */
  passed?: boolean;
}

export const fitReceiptField = (rows: readonly ReceiptFieldRow[]): LogisticCalibration =>
  fitLogistic(
    rows.filter((r) => r.x !== null).map((r) => ({ x: r.x as number[], right: r.right })),
    { l2: 0.01, epochs: 600 },
  );

/** Each row as a threshold decision, its confidence from the calibration of its field fitted without its fold. */
export function outOfFold(rows: readonly ReceiptFieldRow[], fields: readonly ReceiptField[]): FieldDecision<ReceiptField>[] {
  const out: FieldDecision<ReceiptField>[] = [];
  for (let fold = 0; fold < RECEIPT_FOLDS; fold++) {
    const inFold = (r: ReceiptFieldRow): boolean => foldOf(r.group, RECEIPT_FOLDS) === fold;
    for (const field of fields) {
      const own = rows.filter((r) => r.field === field);
      const model = fitReceiptField(own.filter((r) => !inFold(r)));
      for (const r of own.filter(inFold))
        out.push({
          id: r.id,
          dataset: 'sroie',
          field,
          value: r.value,
          confidence: r.x === null ? 0 : Math.round(applyLogistic(model, r.x) * 1e4) / 1e4,
          right: r.right,
          checkFailed: r.blocked,
          checkPassed: r.passed ?? false,
        });
    }
  }
  return out;
}

/** Done receipts, and those holding a wrong field, under thresholds (as the product decides: train.report.ts). */
export function tallyReceipts(
  decisions: readonly FieldDecision<ReceiptField>[],
  t: Record<ReceiptField, number>,
): { receipts: number; done: number; wrong: number } {
  const tally = tallyDone(decisions, t).get('sroie');
  return { receipts: tally?.documents ?? 0, done: tally?.done ?? 0, wrong: tally?.wrong ?? 0 };
}

/** Each fold decided by the thresholds chosen on the other folds' out-of-fold decisions. */
export function thresholdsOutOfFold(
  decisions: readonly FieldDecision<ReceiptField>[],
  groups: ReadonlyMap<string, string>,
  maxWrong: number,
  fields: readonly ReceiptField[],
): { receipts: number; done: number; wrong: number } {
  const total = { receipts: 0, done: 0, wrong: 0 };
  for (let fold = 0; fold < RECEIPT_FOLDS; fold++) {
    const inFold = (d: FieldDecision<ReceiptField>): boolean => foldOf(groups.get(d.id) ?? d.id, RECEIPT_FOLDS) === fold;
    const t = chooseThresholds(
      decisions.filter((d) => !inFold(d)),
      maxWrong,
      fields,
      RECEIPT_MARGIN,
    );
    const part = tallyReceipts(decisions.filter(inFold), t);
    total.receipts += part.receipts;
    total.done += part.done;
    total.wrong += part.wrong;
  }
  return total;
}

/** Receipts' fields as the stream decided them, for the threshold choice: a template's verdict is fixed whatever the thresholds (a value it passed as sure, one it failed as a blocked receipt). */
export function asThresholdDecisions(
  decided: readonly (StreamDecision & { outcome: FieldDecision<ReceiptField> })[],
): FieldDecision<ReceiptField>[] {
  const blocked = decided.some((d) => d.templated && !d.pass);
  return decided.map(({ outcome, templated, pass, right }) => ({
    ...outcome,
    ...(templated && { confidence: pass ? 1 : 0, value: outcome.value ?? 'template' }),
    right,
    checkFailed: outcome.checkFailed || blocked,
  }));
}

export interface ReceiptStream {
  docs: readonly StreamDoc<ReceiptField>[];
  decisions: readonly FieldDecision<ReceiptField>[];
  groups: ReadonlyMap<string, string>;
}

const ALL_HELD: Record<ReceiptField, number> = { vendorName: 1, vendorAddress: 1, issueDate: 1, total: 1 };
const RULE = { reviewNewLayouts: false, required: requiredFieldsFor('receipt') };

/**
 * The receipts as one organization receives them (in id order), every one reviewed and teaching its shop's template:
 * how the product decides each field with the templates learned so far, as threshold decisions; and per field how many
 * values are right as decided (a template's where it gave one) and as read alone.
 */
export function recordStream(stream: ReceiptStream): {
  decisions: FieldDecision<ReceiptField>[];
  right: Record<ReceiptField, [number, number]>;
} {
  const decisions: FieldDecision<ReceiptField>[] = [];
  const right = Object.fromEntries(RECEIPT_FIELDS.map((f) => [f, [0, 0]])) as Record<ReceiptField, [number, number]>;
  const record = (decided: readonly (StreamDecision & { outcome: FieldDecision<ReceiptField> })[]): void => {
    for (const d of decided) {
      const tally = right[d.outcome.field];
      if (d.right) tally[0]++;
      if (d.outcome.right) tally[1]++;
    }
    decisions.push(...asThresholdDecisions(decided));
  };
  runStream(
    stream.docs,
    stream.decisions,
    () => ({ fields: ALL_HELD, other: DEFAULT_REVIEW_THRESHOLD }),
    RULE,
    (_doc, decided) => record(decided as (StreamDecision & { outcome: FieldDecision<ReceiptField> })[]),
  );
  return { decisions, right };
}

/** The stream run with thresholds per receipt (a done receipt teaches nothing): receipts, done, and done with a wrong field. */
export function streamTally(stream: ReceiptStream, thresholdsOf: (id: string) => Record<ReceiptField, number>): StreamTally {
  const tally = runStream(
    stream.docs,
    stream.decisions,
    (doc) => ({ fields: thresholdsOf(doc.id), other: DEFAULT_REVIEW_THRESHOLD }),
    RULE,
  );
  return tally.get('sroie') ?? { documents: 0, known: 0, done: 0, wrong: 0 };
}

/**
 * Thresholds chosen on the recorded stream's decisions of the other folds, each fold's receipts decided by its own in
 * a run of the whole stream (the templates learned from every shop's reviewed receipts).
 */
export function streamOutOfFold(stream: ReceiptStream, recorded: readonly FieldDecision<ReceiptField>[], maxWrong: number): StreamTally {
  const foldOfId = (id: string): number => foldOf(stream.groups.get(id) ?? id, RECEIPT_FOLDS);
  const chosen = Array.from({ length: RECEIPT_FOLDS }, (_, fold) =>
    chooseThresholds(
      recorded.filter((d) => foldOfId(d.id) !== fold),
      maxWrong,
      RECEIPT_FIELDS,
      RECEIPT_MARGIN,
    ),
  );
  return streamTally(stream, (id) => chosen[foldOfId(id)] as Record<ReceiptField, number>);
}
