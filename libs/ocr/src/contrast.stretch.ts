/**
 * sharp's `normalise()` (1st..99th percentile of lightness stretched to the full range) as a table from grey level
 * to grey level, equal to sharp's output pixel for pixel, for a fraction of its cost.
 *
 * sharp converts the page to L*a*b*, finds the stretch's two points with libvips' `percent` on the L* band and maps
 * L* linearly before converting back. Every step but the two points works on each pixel alone, so the whole stretch
 * is a function of the grey level once the points are known. The points come from the page's grey-level histogram
 * (as libvips finds them, below); the table itself is computed by libvips, with sharp's own normalise, on a small
 * calibration image holding each of the page's grey levels once plus two blocks that put the points where the
 * page's are. Tesseract's reading changes with grey levels one unit off (a total of 8308,96 read 83608,96 on a
 * generated invoice with a table that rounded L* differently from libvips), hence a table libvips computes rather
 * than an approximation of its colour arithmetic.
 */
import sharp from 'sharp';
import { greyHistogram } from './grey.analysis.js';

/** The two L* values (whole units) sharp's normalise stretches to black and white. */
export interface StretchPoints {
  black: number;
  white: number;
}

let binsOnce: Promise<Uint8Array> | null = null;

async function computeBins(): Promise<Uint8Array> {
  const levels = Uint8Array.from({ length: 256 }, (_, level) => level);
  const lab = await sharp(levels, { raw: { width: 256, height: 1, channels: 1 } })
    .toColourspace('lab')
    .raw({ depth: 'float' })
    .toBuffer();
  const values = new Float32Array(lab.buffer, lab.byteOffset, lab.length / 4);
  return Uint8Array.from({ length: 256 }, (_, level) => Math.trunc(values[level * 3] as number));
}

/** libvips' L* of each grey level, truncated to whole units as its histogram of the L* band counts it (computed once). */
export function lightnessBins(): Promise<Uint8Array> {
  if (!binsOnce) {
    binsOnce = computeBins();
    // A failure is not kept: the next page asks libvips again.
    binsOnce.catch(() => (binsOnce = null));
  }
  return binsOnce;
}

/**
 * libvips' `percent(percent)` of the L* band of a page given by its grey-level histogram: the cumulative histogram of
 * the L* bins, scaled so that it ends at the highest bin and truncated to whole numbers (hist_norm), is compared with
 * percent / 100 × (number of bins); the first bin above it, or the number of bins when none is.
 */
export function lightnessPercent(histogram: Uint32Array, bins: Uint8Array, percent: number): number {
  const counts = new Float64Array(256);
  let total = 0;
  let highest = 0;
  for (let level = 0; level < 256; level++) {
    const count = histogram[level] as number;
    if (count === 0) continue;
    const bin = bins[level] as number;
    counts[bin]! += count;
    total += count;
    highest = Math.max(highest, bin);
  }
  const size = highest + 1;
  // libvips scales the histogram in single precision (vips_linear on a uint image).
  const scale = Math.fround(highest / total);
  const threshold = (percent / 100) * size;
  let cumulative = 0;
  for (let bin = 0; bin < size; bin++) {
    cumulative += counts[bin] as number;
    if (Math.trunc(Math.fround(scale * Math.fround(cumulative))) > threshold) return bin;
  }
  return size;
}

/** The points sharp's `normalise()` (lower 1, upper 99) stretches; null when they are 1 L* apart or less (sharp leaves such a page alone). */
export function stretchPoints(histogram: Uint32Array, bins: Uint8Array): StretchPoints | null {
  const black = lightnessPercent(histogram, bins, 1);
  const white = lightnessPercent(histogram, bins, 99);
  return Math.abs(white - black) > 1 ? { black, white } : null;
}

/** Pixels of each block of the calibration image: enough that the page's levels, one pixel each, never decide a point. */
const CALIBRATION_BLOCK = 32_768;

/**
 * The calibration image for a page: each grey level the page has, once, then a block of the darkest level in the
 * black point's bin and a block of the page's lightest level. Null when the page has no level in the black point's bin.
 */
export function calibrationImage(
  histogram: Uint32Array,
  bins: Uint8Array,
  points: StretchPoints,
): { pixels: Uint8Array; levels: number[] } | null {
  const levels: number[] = [];
  for (let level = 0; level < 256; level++) if ((histogram[level] as number) > 0) levels.push(level);
  const dark = levels.find((level) => bins[level] === points.black);
  const light = levels[levels.length - 1];
  if (dark === undefined || light === undefined) return null;
  const pixels = new Uint8Array(levels.length + 2 * CALIBRATION_BLOCK);
  pixels.set(levels);
  pixels.fill(dark, levels.length, levels.length + CALIBRATION_BLOCK);
  pixels.fill(light, levels.length + CALIBRATION_BLOCK);
  return { pixels, levels };
}

/** Grey pixels through sharp's normalise (one band in, one band out). */
async function sharpNormalise(data: Uint8Array, width: number, height: number): Promise<Buffer> {
  return sharp(data, { raw: { width, height, channels: 1 } })
    .normalise()
    .toColourspace('b-w')
    .raw()
    .toBuffer();
}

/**
 * The table that does to every pixel of `page` what sharp's `normalise()` does to it; null when normalise leaves
 * the page as it is. The levels the page does not have map to themselves. Should the calibration image not put
 * the points where the page's are, the table is read off sharp's normalise of the page itself.
 */
export async function normaliseTable(
  page: { data: Uint8Array; width: number; height: number },
  histogram: Uint32Array,
): Promise<Uint8Array | null> {
  const bins = await lightnessBins();
  const points = stretchPoints(histogram, bins);
  if (!points) return null;
  const table = Uint8Array.from({ length: 256 }, (_, level) => level);
  const calibration = calibrationImage(histogram, bins, points);
  const calibrationHistogram = calibration ? greyHistogram(calibration.pixels) : null;
  const same = calibrationHistogram ? samePoints(stretchPoints(calibrationHistogram, bins), points) : false;
  if (calibration && same) {
    const out = await sharpNormalise(calibration.pixels, calibration.pixels.length, 1);
    calibration.levels.forEach((level, i) => (table[level] = out[i] as number));
    return table;
  }
  const out = await sharpNormalise(page.data, page.width, page.height);
  for (let i = 0; i < page.data.length; i++) table[page.data[i] as number] = out[i] as number;
  return table;
}

const samePoints = (a: StretchPoints | null, b: StretchPoints) => a !== null && a.black === b.black && a.white === b.white;
