/**
 * Per-page measurements that choose how a page is prepared (the `adapt` step), pure functions over grey
 * pixels (one byte per pixel), no sharp here:
 * - a dark border around the paper (the scanner's lid or table, a torn edge) makes tesseract's page layout
 *   analysis see one big picture and return no text at all: the dark region joined to the image's edge is
 *   painted the paper's colour;
 * - the contrast stretch (1st..99th percentile to black..white) is for black print on white paper: on
 *   grey paper (a thermal receipt, a photo, uneven light) it reads worse, and where less than 1% of the
 *   page is ink (a small receipt on a large white scan) it turns the paper itself black.
 */
import { otsuLevel, otsuLevelOfHistogram } from './grey.otsu.js';
import { histogramPercentile } from './grey.analysis.js';

export interface GreyPixels {
  data: Uint8Array;
  width: number;
  height: number;
}

/** The grey level that `share` of the pixels are at or under (0..255), from the histogram. */
export function greyPercentile(data: Uint8Array, share: number): number {
  const histogram = new Uint32Array(256);
  for (let i = 0; i < data.length; i++) histogram[data[i] as number]!++;
  const wanted = Math.max(1, Math.round(share * data.length));
  let seen = 0;
  for (let level = 0; level < 256; level++) {
    seen += histogram[level] as number;
    if (seen >= wanted) return level;
  }
  return 255;
}

export interface BorderOptions {
  /** A pixel darker than this share of the paper's grey level can belong to the border. Default 0.35. */
  darkShare?: number;
  /** Borders covering less of the page than this are left alone (a scanner's thin edge line). Default 0.005. */
  minShare?: number;
}

/**
 * Paints the paper's colour over the dark region joined to the image's edge (4-connected flood from every
 * edge pixel darker than `darkShare` x the paper's grey, the 90th percentile). Text on the paper is not
 * reached unless it touches a dark border. Returns how much of the page was painted (0 when nothing was,
 * or less than `minShare`, in which case the pixels are unchanged).
 */
export function whitenDarkBorder(page: GreyPixels, options: BorderOptions = {}): number {
  const { data, width, height } = page;
  if (data.length !== width * height) throw new RangeError(`expected ${width * height} grey bytes, got ${data.length}`);
  const paper = greyPercentile(data, 0.9);
  const dark = Math.floor(paper * (options.darkShare ?? 0.35));
  const mark = new Uint8Array(data.length);
  const stack = new Int32Array(data.length);
  let top = 0;
  const push = (i: number) => {
    if (mark[i] === 0 && (data[i] as number) < dark) {
      mark[i] = 1;
      stack[top++] = i;
    }
  };
  for (let x = 0; x < width; x++) {
    push(x);
    push((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    push(y * width);
    push(y * width + width - 1);
  }
  let painted = 0;
  while (top > 0) {
    const i = stack[--top] as number;
    painted++;
    const x = i % width;
    if (x > 0) push(i - 1);
    if (x < width - 1) push(i + 1);
    if (i >= width) push(i - width);
    if (i < data.length - width) push(i + width);
  }
  const share = painted / data.length;
  if (share < (options.minShare ?? 0.005)) return 0;
  for (let i = 0; i < data.length; i++) if (mark[i]) data[i] = paper;
  return share;
}

/** Grey levels that decide whether the contrast stretch is used (see {@link stretchSuits}). */
export interface PageTones {
  /** Darkest 1% of the pixels are at or under this level. */
  p1: number;
  /** Median grey: the paper's tone on a page that is mostly paper. */
  median: number;
  /** Otsu's split between ink and paper: the darker class's last grey level (128 for a page of one grey). */
  otsu: number;
}

export function pageTones(data: Uint8Array): PageTones {
  return { p1: greyPercentile(data, 0.01), median: greyPercentile(data, 0.5), otsu: otsuLevel(data) ?? 128 };
}

/** The same tones from a histogram (of the analysis copy). */
export function histogramTones(histogram: Uint32Array): PageTones {
  return {
    p1: histogramPercentile(histogram, 0.01),
    median: histogramPercentile(histogram, 0.5),
    otsu: otsuLevelOfHistogram(histogram) ?? 128,
  };
}

/** Paper at least this light (median grey) counts as white. */
export const WHITE_PAPER = 250;

/**
 * Whether the 1st..99th percentile contrast stretch suits the page: white paper (median >= 250) and at least
 * 1% of the page as ink (the 1st percentile darker than Otsu's threshold, else the stretch's black point
 * falls on paper). Measured on the SROIE receipts and the generated invoices (docs/evaluation/2026-11-25-preprocessing.md).
 */
export function stretchSuits(tones: PageTones): boolean {
  return tones.median >= WHITE_PAPER && tones.p1 < tones.otsu;
}
