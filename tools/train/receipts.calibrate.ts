/**
 * Calibration of a receipt's field confidences (pure): per field, a logistic calibration of its signals fitted
 * out of fold (folds by shop), and per-field review thresholds from the rule "at most `maxWrong` of the done
 * receipts hold a wrong field", with the thresholds' own held-out figure (each fold decided by thresholds chosen
 * without it).
 */
import { applyLogistic, fitLogistic, type LogisticCalibration, type ReceiptField } from '@invoice/extraction';
import { chooseThresholds, tallyDone, type FieldDecision } from './train.report.js';
import { foldOf } from './train.folds.js';

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
