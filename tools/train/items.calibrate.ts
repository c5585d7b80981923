/**
 * Calibration of the line items' confidence (pure): leave-one-group-out predictions, the review threshold from
 * the rule "at most `maxWrong` of the accepted documents with a wrong line", and the threshold's own held-out
 * figure (each group decided by a threshold chosen without it).
 */
import { applyLogistic, fitLogistic, type LogisticCalibration } from '@invoice/extraction';

export interface ItemsRow {
  /** Where the document comes from (`einvoice-dev/scan`...) and its producer or issuer (the fold). */
  set: string;
  group: string;
  x: number[];
  /** Every line's quantity, unit price and amount right, and as many lines as printed: what the confidence predicts. */
  right: boolean;
  /** Descriptions right too (the line items' exact rate). */
  exact: boolean;
}

export interface HeldOut extends ItemsRow {
  probability: number;
}

export const fitItems = (rows: readonly ItemsRow[]): LogisticCalibration => fitLogistic(rows, { l2: 0.01, epochs: 600 });

/** Each row's probability from a calibration fitted without its group. */
export function leaveGroupOut(rows: readonly ItemsRow[]): HeldOut[] {
  const groups = [...new Set(rows.map((r) => r.group))].sort();
  const out: HeldOut[] = [];
  for (const group of groups) {
    const model = fitItems(rows.filter((r) => r.group !== group));
    for (const row of rows.filter((r) => r.group === group)) out.push({ ...row, probability: applyLogistic(model, row.x) });
  }
  return out;
}

/** Accepted (at or above the threshold) and wrong among them. */
export function tally(rows: readonly HeldOut[], threshold: number): { accepted: number; wrong: number; inexact: number } {
  const accepted = rows.filter((r) => r.probability >= threshold);
  return { accepted: accepted.length, wrong: accepted.filter((r) => !r.right).length, inexact: accepted.filter((r) => !r.exact).length };
}

/**
 * The lowest threshold at which at most `maxWrong` of the accepted rows are wrong (each candidate is a row's
 * probability, rounded up to 3 decimals); 1 when none keeps the rule (nothing accepted by the sums and words alone).
 */
export function chooseThreshold(rows: readonly HeldOut[], maxWrong: number): number {
  const candidates = [...new Set(rows.map((r) => Math.ceil(r.probability * 1000) / 1000))].sort((a, b) => a - b);
  for (const t of candidates) {
    const { accepted, wrong } = tally(rows, t);
    if (accepted > 0 && wrong <= maxWrong * accepted) return t;
  }
  return 1;
}

/** Each group decided by the threshold chosen on the other groups' held-out rows. */
export function thresholdOutOfGroup(rows: readonly HeldOut[], maxWrong: number): { accepted: number; wrong: number } {
  let accepted = 0;
  let wrong = 0;
  for (const group of new Set(rows.map((r) => r.group))) {
    const threshold = chooseThreshold(
      rows.filter((r) => r.group !== group),
      maxWrong,
    );
    const t = tally(
      rows.filter((r) => r.group === group),
      threshold,
    );
    accepted += t.accepted;
    wrong += t.wrong;
  }
  return { accepted, wrong };
}
