/**
 * Choosing the PP-OCR reread threshold (`OCR_SECOND_THRESHOLD`) without measuring on the receipts it was chosen on:
 * the receipts are split into two folds by shop (every receipt of one shop in one fold), the threshold is chosen on
 * one fold (the lowest case-free character error rate among the thresholds whose CPU time per page stays within the
 * budget, ties to the cheaper one) and its error rate is reported on the other.
 */
import { createHash } from 'node:crypto';
import type { CerResult } from './cer.js';

/** One document of one run: its shop, its case-free error counts and whether its compared fields were right. */
export interface RunDocument {
  id: string;
  shop: string;
  cer: CerResult | null;
  fieldsRight: number;
  fields: number;
}

/** One evaluation run: the threshold it reread under (null: tesseract alone) and its CPU seconds per page. */
export interface ThresholdRun {
  threshold: number | null;
  cpuSecondsPerPage: number;
  documents: RunDocument[];
}

/** A shop's key: its name without case, accents, blanks and punctuation. */
export const shopKey = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** The fold (0 or 1) of a shop: from a hash of its key, so a shop's receipts always land together. */
export const foldOf = (shop: string): 0 | 1 => ((createHash('sha256').update(shopKey(shop)).digest()[0] ?? 0) % 2) as 0 | 1;

export interface FoldFigures {
  documents: number;
  cer: number;
  fieldsRight: number;
  fields: number;
}

/** Case-free error rate (best word window) and fields right over the documents of one fold. */
export function foldFigures(run: ThresholdRun, fold: 0 | 1): FoldFigures {
  const docs = run.documents.filter((d) => foldOf(d.shop) === fold);
  const chars = docs.reduce((a, d) => a + (d.cer?.chars ?? 0), 0);
  const errors = docs.reduce((a, d) => a + (d.cer?.errorsWindow ?? 0), 0);
  return {
    documents: docs.length,
    cer: chars ? errors / chars : 0,
    fieldsRight: docs.reduce((a, d) => a + d.fieldsRight, 0),
    fields: docs.reduce((a, d) => a + d.fields, 0),
  };
}

export interface FoldChoice {
  /** The fold the threshold was chosen on, and the one it is reported on. */
  chosenOn: 0 | 1;
  reportedOn: 0 | 1;
  threshold: number | null;
  chosen: FoldFigures;
  reported: FoldFigures;
  /** The reference (tesseract alone) on the reported fold. */
  reference: FoldFigures;
  cpuRatio: number;
}

/**
 * For each fold: the threshold with the lowest error rate on it among the runs whose CPU per page is at most
 * `cpuBudget` × the reference run's (the reference itself is a candidate), reported on the other fold.
 */
export function chooseByFold(reference: ThresholdRun, runs: readonly ThresholdRun[], cpuBudget: number): FoldChoice[] {
  const affordable = [reference, ...runs].filter((r) => r.cpuSecondsPerPage <= cpuBudget * reference.cpuSecondsPerPage);
  return ([0, 1] as const).map((chosenOn) => {
    const reportedOn = chosenOn === 0 ? 1 : 0;
    const best = affordable
      .map((run) => ({ run, figures: foldFigures(run, chosenOn) }))
      .sort((a, b) => a.figures.cer - b.figures.cer || a.run.cpuSecondsPerPage - b.run.cpuSecondsPerPage)[0]!;
    return {
      chosenOn,
      reportedOn,
      threshold: best.run.threshold,
      chosen: best.figures,
      reported: foldFigures(best.run, reportedOn),
      reference: foldFigures(reference, reportedOn),
      cpuRatio: best.run.cpuSecondsPerPage / reference.cpuSecondsPerPage,
    };
  });
}
