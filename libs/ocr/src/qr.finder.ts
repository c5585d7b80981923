/**
 * QR finder patterns on a grey page, a pure function over its bytes: the three 7 x 7-module squares at a code's
 * corners read dark, light, dark (3 modules), light, dark along any line through their centre (1:1:3:1:1). A page
 * where no three such squares sit as a code's cannot hold a readable code, and that test costs one pass over
 * the rows (a few milliseconds on an A4 scan), where jsqr costs about 26 ms on the 700 px overview alone. So the QR search
 * asks this first (qr.decoder.ts). The ratios and tolerances are those of ZXing's finder-pattern search.
 */
import type { GreyPixels } from './preprocess.page.js';

export interface FinderPattern {
  /** Centre, page pixels. */
  x: number;
  y: number;
  /** Module size, pixels. */
  module: number;
  /** Rows that found it. */
  hits: number;
}

/** Rows scanned: every `floor(long side / ROW_SIDE)`-th, at least every one (a finder's centre band is 3 modules tall: 2 px modules on a 3000 px page still show on a row). */
const ROW_SIDE = 1000;
/** A block whose darkest and lightest sampled pixels are closer than this is of one tone (paper, or solid ink). */
const MIN_BLOCK_RANGE = 32;

/** The split between ink and paper per square block of the page, row by row of blocks. */
export interface InkMap {
  block: number;
  columns: number;
  levels: Uint8Array;
}

function blockRanges(page: GreyPixels, block: number, columns: number, rows: number): Int16Array {
  const levels = new Int16Array(columns * rows).fill(-1);
  for (let by = 0; by < rows; by++)
    for (let bx = 0; bx < columns; bx++) {
      let min = 255;
      let max = 0;
      for (let y = by * block; y < Math.min(page.height, (by + 1) * block); y += 2)
        for (let x = bx * block; x < Math.min(page.width, (bx + 1) * block); x += 2) {
          const v = page.data[y * page.width + x] as number;
          if (v < min) min = v;
          if (v > max) max = v;
        }
      // One tone: marked by -(min + 2), its paper's darkest pixel kept to call it paper.
      levels[by * columns + bx] = max - min >= MIN_BLOCK_RANGE ? (min + max) >> 1 : -(min + 2);
    }
  return levels;
}

/**
 * Where ink ends and paper starts, block by block (uneven light in a photo, grey paper, a faint print): the mean
 * of each block's darkest and lightest pixel (every other pixel sampled); a block of one tone takes its
 * neighbours' split, or counts as paper when they are of one tone too.
 */
export function inkMap(page: GreyPixels): InkMap {
  const block = Math.max(16, Math.round(Math.max(page.width, page.height) / 64));
  const columns = Math.ceil(page.width / block);
  const rows = Math.ceil(page.height / block);
  const ranges = blockRanges(page, block, columns, rows);
  const levels = new Uint8Array(columns * rows);
  for (let by = 0; by < rows; by++)
    for (let bx = 0; bx < columns; bx++) {
      const own = ranges[by * columns + bx] as number;
      if (own >= 0) {
        levels[by * columns + bx] = own;
        continue;
      }
      let sum = 0;
      let count = 0;
      for (let y = Math.max(0, by - 1); y <= Math.min(rows - 1, by + 1); y++)
        for (let x = Math.max(0, bx - 1); x <= Math.min(columns - 1, bx + 1); x++) {
          const level = ranges[y * columns + x] as number;
          if (level >= 0) [sum, count] = [sum + level, count + 1];
        }
      levels[by * columns + bx] = count > 0 ? Math.round(sum / count) : Math.max(0, -own - 3);
    }
  return { block, columns, levels };
}

const isDark = (page: GreyPixels, ink: InkMap, x: number, y: number) =>
  (page.data[y * page.width + x] as number) <= (ink.levels[((y / ink.block) | 0) * ink.columns + ((x / ink.block) | 0)] as number);

/** Five runs (dark, light, dark, light, dark) in the ratio 1:1:3:1:1, each within half a module (the middle 1.5). */
export function finderRatio(r0: number, r1: number, r2: number, r3: number, r4: number): boolean {
  const total = r0 + r1 + r2 + r3 + r4;
  if (total < 7) return false;
  const module = total / 7;
  const slack = module / 2;
  return (
    Math.abs(3 * module - r2) < 3 * slack &&
    Math.abs(module - r0) < slack &&
    Math.abs(module - r1) < slack &&
    Math.abs(module - r3) < slack &&
    Math.abs(module - r4) < slack
  );
}

/**
 * The column through (x, y), up and down from a dark pixel: the five runs around it when they are in the finder
 * ratio and about as long as the row's (`total`), with the column's centre; else null.
 */
function crossCheckColumn(page: GreyPixels, ink: InkMap, x: number, y: number, total: number): number | null {
  const dark = (row: number) => isDark(page, ink, x, row);
  const limit = Math.ceil(total * 1.5);
  const count = (from: number, step: 1 | -1) => {
    const parts = [0, 0, 0];
    let row = from;
    for (let part = 0; part < 3; part++) {
      const want = part !== 1;
      while (row >= 0 && row < page.height && dark(row) === want && parts[part]! < limit) {
        parts[part]!++;
        row += step;
      }
      if (parts[part] === 0 || parts[part]! >= limit) return null;
    }
    return parts;
  };
  if (!dark(y)) return null;
  const up = count(y, -1);
  const down = count(y, 1);
  if (!up || !down) return null;
  const runs = [up[2]!, up[1]!, up[0]! + down[0]! - 1, down[1]!, down[2]!] as const;
  const sum = runs.reduce((a, b) => a + b, 0);
  if (!finderRatio(runs[0], runs[1], runs[2], runs[3], runs[4]) || 5 * Math.abs(sum - total) >= 2 * total) return null;
  return y - up[0]! + 1 + runs[2] / 2;
}

/** Adds a sighting to the pattern it belongs to (centre within 3.5 modules), or as a new pattern. */
function addSighting(found: FinderPattern[], x: number, y: number, module: number): void {
  const same = found.find((p) => Math.hypot(p.x - x, p.y - y) < 3.5 * Math.max(module, p.module));
  if (!same) {
    found.push({ x, y, module, hits: 1 });
    return;
  }
  same.x = (same.x * same.hits + x) / (same.hits + 1);
  same.y = (same.y * same.hits + y) / (same.hits + 1);
  same.module = (same.module * same.hits + module) / (same.hits + 1);
  same.hits++;
}

/** The ink split of each pixel of a row of blocks (one lookup per pixel while a row is scanned). */
function rowLevels(ink: InkMap, blockRow: number, width: number): Uint8Array {
  const levels = new Uint8Array(width);
  for (let x = 0; x < width; x++) levels[x] = ink.levels[blockRow * ink.columns + ((x / ink.block) | 0)] as number;
  return levels;
}

/** The finder patterns of one row: runs of dark and light (r0..r4, r4 the current one), checked as each dark run ends. */
function scanRow(page: GreyPixels, ink: InkMap, y: number, levels: Uint8Array, found: FinderPattern[]): void {
  const row = y * page.width;
  let [r0, r1, r2, r3, r4] = [0, 0, 0, 0, 0];
  let darkRun = false;
  for (let x = 0; x <= page.width; x++) {
    const dark = x < page.width && (page.data[row + x] as number) <= (levels[x] as number);
    if (x < page.width && dark === darkRun) {
      r4++;
      continue;
    }
    // r0 > 0: five whole runs seen (a row's first run may be an empty light one).
    if (darkRun && r0 > 0 && finderRatio(r0, r1, r2, r3, r4)) {
      const total = r0 + r1 + r2 + r3 + r4;
      const centreX = Math.round(x - r4 - r3 - r2 / 2);
      const centreY = crossCheckColumn(page, ink, centreX, y, total);
      if (centreY !== null) addSighting(found, centreX, centreY, total / 7);
    }
    [r0, r1, r2, r3, r4] = [r1, r2, r3, r4, 1];
    darkRun = dark;
  }
}

/** The page's finder patterns (see the file's comment), found on every row or every few rows of a large page. */
export function findFinderPatterns(page: GreyPixels, ink = inkMap(page)): FinderPattern[] {
  const found: FinderPattern[] = [];
  const step = Math.max(1, Math.floor(Math.max(page.width, page.height) / ROW_SIDE));
  let levels = rowLevels(ink, 0, page.width);
  for (let y = 0, blockRow = 0; y < page.height; y += step) {
    if (((y / ink.block) | 0) !== blockRow) levels = rowLevels(ink, (blockRow = (y / ink.block) | 0), page.width);
    scanRow(page, ink, y, levels, found);
  }
  return found;
}

const similar = (a: FinderPattern, b: FinderPattern) => Math.max(a.module, b.module) <= 1.5 * Math.min(a.module, b.module);
const distance = (a: FinderPattern, b: FinderPattern) => Math.hypot(a.x - b.x, a.y - b.y);

/**
 * Whether three finder patterns sit as a code's do: about one module size (within 1.5x), the corner one (`a`)
 * about as far from the other two (within 25%), those two about sqrt(2) times that apart, and at least 14 modules
 * between finders (version 1, the smallest code). Any turn of the code keeps this shape; a skewed photo stays
 * within the slack.
 */
export function codeCorners(a: FinderPattern, b: FinderPattern, c: FinderPattern): boolean {
  if (!similar(a, b) || !similar(a, c) || !similar(b, c)) return false;
  const ab = distance(a, b);
  const ac = distance(a, c);
  const side = (ab + ac) / 2;
  const module = Math.max(a.module, b.module, c.module);
  if (Math.min(ab, ac) < 14 * module * 0.75 || Math.abs(ab - ac) > 0.25 * side) return false;
  return Math.abs(distance(b, c) / side - Math.SQRT2) < 0.25 * Math.SQRT2;
}

/** More patterns than this (a texture, a halftone photo) are not sorted into triples: such a page is looked at. */
const MAX_PATTERNS = 60;

/** Where a code may be, page pixels: around three finders that sit as a code's, with their module size. */
export interface QrRegion {
  left: number;
  top: number;
  width: number;
  height: number;
  module: number;
}

/** The square around three finders, 8 modules beyond their centres (3.5 to the code's edge, 4 of quiet zone), inside the page. */
function regionAround(corners: readonly FinderPattern[], page: GreyPixels): QrRegion {
  const module = Math.max(...corners.map((c) => c.module));
  const reach = 8 * module;
  const left = Math.max(0, Math.floor(Math.min(...corners.map((c) => c.x)) - reach));
  const top = Math.max(0, Math.floor(Math.min(...corners.map((c) => c.y)) - reach));
  const right = Math.min(page.width, Math.ceil(Math.max(...corners.map((c) => c.x)) + reach));
  const bottom = Math.min(page.height, Math.ceil(Math.max(...corners.map((c) => c.y)) + reach));
  return { left, top, width: right - left, height: bottom - top, module };
}

/**
 * Whether the page may hold a QR code, and where: the regions of every three finder patterns that sit as a
 * code's ({@link codeCorners}); `mayHold` without regions when the page shows too many patterns to sort
 * (a texture, a halftone photo: it is looked at whole); `mayHold` false when no three sit as a code's.
 */
export function locateQrCodes(page: GreyPixels): { mayHold: boolean; regions: QrRegion[] } {
  const found = findFinderPatterns(page);
  if (found.length > MAX_PATTERNS) return { mayHold: true, regions: [] };
  const regions: QrRegion[] = [];
  for (const [i, a] of found.entries())
    for (const [j, b] of found.entries())
      for (const [k, c] of found.entries())
        if (i !== j && i !== k && j < k && codeCorners(a, b, c)) regions.push(regionAround([a, b, c], page));
  return { mayHold: regions.length > 0, regions };
}
