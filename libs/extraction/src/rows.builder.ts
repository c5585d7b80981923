import type { BBox, OcrWord } from '@invoice/contracts';
import { normalizeSpaces } from './text.normalize.js';

/** A run of words in a row with no wide horizontal gap (a "cell"). */
export interface Segment {
  words: OcrWord[];
  text: string;
  bbox: BBox;
}

/** Words that share a text line on the page, left to right, rebuilt from their boxes. */
export interface Row {
  page: number;
  words: OcrWord[];
  text: string;
  bbox: BBox;
  /** Deskewed vertical centre, used for ordering. */
  centerY: number;
  /** Median word height in the row. */
  height: number;
  segments: Segment[];
}

export interface RowOptions {
  /** A horizontal gap wider than this many row heights starts a new segment. Default 4 (a lost underscore in large type leaves a gap of ~2.5). */
  segmentGap?: number;
}

const cx = (b: BBox): number => (b.x0 + b.x1) / 2;
const cy = (b: BBox): number => (b.y0 + b.y1) / 2;
const height = (b: BBox): number => Math.max(1, b.y1 - b.y0);

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The box around boxes. */
export function union(boxes: readonly BBox[]): BBox {
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

/**
 * Page skew as a slope (dy/dx), from pairs of horizontally adjacent words on the same line:
 * each word is paired with its nearest neighbour to the right when the gap is under 2 word heights
 * and the boxes overlap vertically by half the smaller height. Returns the median slope, weighted by
 * horizontal distance, or 0 when there are too few pairs. Clamped to about +-5 degrees.
 */
export function estimateSkew(words: readonly OcrWord[]): number {
  const pairs: { slope: number; weight: number }[] = [];
  for (const a of words) {
    const ha = height(a.bbox);
    let best: OcrWord | null = null;
    for (const b of words) {
      if (b === a || b.page !== a.page || b.bbox.x0 < a.bbox.x1 - 0.2 * ha) continue;
      const hb = height(b.bbox);
      const gap = b.bbox.x0 - a.bbox.x1;
      if (gap > 2 * Math.max(ha, hb)) continue;
      const overlap = Math.min(a.bbox.y1, b.bbox.y1) - Math.max(a.bbox.y0, b.bbox.y0);
      if (overlap < 0.5 * Math.min(ha, hb)) continue;
      // Only words of similar size: a tall and a short box do not share a centre line.
      if (Math.max(ha, hb) > 1.6 * Math.min(ha, hb)) continue;
      if (!best || b.bbox.x0 < best.bbox.x0) best = b;
    }
    if (best) {
      const dx = cx(best.bbox) - cx(a.bbox);
      if (dx > 0) pairs.push({ slope: (cy(best.bbox) - cy(a.bbox)) / dx, weight: dx });
    }
  }
  if (pairs.length < 3) return 0;
  return clampSlope(weightedMedian(pairs));
}

const MAX_SLOPE = Math.tan((5 * Math.PI) / 180);
const clampSlope = (slope: number): number => Math.max(-MAX_SLOPE, Math.min(MAX_SLOPE, slope));

function weightedMedian(items: { slope: number; weight: number }[]): number {
  const sorted = [...items].sort((p, q) => p.slope - q.slope);
  const half = sorted.reduce((sum, p) => sum + p.weight, 0) / 2;
  let acc = 0;
  for (const p of sorted) {
    acc += p.weight;
    if (acc >= half) return p.slope;
  }
  return 0;
}

/**
 * A finer skew from rows already grouped: the least-squares slope of word centres in every row that
 * spans at least `minSpan` pixels with 3+ words, combined as a median weighted by span. Long rows
 * average out the centre noise of single words (ascenders, descenders, whole-pixel boxes).
 * Returns null when no row qualifies.
 */
export function refineSkew(rows: readonly { words: readonly OcrWord[] }[], minSpan: number): number | null {
  const fits: { slope: number; weight: number }[] = [];
  for (const row of rows) {
    if (row.words.length < 3) continue;
    const xs = row.words.map((w) => cx(w.bbox));
    const ys = row.words.map((w) => cy(w.bbox));
    const span = Math.max(...xs) - Math.min(...xs);
    if (span < minSpan) continue;
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    let sxy = 0;
    let sxx = 0;
    xs.forEach((x, i) => {
      sxy += (x - mx) * ((ys[i] as number) - my);
      sxx += (x - mx) ** 2;
    });
    if (sxx > 0) fits.push({ slope: sxy / sxx, weight: span });
  }
  return fits.length ? clampSlope(weightedMedian(fits)) : null;
}

/** Splits a row's words (sorted by x) where the horizontal gap exceeds `gap` pixels. */
export function splitSegments(words: readonly OcrWord[], gap: number): Segment[] {
  const segments: Segment[] = [];
  let current: OcrWord[] = [];
  for (const word of words) {
    const previous = current[current.length - 1];
    if (previous && word.bbox.x0 - previous.bbox.x1 > gap) {
      segments.push(makeSegment(current));
      current = [];
    }
    current.push(word);
  }
  if (current.length) segments.push(makeSegment(current));
  return segments;
}

function makeSegment(words: OcrWord[]): Segment {
  return { words, text: normalizeSpaces(words.map((w) => w.text).join(' ')), bbox: union(words.map((w) => w.bbox)) };
}

interface Pending {
  words: OcrWord[];
  /** Deskewed centres and heights of the row's words. */
  centers: number[];
  heights: number[];
}

/** Groups one page's words into rows for a given skew slope (see {@link buildRows}). */
function groupRows(pageWords: readonly OcrWord[], slope: number): Pending[] {
  const deskewed = (w: OcrWord): number => cy(w.bbox) - slope * cx(w.bbox);
  const medianHeight = median(pageWords.map((w) => height(w.bbox)));
  const isSmall = (w: OcrWord): boolean => height(w.bbox) < 0.5 * medianHeight;
  const pending: Pending[] = [];
  const rowCenter = (r: Pending): number => median(r.centers);
  const rowHeight = (r: Pending): number => median(r.heights);
  const ordered = [...pageWords].sort((a, b) => deskewed(a) - deskewed(b));

  for (const word of ordered.filter((w) => !isSmall(w))) {
    const c = deskewed(word);
    const h = height(word.bbox);
    let best: Pending | null = null;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const row of pending) {
      const distance = Math.abs(c - rowCenter(row));
      if (distance <= 0.5 * Math.min(h, rowHeight(row)) && distance < bestDistance) {
        best = row;
        bestDistance = distance;
      }
    }
    if (best) {
      best.words.push(word);
      best.centers.push(c);
      best.heights.push(h);
    } else {
      pending.push({ words: [word], centers: [c], heights: [h] });
    }
  }
  for (const word of ordered.filter(isSmall)) {
    const c = deskewed(word);
    const host = pending.find((row) => Math.abs(c - rowCenter(row)) <= 0.6 * rowHeight(row));
    if (host) {
      host.words.push(word);
    } else {
      pending.push({ words: [word], centers: [c], heights: [height(word.bbox)] });
    }
  }
  return pending;
}

/**
 * Rebuilds text rows from word boxes, ignoring the engine's own line order (tesseract may read a
 * right-hand column as a separate block). Per page: estimate the skew from neighbouring words, deskew
 * each word's centre (y - slope * x) and put words whose centres overlap vertically in one row (a word
 * joins the row whose median centre is within half of the smaller of word height and row height; words
 * much smaller than the rest, such as punctuation, join the row whose band holds their centre). The skew
 * is then refined from the long rows found and the words are grouped again. Rows come back top to bottom
 * (page by page), words left to right, split into segments at wide gaps.
 */
export function buildRows(words: readonly OcrWord[], options: RowOptions = {}): Row[] {
  const segmentGap = options.segmentGap ?? 4;
  const usable = words.filter((w) => w.text.trim().length > 0 && w.bbox.x1 >= w.bbox.x0 && w.bbox.y1 >= w.bbox.y0);
  const pages = [...new Set(usable.map((w) => w.page))].sort((a, b) => a - b);
  const rows: Row[] = [];
  for (const page of pages) {
    const pageWords = usable.filter((w) => w.page === page);
    let slope = estimateSkew(pageWords);
    let pending = groupRows(pageWords, slope);
    const pageWidth = Math.max(...pageWords.map((w) => w.bbox.x1)) - Math.min(...pageWords.map((w) => w.bbox.x0));
    const refined = refineSkew(pending, Math.max(100, 0.25 * pageWidth));
    if (refined !== null && refined !== slope) {
      slope = refined;
      pending = groupRows(pageWords, slope);
    }

    const pageRows = pending.map((row): Row => {
      const sorted = [...row.words].sort((a, b) => a.bbox.x0 - b.bbox.x0);
      const h = median(row.heights);
      return {
        page,
        words: sorted,
        text: normalizeSpaces(sorted.map((w) => w.text).join(' ')),
        bbox: union(sorted.map((w) => w.bbox)),
        centerY: median(row.centers),
        height: h,
        segments: splitSegments(sorted, segmentGap * h),
      };
    });
    pageRows.sort((a, b) => a.centerY - b.centerY);
    rows.push(...pageRows);
  }
  return rows;
}
