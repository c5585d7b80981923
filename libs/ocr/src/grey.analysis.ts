/**
 * A downscaled copy of a page (for the dark-border search), one histogram that gives every grey level the
 * preprocessing decides on (ink share, paper tone, Otsu's split), and a lookup table applied to every pixel (the
 * contrast stretch: contrast.stretch.ts): pure functions over grey pixels (one byte per pixel), no sharp here.
 */
import type { GreyPixels } from './preprocess.page.js';

/** Longest side of the analysis copy: about 1 MP for a page, enough for grey-level statistics and for a dark border. */
export const ANALYSIS_COPY_SIDE = 1000;

/** Every `step`-th pixel of every `step`-th row (nearest neighbour: grey levels are kept as they are, not averaged). */
export function subsample(page: GreyPixels, maxSide = ANALYSIS_COPY_SIDE): GreyPixels & { step: number } {
  const { data, width, height } = page;
  if (data.length !== width * height) throw new RangeError(`expected ${width * height} grey bytes, got ${data.length}`);
  const step = Math.max(1, Math.ceil(Math.max(width, height) / maxSide));
  if (step === 1) return { data, width, height, step };
  const w = Math.ceil(width / step);
  const h = Math.ceil(height / step);
  const out = new Uint8Array(w * h);
  for (let y = 0, i = 0; y < h; y++) {
    const row = y * step * width;
    for (let x = 0; x < w; x++) out[i++] = data[row + x * step] as number;
  }
  return { data: out, width: w, height: h, step };
}

export function greyHistogram(data: Uint8Array): Uint32Array {
  const histogram = new Uint32Array(256);
  for (let i = 0; i < data.length; i++) histogram[data[i] as number]!++;
  return histogram;
}

/** The grey level that `share` of the pixels are at or under (0..255). */
export function histogramPercentile(histogram: Uint32Array, share: number): number {
  let total = 0;
  for (let level = 0; level < 256; level++) total += histogram[level] as number;
  const wanted = Math.max(1, Math.round(share * total));
  let seen = 0;
  for (let level = 0; level < 256; level++) {
    seen += histogram[level] as number;
    if (seen >= wanted) return level;
  }
  return 255;
}

/** Maps every pixel through `table`, in place. */
export function applyTable(data: Uint8Array, table: Uint8Array): void {
  for (let i = 0; i < data.length; i++) data[i] = table[data[i] as number] as number;
}
