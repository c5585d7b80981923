/**
 * Character error rate of OCR text against line transcripts whose order is not the reading order (SROIE
 * boxes). Order-free method: each transcript line is matched with the OCR text that is closest to it by
 * Levenshtein distance, independently of the other lines, and the errors are that distance (capped at the
 * line's length: a line not found at all costs all its characters). CER = sum of errors / sum of transcript
 * characters. Two candidate sets:
 * - `line`: whole OCR lines (tesseract's lines, whitespace collapsed);
 * - `window`: any run of consecutive words inside one OCR line, since tesseract may put on one line what the
 *   transcript splits into several boxes (`TOTAL` ... `9.00`).
 * Both are recall-oriented: OCR text that matches no transcript line (noise, hallucinations) costs nothing, and
 * one OCR line may serve several transcript lines. Case is kept; whitespace is collapsed on both sides.
 */
import { distance } from 'fastest-levenshtein';

export interface CerResult {
  /** Transcript lines scored (blank ones are skipped). */
  lines: number;
  /** Characters in those lines. */
  chars: number;
  errorsLine: number;
  errorsWindow: number;
}

export const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Non-blank OCR lines, whitespace collapsed. */
export function ocrLines(text: string): string[] {
  return text.split(/\r?\n/).map(collapse).filter(Boolean);
}

/** Every run of consecutive words of each line (lines of more than `maxWords` words: runs of up to `maxWords`). */
export function wordWindows(lines: readonly string[], maxWords = 16): string[] {
  const out = new Set<string>();
  for (const line of lines) {
    const words = line.split(' ');
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j <= Math.min(words.length, i + maxWords); j++) out.add(words.slice(i, j).join(' '));
    }
  }
  return [...out];
}

/** Smallest edit distance from `reference` to one of `candidates`, at most reference.length. */
export function bestDistance(reference: string, candidates: readonly string[]): number {
  let best = reference.length;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - reference.length) >= best) continue;
    const d = distance(reference, candidate);
    if (d < best) {
      best = d;
      if (best === 0) break;
    }
  }
  return best;
}

export function orderFreeCer(transcripts: readonly string[], ocrText: string): CerResult {
  const lines = ocrLines(ocrText);
  const windows = wordWindows(lines);
  const result: CerResult = { lines: 0, chars: 0, errorsLine: 0, errorsWindow: 0 };
  for (const raw of transcripts) {
    const reference = collapse(raw);
    if (!reference) continue;
    result.lines++;
    result.chars += reference.length;
    result.errorsLine += bestDistance(reference, lines);
    result.errorsWindow += bestDistance(reference, windows);
  }
  return result;
}

/** Adds per-document results (micro-average: every character weighs the same). */
export function sumCer(results: readonly CerResult[]): CerResult {
  return results.reduce(
    (acc, r) => ({
      lines: acc.lines + r.lines,
      chars: acc.chars + r.chars,
      errorsLine: acc.errorsLine + r.errorsLine,
      errorsWindow: acc.errorsWindow + r.errorsWindow,
    }),
    { lines: 0, chars: 0, errorsLine: 0, errorsWindow: 0 },
  );
}
