import type { BBox, OcrWord } from '@invoice/contracts';

/** The part of tesseract.js's `blocks` output this library reads (blocks -> paragraphs -> lines -> words). */
export interface TessWordLike {
  text: string;
  confidence: number;
  bbox: BBox;
}
export interface TessBlockLike {
  paragraphs: { lines: { words: TessWordLike[] }[] }[];
}

export interface BoxMapping {
  /** Factors from original to preprocessed pixels (see PreprocessPlan.scaleX/scaleY). */
  scaleX: number;
  scaleY: number;
  /** Size of the original (EXIF-rotated) image: boxes are clamped into it. */
  width: number;
  height: number;
  /** Where the preprocessed image starts in the original (a margin crop); 0 by default. */
  offsetX?: number;
  offsetY?: number;
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));
// Division by a non-integer factor leaves float noise (452 / 2.26 = 200.00000000000003): ignore it when rounding.
const EPSILON = 1e-6;
const floor = (value: number): number => Math.floor(value + EPSILON);
const ceil = (value: number): number => Math.ceil(value - EPSILON);

/**
 * Maps a box from preprocessed-image pixels back to original-image pixels. The box is widened
 * to whole pixels (floor the start, ceil the end) so it still covers the glyphs, then clamped.
 */
export function mapBBoxToOriginal(bbox: BBox, mapping: BoxMapping): BBox {
  const dx = mapping.offsetX ?? 0;
  const dy = mapping.offsetY ?? 0;
  const x0 = clamp(floor(bbox.x0 / mapping.scaleX) + dx, 0, mapping.width);
  const y0 = clamp(floor(bbox.y0 / mapping.scaleY) + dy, 0, mapping.height);
  const x1 = clamp(ceil(bbox.x1 / mapping.scaleX) + dx, x0, mapping.width);
  const y1 = clamp(ceil(bbox.y1 / mapping.scaleY) + dy, y0, mapping.height);
  return { x0, y0, x1, y1 };
}

/** Flattens tesseract's block tree into words in reading order, boxes in original pixels, blank words dropped. */
export function collectWords(blocks: readonly TessBlockLike[] | null | undefined, mapping: BoxMapping, page = 0): OcrWord[] {
  const words: OcrWord[] = [];
  for (const block of blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        for (const word of line.words) {
          const text = word.text.trim();
          if (text === '') continue;
          words.push({
            text,
            confidence: Math.round(clamp(word.confidence, 0, 100) * 100) / 100,
            bbox: mapBBoxToOriginal(word.bbox, mapping),
            page,
          });
        }
      }
    }
  }
  return words;
}

/** Mean of the word confidences (0..100, two decimals); 0 for a page without words. */
export function meanWordConfidence(words: readonly Pick<OcrWord, 'confidence'>[]): number {
  if (words.length === 0) return 0;
  const sum = words.reduce((acc, word) => acc + word.confidence, 0);
  return Math.round((sum / words.length) * 100) / 100;
}
