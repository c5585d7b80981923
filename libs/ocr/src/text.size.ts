/**
 * The size of a page's print, measured from its connected components: pure functions over grey pixels (one byte
 * per pixel), no sharp here. Tesseract reads best at a given size of text, not at a given size of page: a
 * 5000 x 7000 scan of a small receipt holds large print, a phone photo of a dense invoice small print. The
 * preprocessing scales each page so that its median character height comes out at a target (see
 * preprocess.plan.ts), and falls back to the page's short side when the page shows too few characters.
 */
import type { GreyPixels } from './preprocess.page.js';
import { greyHistogram } from './grey.analysis.js';
import { otsuLevelOfHistogram } from './grey.otsu.js';

export interface TextSize {
  /** Median height, in pixels of the measured image, of the components that look like characters. */
  medianHeight: number;
  /** How many components looked like characters. */
  characters: number;
}

/** A page with fewer character-like components is not measured (a photo, a blank page, a logo). */
export const MIN_CHARACTERS = 30;

interface Component {
  width: number;
  height: number;
  pixels: number;
}

/** Whether a component's box and fill look like one printed character (or a few touching ones). */
export function looksLikeCharacter(c: Component, pageHeight: number): boolean {
  if (c.height < 5 || c.height > pageHeight / 8) return false;
  if (c.width > 3 * c.height || c.height > 6 * c.width) return false;
  const fill = c.pixels / (c.width * c.height);
  return fill >= 0.12 && fill <= 0.9;
}

/** 8-connected components of the ink (pixels at or under `threshold`), as boxes and pixel counts. */
export function inkComponents(page: GreyPixels, threshold: number): Component[] {
  const { data, width, height } = page;
  if (data.length !== width * height) throw new RangeError(`expected ${width * height} grey bytes, got ${data.length}`);
  const seen = new Uint8Array(data.length);
  const stack = new Int32Array(data.length);
  const out: Component[] = [];
  for (let start = 0; start < data.length; start++) {
    if (seen[start] || (data[start] as number) > threshold) continue;
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    let x0 = width;
    let y0 = height;
    let x1 = -1;
    let y1 = -1;
    let pixels = 0;
    while (top > 0) {
      const i = stack[--top] as number;
      const x = i % width;
      const y = (i - x) / width;
      pixels++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const j = ny * width + nx;
          if (!seen[j] && (data[j] as number) <= threshold) {
            seen[j] = 1;
            stack[top++] = j;
          }
        }
      }
    }
    out.push({ width: x1 - x0 + 1, height: y1 - y0 + 1, pixels });
  }
  return out;
}

/**
 * The median height of the character-like components of the ink (Otsu's split), or null when fewer than
 * {@link MIN_CHARACTERS} are found. Dark print on light paper is assumed (the ink is the darker class).
 */
export function measureTextSize(page: GreyPixels): TextSize | null {
  const threshold = otsuLevelOfHistogram(greyHistogram(page.data)) ?? 128;
  const heights = inkComponents(page, threshold)
    .filter((c) => looksLikeCharacter(c, page.height))
    .map((c) => c.height)
    .sort((a, b) => a - b);
  if (heights.length < MIN_CHARACTERS) return null;
  return { medianHeight: heights[Math.floor(heights.length / 2)] as number, characters: heights.length };
}
