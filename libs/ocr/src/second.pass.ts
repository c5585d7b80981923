import type { BBox, OcrReread, OcrWord } from '@invoice/contracts';
import type { GreyPixels } from './preprocess.page.js';
import { chooseLineReading } from './engine.choice.js';
import { mapBBoxToOriginal, type BoxMapping, type TessBlockLike } from './ocr.result.js';
import type { PpocrLine, PpocrRecognizer } from './ppocr.recognizer.js';
import { respaceLine } from './ppocr.respace.js';
import { cropGrey, regionRect, type RegionMapping } from './reread.js';

/**
 * The second recognizer's pass over a page: tesseract's lines whose mean word confidence is under a
 * threshold are cut from the preprocessed page and read again by PP-OCR; per line the reading that
 * `chooseLineReading` prefers is kept, PP-OCR's with tesseract's blanks where both read the same characters around them
 * (`respaceLine`). PP-OCR's words get boxes from their x span in the crop and the
 * line's top and bottom.
 */

/** Tesseract lines under this mean word confidence are read again. */
export const DEFAULT_SECOND_THRESHOLD = 85;
/** White kept above and below a line crop, in line heights (PP-OCR is trained on crops with a small margin). */
const LINE_PADDING = 0.2;
/**
 * Pages whose mean word confidence is under this are reread at all: tesseract reads clean pages well, and PP-OCR's
 * readings of their few doubtful lines are as often worse (a stray mark read as "8 7 7" after an item).
 */
export const DEFAULT_SECOND_PAGE_THRESHOLD = 85;

/** Whether a page is read poorly enough by tesseract (mean word confidence under `pageThreshold`) for PP-OCR to reread its doubtful lines. */
export function pageNeedsSecondReading(lines: readonly (readonly OcrWord[])[], pageThreshold: number): boolean {
  const words = lines.flat();
  return words.length > 0 && meanConfidence(words) < pageThreshold;
}

/** Lines reread per page, at most (lowest confidence first). */
export const MAX_SECOND_READS_PER_PAGE = 80;

/** Tesseract's words grouped by line, in reading order, boxes in original pixels, blank words dropped. */
export function collectLines(blocks: readonly TessBlockLike[] | null | undefined, mapping: BoxMapping, page = 0): OcrWord[][] {
  const lines: OcrWord[][] = [];
  for (const block of blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const words: OcrWord[] = [];
        for (const word of line.words) {
          const text = word.text.trim();
          if (text === '') continue;
          const confidence = Math.round(Math.min(100, Math.max(0, word.confidence)) * 100) / 100;
          words.push({ text, confidence, bbox: mapBBoxToOriginal(word.bbox, mapping), page });
        }
        if (words.length) lines.push(words);
      }
    }
  }
  return lines;
}

export function lineBox(words: readonly OcrWord[]): BBox {
  return {
    x0: Math.min(...words.map((w) => w.bbox.x0)),
    y0: Math.min(...words.map((w) => w.bbox.y0)),
    x1: Math.max(...words.map((w) => w.bbox.x1)),
    y1: Math.max(...words.map((w) => w.bbox.y1)),
  };
}

const meanConfidence = (words: readonly OcrWord[]): number => words.reduce((s, w) => s + w.confidence, 0) / words.length;

/** PP-OCR's words in page pixels: x from their span in the crop (at `rect` of the preprocessed image), y from the line's box. */
export function ppocrWordsOnPage(line: PpocrLine, rect: { left: number }, mapping: RegionMapping, box: BBox, page: number): OcrWord[] {
  return line.words.map((w) => ({
    text: w.text,
    confidence: w.confidence,
    bbox: {
      x0: Math.max(box.x0, Math.floor(mapping.offsetX + (rect.left + w.x0) / mapping.scaleX)),
      y0: box.y0,
      x1: Math.min(box.x1, Math.ceil(mapping.offsetX + (rect.left + w.x1) / mapping.scaleX)),
      y1: box.y1,
    },
    page,
  }));
}

export interface SecondPassResult {
  lines: OcrWord[][];
  /** Lines PP-OCR read, and of those the ones whose PP-OCR reading was kept. */
  read: number;
  replaced: number;
}

/** Rereads the doubtful lines of a page with PP-OCR and keeps, per line, the reading the engine choice prefers. */
export async function secondPass(
  recognizer: PpocrRecognizer,
  image: { data: Uint8Array; width: number; height: number },
  mapping: RegionMapping,
  lines: readonly OcrWord[][],
  threshold: number,
): Promise<SecondPassResult> {
  const doubtful = lines
    .map((words, index) => ({ index, confidence: meanConfidence(words) }))
    .filter((l) => l.confidence < threshold)
    .sort((a, b) => a.confidence - b.confidence)
    .slice(0, MAX_SECOND_READS_PER_PAGE);
  const out = [...lines];
  let replaced = 0;
  for (const { index, confidence } of doubtful) {
    const words = lines[index] as OcrWord[];
    const box = lineBox(words);
    const rect = regionRect(box, mapping, LINE_PADDING);
    if (!rect || rect.height < 4) continue;
    const tessText = words.map((w) => w.text).join(' ');
    const reading = respaceLine(await recognizer.recognizeLine(cropGrey(image.data, image.width, rect), rect.width, rect.height), tessText);
    const choice = chooseLineReading({ text: tessText, confidence }, reading);
    if (choice.engine !== 'ppocr') continue;
    out[index] = ppocrWordsOnPage(reading, rect, mapping, box, words[0]?.page ?? 0);
    replaced++;
  }
  return { lines: out, read: doubtful.length, replaced };
}

/** Page text from lines: words joined by spaces, lines by newlines. */
export function linesText(lines: readonly OcrWord[][]): string {
  return lines.map((words) => words.map((w) => w.text).join(' ')).join('\n');
}

/** Lines confirmed per page, at most (a receipt's name, address, date and total lines). */
export const MAX_CONFIRMATIONS = 12;
/** White kept around a confirmed line, in line heights. */
const CONFIRM_PADDING = 0.25;

/**
 * Reads lines of the decoded page (`grey`, whose origin is at `offset` in page pixels) with PP-OCR, each from its
 * box (page pixels) with a margin: the line's reading, its words placed in page pixels as {@link ppocrWordsOnPage} does.
 */
export async function readLinesAgain(
  recognizer: PpocrRecognizer,
  grey: GreyPixels,
  offset: { x: number; y: number },
  boxes: readonly BBox[],
  page: number,
): Promise<OcrReread[]> {
  const mapping: RegionMapping = { scaleX: 1, scaleY: 1, offsetX: offset.x, offsetY: offset.y, width: grey.width, height: grey.height };
  const out: OcrReread[] = [];
  for (const box of boxes.slice(0, MAX_CONFIRMATIONS)) {
    const rect = regionRect(box, mapping, CONFIRM_PADDING);
    if (!rect || rect.height < 4 || rect.width < 4) continue;
    const line = await recognizer.recognizeLine(cropGrey(grey.data, grey.width, rect), rect.width, rect.height);
    const words = ppocrWordsOnPage(line, rect, mapping, box, page);
    out.push({ bbox: box, text: line.text, words, confidence: line.confidence });
  }
  return out;
}
