/**
 * A diagnostic "engine" for SROIE receipts: the data set's own line transcripts (`<ID>.box.txt`) turned into
 * OCR words, as if the OCR had read every line perfectly (`--engine transcript`). Scoring the extraction on
 * these separates what the OCR loses from what the extraction rules lose ("oracle OCR"). Never a headline
 * figure: the boxes are hand-drawn lines, not tesseract's words.
 */
import { readFile } from 'node:fs/promises';
import type { OcrPageResult, OcrWord } from '@invoice/contracts';

/** Confidence given to every transcript word (tesseract's "sure" range). */
export const TRANSCRIPT_CONFIDENCE = 95;

interface BoxLine {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

/** Lines of a SROIE `.box.txt`: the four corners' bounding rectangle and the transcript after the 8th comma. */
export function parseBoxLines(text: string): BoxLine[] {
  const out: BoxLine[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*((?:-?\d+\s*,\s*){8})(.*)$/.exec(line);
    if (!m) continue;
    const coords = (m[1] as string)
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean)
      .map(Number);
    const xs = [coords[0], coords[2], coords[4], coords[6]] as number[];
    const ys = [coords[1], coords[3], coords[5], coords[7]] as number[];
    const transcript = (m[2] as string).trim();
    if (!transcript) continue;
    out.push({ x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys), text: transcript });
  }
  return out;
}

/**
 * The words of the transcript lines, in reading order (rows of lines top to bottom, each row left to right):
 * each line's words get a slice of the line's box proportional to their place in its characters.
 */
export function pageFromBoxLines(lines: readonly BoxLine[]): OcrPageResult {
  // Top to bottom by centre; lines whose centre lies within half a line height of a row's first line join that row.
  const byCentre = [...lines].sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1));
  const rows: BoxLine[][] = [];
  for (const line of byCentre) {
    const row = rows[rows.length - 1];
    const head = row?.[0];
    if (row && head && Math.abs((line.y0 + line.y1) / 2 - (head.y0 + head.y1) / 2) <= (head.y1 - head.y0) / 2) row.push(line);
    else rows.push([line]);
  }
  const sorted = rows.flatMap((row) => row.sort((a, b) => a.x0 - b.x0));
  const words: OcrWord[] = [];
  for (const line of sorted) {
    const width = Math.max(1, line.x1 - line.x0);
    const perChar = width / Math.max(1, line.text.length);
    for (const m of line.text.matchAll(/\S+/g)) {
      const start = m.index ?? 0;
      words.push({
        text: m[0],
        confidence: TRANSCRIPT_CONFIDENCE,
        bbox: {
          x0: Math.round(line.x0 + start * perChar),
          y0: line.y0,
          x1: Math.round(line.x0 + (start + m[0].length) * perChar),
          y1: line.y1,
        },
        page: 0,
      });
    }
  }
  return {
    text: sorted.map((l) => l.text).join('\n'),
    words,
    meanConfidence: words.length ? TRANSCRIPT_CONFIDENCE : 0,
    width: Math.max(0, ...lines.map((l) => l.x1)),
    height: Math.max(0, ...lines.map((l) => l.y1)),
    durationMs: 0,
    engineVersion: 'sroie-transcript',
    qrPayload: null,
  };
}

/** The page of a receipt image from the `.box.txt` beside it (`X.jpg` -> `X.box.txt`). */
export async function recognizeFromTranscript(imagePath: string): Promise<OcrPageResult> {
  const boxPath = imagePath.replace(/\.(jpe?g|png)$/i, '.box.txt');
  return pageFromBoxLines(parseBoxLines(await readFile(boxPath, 'utf8')));
}
