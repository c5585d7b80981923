/**
 * Light print on dark bands: the header row of an item table, a title bar or a totals box printed white on a
 * coloured band. tesseract reads print darker than its paper; on such a band it reads nothing or noise ("CETTE LS"
 * for "Invoice Number Invoice Date …"). Each band is found on a coarse grid of the grey page and its pixels are
 * mapped so that the band becomes paper and its print ink. Pure functions over grey pixels, no sharp.
 */
import type { BBox } from '@invoice/contracts';
import { histogramPercentile, subsample } from './grey.analysis.js';
import { greyPercentile, type GreyPixels } from './preprocess.page.js';

/** A band in page pixels: columns x0..x1-1, rows y0..y1-1 (on the grid: cells x0..x1, y0..y1). */
export type DarkBand = BBox;

/** A pixel darker than this share of the paper's grey is band (or ink). */
const DARK_SHARE = 0.6;
/** A grid cell is dark when at least this share of its pixels is. */
const CELL_DARK = 0.5;
/** A band's cells: at least this share dark over its box, and along each of its four edges (solid edges, not the ragged ones of bold letters). */
const BOX_DARK = 0.6;
const EDGE_DARK = 0.8;
/** Share of the pixels of a band's top and bottom rows, and of its outer columns, that are dark. */
const FRAME_DARK = 0.9;
const FRAME_SIDE_DARK = 0.6;
/** A band holds print: between these shares of its pixels are light (a solid block holds none; more is paper). */
const MIN_LIGHT = 0.01;
const MAX_LIGHT = 0.45;
/** Smallest band, in cells: a line of print wide, two cells high (thick rules and bold words stay). */
const MIN_CELLS_WIDE = 8;
const MIN_CELLS_HIGH = 2;
/** A band is at least this many times wider than high: a square block is a logo's ground, left as printed. */
const MIN_ASPECT = 2.5;

interface Grid {
  cell: number;
  cols: number;
  rows: number;
  dark: Uint8Array;
}

/** The page on a grid of cells of about 1/200 of its longer side, each marked dark or not. */
function darkGrid(page: GreyPixels, level: number): Grid {
  const { data, width, height } = page;
  const cell = Math.max(4, Math.round(Math.max(width, height) / 200));
  const cols = Math.ceil(width / cell);
  const rows = Math.ceil(height / cell);
  const counts = new Uint32Array(cols * rows);
  for (let y = 0; y < height; y++) {
    const base = Math.floor(y / cell) * cols;
    const offset = y * width;
    for (let x = 0; x < width; x++) if ((data[offset + x] as number) < level) counts[base + Math.floor(x / cell)]!++;
  }
  const dark = new Uint8Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    const h = Math.min(cell, height - r * cell);
    for (let c = 0; c < cols; c++) {
      const w = Math.min(cell, width - c * cell);
      dark[r * cols + c] = (counts[r * cols + c] as number) >= CELL_DARK * w * h ? 1 : 0;
    }
  }
  return { cell, cols, rows, dark };
}

/** Boxes (in cells, inclusive) of the 4-connected groups of dark cells. */
function darkBoxes(grid: Grid): DarkBand[] {
  const { cols, rows, dark } = grid;
  const seen = new Uint8Array(dark.length);
  const stack = new Int32Array(dark.length);
  const boxes: DarkBand[] = [];
  for (let start = 0; start < dark.length; start++) {
    if (!dark[start] || seen[start]) continue;
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    const box = { x0: cols, y0: rows, x1: -1, y1: -1 };
    while (top > 0) {
      const i = stack[--top] as number;
      const x = i % cols;
      const y = (i - x) / cols;
      box.x0 = Math.min(box.x0, x);
      box.x1 = Math.max(box.x1, x);
      box.y0 = Math.min(box.y0, y);
      box.y1 = Math.max(box.y1, y);
      for (const j of [x > 0 ? i - 1 : -1, x < cols - 1 ? i + 1 : -1, i - cols, i + cols])
        if (j >= 0 && j < dark.length && dark[j] && !seen[j]) {
          seen[j] = 1;
          stack[top++] = j;
        }
    }
    boxes.push(box);
  }
  return boxes;
}

/** Share of dark cells in a box of cells (inclusive bounds). */
function darkShareOf(grid: Grid, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) n += grid.dark[y * grid.cols + x] as number;
  return n / ((x1 - x0 + 1) * (y1 - y0 + 1));
}

/** The box without its ragged sides: each side moved in while under half of its cells are dark (a cell the grid's phase added). */
function trimmed(grid: Grid, box: DarkBand): DarkBand {
  const b = { ...box };
  while (b.y1 > b.y0 && darkShareOf(grid, b.x0, b.y0, b.x1, b.y0) < CELL_DARK) b.y0++;
  while (b.y1 > b.y0 && darkShareOf(grid, b.x0, b.y1, b.x1, b.y1) < CELL_DARK) b.y1--;
  while (b.x1 > b.x0 && darkShareOf(grid, b.x0, b.y0, b.x0, b.y1) < CELL_DARK) b.x0++;
  while (b.x1 > b.x0 && darkShareOf(grid, b.x1, b.y0, b.x1, b.y1) < CELL_DARK) b.x1--;
  return b;
}

/** Whether a box of dark cells is a band: wide and high enough, wider than high, mostly dark, with solid edges, holding some print. */
function isBand(grid: Grid, b: DarkBand): boolean {
  const [wide, high] = [b.x1 - b.x0 + 1, b.y1 - b.y0 + 1];
  if (wide < MIN_CELLS_WIDE || high < MIN_CELLS_HIGH || wide < MIN_ASPECT * high) return false;
  if (darkShareOf(grid, b.x0, b.y0, b.x1, b.y1) < BOX_DARK) return false;
  const edges = [
    darkShareOf(grid, b.x0, b.y0, b.x1, b.y0),
    darkShareOf(grid, b.x0, b.y1, b.x1, b.y1),
    darkShareOf(grid, b.x0, b.y0, b.x0, b.y1),
    darkShareOf(grid, b.x1, b.y0, b.x1, b.y1),
  ];
  return edges.every((e) => e >= EDGE_DARK);
}

/**
 * The bands of light print on dark of a page, in page pixels. They are looked for on the analysis copy (at most
 * 1000 px long: about 1 MP of the page's grey) and their edges found on the page itself.
 */
export function findDarkBands(page: GreyPixels): DarkBand[] {
  const { data, width, height } = page;
  if (data.length !== width * height) throw new RangeError(`expected ${width * height} grey bytes, got ${data.length}`);
  const copy = subsample(page);
  const paper = greyPercentile(copy.data, 0.9);
  // A dark page (a photo's shadow, a negative) is not light paper with dark bands.
  if (paper < 128) return [];
  const level = paper * DARK_SHARE;
  const grid = darkGrid(copy, level);
  const cell = grid.cell * copy.step;
  return darkBoxes(grid)
    .map((b) => trimmed(grid, b))
    .filter((b) => isBand(grid, b))
    .map((b) =>
      tightened(page, level, {
        x0: b.x0 * cell,
        y0: b.y0 * cell,
        x1: Math.min(width, (b.x1 + 1) * cell),
        y1: Math.min(height, (b.y1 + 1) * cell),
      }),
    )
    .filter((b) => inside(page, b) && solidFrame(page, level, b) && holdsPrint(page, level, b));
}

/** A band is printed on the paper: it does not touch the image's edge (a scanner's dark border or a torn edge does). */
const inside = (page: GreyPixels, b: DarkBand): boolean => b.x0 > 0 && b.y0 > 0 && b.x1 < page.width && b.y1 < page.height;

/**
 * A band's ground frames its print: its top and bottom rows (one pixel in) are dark all along, its outer columns
 * mostly (print may start at its left edge); dense bold print's top and bottom rows cross its letters.
 */
function solidFrame(page: GreyPixels, level: number, b: DarkBand): boolean {
  if (b.x1 - b.x0 < 4 || b.y1 - b.y0 < 4) return false;
  const rows = [b.y0 + 1, b.y1 - 2].every((y) => lineDark(page, level, b, y, false) >= FRAME_DARK);
  return rows && [b.x0 + 1, b.x1 - 2].every((x) => lineDark(page, level, b, x, true) >= FRAME_SIDE_DARK);
}

/** Whether a band holds print: some of its pixels, not most, lighter than `level`. */
function holdsPrint(page: GreyPixels, level: number, b: DarkBand): boolean {
  let light = 0;
  for (let y = b.y0; y < b.y1; y++)
    for (let x = b.x0, i = y * page.width + b.x0; x < b.x1; x++, i++) if ((page.data[i] as number) >= level) light++;
  const share = light / ((b.x1 - b.x0) * (b.y1 - b.y0));
  return share >= MIN_LIGHT && share <= MAX_LIGHT;
}

/** Share of the pixels of a row (or, with `column`, a column) inside the band's span that are darker than `level`. */
function lineDark(page: GreyPixels, level: number, band: DarkBand, at: number, column: boolean): number {
  const [from, to] = column ? [band.y0, band.y1] : [band.x0, band.x1];
  let n = 0;
  for (let k = from; k < to; k++) if ((page.data[column ? k * page.width + at : at * page.width + k] as number) < level) n++;
  return n / Math.max(1, to - from);
}

/** The band's box shrunk to its pixels: each edge moved in past the rows (columns) of the cells that are mostly paper. */
function tightened(page: GreyPixels, level: number, band: DarkBand): DarkBand {
  const b = { ...band };
  while (b.y1 - b.y0 > 1 && lineDark(page, level, b, b.y0, false) < CELL_DARK) b.y0++;
  while (b.y1 - b.y0 > 1 && lineDark(page, level, b, b.y1 - 1, false) < CELL_DARK) b.y1--;
  while (b.x1 - b.x0 > 1 && lineDark(page, level, b, b.x0, true) < CELL_DARK) b.x0++;
  while (b.x1 - b.x0 > 1 && lineDark(page, level, b, b.x1 - 1, true) < CELL_DARK) b.x1--;
  return b;
}

/**
 * Maps each band's pixels so that its ground becomes white and its print black (linear, from the band's median
 * grey to its lightest 1%), in place. Returns the share of the page turned (0 when there is no band).
 */
export function invertDarkBands(page: GreyPixels): number {
  const bands = findDarkBands(page);
  let turned = 0;
  for (const band of bands) {
    const histogram = bandHistogram(page, band);
    const ground = histogramPercentile(histogram, 0.5);
    // Print covers a few percent of a band: its level is the band's lightest 1%.
    const print = histogramPercentile(histogram, 0.99);
    if (print - ground < 32) continue;
    const scale = 255 / (print - ground);
    for (let y = band.y0; y < band.y1; y++)
      for (let x = band.x0, i = y * page.width + band.x0; x < band.x1; x++, i++)
        page.data[i] = Math.max(0, Math.min(255, Math.round((print - (page.data[i] as number)) * scale)));
    turned += (band.x1 - band.x0) * (band.y1 - band.y0);
  }
  return turned / page.data.length;
}

/** The histogram of a band's grey levels. */
function bandHistogram(page: GreyPixels, band: DarkBand): Uint32Array {
  const histogram = new Uint32Array(256);
  for (let y = band.y0; y < band.y1; y++)
    for (let x = band.x0, i = y * page.width + band.x0; x < band.x1; x++, i++) histogram[page.data[i] as number]!++;
  return histogram;
}
