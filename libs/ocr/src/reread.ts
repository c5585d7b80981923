import type { BBox } from '@invoice/contracts';

/**
 * Rereading a region of a page: the region is cut from the preprocessed page (grey, contrast-stretched,
 * at the OCR magnification), binarized with its own Otsu threshold and read by tesseract as one text
 * line (page segmentation mode 7). Pure helpers here; the engine does the reading.
 *
 * Why: tesseract binarizes a whole page with one adaptive pass, and on the generated invoices the thin,
 * coloured monospace item columns on a grained background come out broken ("1% 484:31;€" for
 * "7 x 484.31 €"). The same cells cut out and thresholded on their own read right: on the 195 item rows of
 * the 34 generated invoices (seed 500000 set) whose line items were wrong, the column read as the right
 * quantity and price in 156 rows by the page pass, 171 reread as one line without binarization, 194
 * with it (28 ms per cell). Magnifying the cell further hurts (1.5x, 2x); see docs/evaluation/2026-12-04-extraction-quality.md.
 */

/** Rectangle in pixels of an image: left, top, width, height (sharp's extract region). */
export interface PixelRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** How page boxes map into the preprocessed image: x' = (x - offsetX) * scaleX. */
export interface RegionMapping {
  scaleX: number;
  scaleY: number;
  offsetX: number;
  offsetY: number;
  /** Size of the preprocessed image. */
  width: number;
  height: number;
}

/** White kept around a region, in region heights (tesseract reads text touching the border badly). */
export const REREAD_PADDING = 0.5;
/** Rereads asked for per page, at most (each costs a tesseract call). */
export const MAX_REREADS_PER_PAGE = 40;

/**
 * The rectangle of the preprocessed image holding a page region, padded by `padding` region heights on
 * every side, clamped to the image; null when nothing of it is inside the image.
 */
export function regionRect(box: BBox, mapping: RegionMapping, padding = REREAD_PADDING): PixelRect | null {
  const pad = Math.max(0, box.y1 - box.y0) * padding;
  const left = Math.max(0, Math.floor((box.x0 - pad - mapping.offsetX) * mapping.scaleX));
  const top = Math.max(0, Math.floor((box.y0 - pad - mapping.offsetY) * mapping.scaleY));
  const right = Math.min(mapping.width, Math.ceil((box.x1 + pad - mapping.offsetX) * mapping.scaleX));
  const bottom = Math.min(mapping.height, Math.ceil((box.y1 + pad - mapping.offsetY) * mapping.scaleY));
  if (right - left < 2 || bottom - top < 2) return null;
  return { left, top, width: right - left, height: bottom - top };
}

/** The ink level of a crop Otsu cannot split (one grey level): darker than mid-grey is ink. */
export const UNSPLIT_INK_LEVEL = 127;

/** Black (0) at or below `inkLevel` (the darker class's last grey level, e.g. `otsuLevel`), white (255) above it; a new buffer. */
export function binarize(pixels: Uint8Array, inkLevel: number): Buffer {
  const out = Buffer.alloc(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = (pixels[i] as number) <= inkLevel ? 0 : 255;
  return out;
}

/** Copies a rectangle out of a grey image stored row by row (`width` bytes per row). */
export function cropGrey(pixels: Uint8Array, width: number, rect: PixelRect): Buffer {
  const out = Buffer.alloc(rect.width * rect.height);
  for (let y = 0; y < rect.height; y++) {
    const start = (rect.top + y) * width + rect.left;
    out.set(pixels.subarray(start, start + rect.width), y * rect.width);
  }
  return out;
}

/** The pixels and size of a binary PGM (P5, 8-bit), as preprocessing hands it to tesseract. */
export function pgmPixels(pgm: Buffer): { data: Buffer; width: number; height: number } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not an 8-bit binary PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const data = pgm.subarray(header[0].length);
  if (data.length !== width * height) throw new Error(`PGM holds ${data.length} bytes, expected ${width * height}`);
  return { data, width, height };
}
