/**
 * Ruling lines (a table's grid, the boxes around fields, separator rules) painted over with the paper's tone before
 * tesseract reads the page: pure functions over grey pixels (one byte per pixel), no sharp here. Tesseract reads
 * print that touches a rule badly: a ruled table's row "TestItem123 | 10 | €10,50 | €105,00", each cell's text a
 * few pixels from its left rule, came out "wag |p Jeon Jeon |".
 *
 * A rule is ink in a long straight run that is thin across: a horizontal run at least `minRun` pixels long whose
 * ink, in each of its columns, is at most `maxThickness` pixels tall, and the same turned for vertical rules. Print
 * makes no such runs (a letter's stroke is a character long); a filled box, a bar, a logo or a QR code's dark modules
 * are thicker across, and stay. An underline is a rule, and goes with the others. The work after one pass over the
 * page is on the long runs only: a page without any costs that pass.
 */
import type { GreyPixels } from './preprocess.page.js';
import { greyHistogram, histogramPercentile, subsample } from './grey.analysis.js';
import { otsuLevelOfHistogram } from './grey.otsu.js';

export interface RuleOptions {
  /** Grey level at or under which a pixel is ink (the page's Otsu split). */
  ink: number;
  /** Shortest run of ink, in pixels, that is a rule. */
  minRun: number;
  /** Thickest rule, in pixels, across its run. */
  maxThickness: number;
  /** Tone painted over the rules: the paper's. */
  paper: number;
}

/**
 * Options for a page: runs of 4% of the short side (50 px on a 150 dpi A4 scan, where a 24 pt capital is 35 px
 * tall), rules up to a 300th of the short side thick, 3 px at least (4 px there, 8 px at 300 dpi: a hairline with
 * its anti-aliased edges is 3 to 4 px); the ink's and the paper's levels from the histogram of the analysis copy
 * (grey.analysis.ts); null on a page without two tones to split.
 */
export function ruleOptionsFor(page: GreyPixels, histogram: Uint32Array = greyHistogram(subsample(page).data)): RuleOptions | null {
  const ink = otsuLevelOfHistogram(histogram);
  if (ink === null) return null;
  const short = Math.min(page.width, page.height);
  return {
    ink,
    minRun: Math.max(24, Math.round(0.04 * short)),
    maxThickness: Math.max(3, Math.round(short / 300)),
    paper: Math.max(ink + 1, histogramPercentile(histogram, 0.9)),
  };
}

/** A straight run of ink: its row (horizontal) or column (vertical), and where along it it starts and ends (exclusive). */
interface Run {
  at: number;
  start: number;
  end: number;
}

/**
 * The horizontal and the vertical runs of ink at least `minRun` long, in one pass over the rows (a run length per
 * column for the vertical ones), leaving out those within `edge` pixels of the image's border: the paper's edge
 * against the scanner's lid or a table, which the dark-border step handles.
 */
function inkRuns(page: GreyPixels, ink: number, minRun: number, edge: number): { across: Run[]; down: Run[] } {
  const { data, width, height } = page;
  const across: Run[] = [];
  const down: Run[] = [];
  const column = new Int32Array(width);
  for (let y = 0; y <= height; y++) {
    let start = -1;
    for (let x = 0; x < width; x++) {
      const dark = y < height && (data[y * width + x] as number) <= ink;
      if (dark) {
        column[x]!++;
        if (start < 0) start = x;
        continue;
      }
      const length = column[x] as number;
      if (length >= minRun && x >= edge && x < width - edge) down.push({ at: x, start: y - length, end: y });
      column[x] = 0;
      if (start >= 0 && x - start >= minRun && y >= edge && y < height - edge) across.push({ at: y, start, end: x });
      start = -1;
    }
    if (start >= 0 && width - start >= minRun && y >= edge && y < height - edge) across.push({ at: y, start, end: width });
  }
  return { across, down };
}

/** The ink's extent across a run at one of its pixels (down a column for a horizontal run), counted up to `cap + 1`. */
function extentAcross(page: GreyPixels, x: number, y: number, horizontal: boolean, ink: number, cap: number): number {
  const { data, width, height } = page;
  const [dx, dy] = horizontal ? [0, 1] : [1, 0];
  let n = 1;
  for (let k = 1; n <= cap; k++) {
    const nx = x - k * dx;
    const ny = y - k * dy;
    if (nx < 0 || ny < 0 || (data[ny * width + nx] as number) > ink) break;
    n++;
  }
  for (let k = 1; n <= cap; k++) {
    const nx = x + k * dx;
    const ny = y + k * dy;
    if (nx >= width || ny >= height || (data[ny * width + nx] as number) > ink) break;
    n++;
  }
  return n;
}

/**
 * The parts of a run that are rule: where the ink across is at most `maxThickness` (a letter's stroke joined to it, a
 * filled area, a crossing rule are thicker), in stretches still `minRun` long.
 */
function ruleParts(page: GreyPixels, run: Run, horizontal: boolean, options: RuleOptions): Run[] {
  const parts: Run[] = [];
  let start = -1;
  for (let pos = run.start; pos <= run.end; pos++) {
    const thin =
      pos < run.end &&
      extentAcross(page, horizontal ? pos : run.at, horizontal ? run.at : pos, horizontal, options.ink, options.maxThickness) <=
        options.maxThickness;
    if (thin && start < 0) start = pos;
    else if (!thin && start >= 0) {
      if (pos - start >= options.minRun) parts.push({ at: run.at, start, end: pos });
      start = -1;
    }
  }
  return parts;
}

interface Rules {
  across: Run[];
  down: Run[];
}

/** The rule parts of the runs at least `options.minRun` long. */
function rulesOf(page: GreyPixels, runs: Rules, options: RuleOptions): Rules {
  const long = (r: Run): boolean => r.end - r.start >= options.minRun;
  return {
    across: runs.across.filter(long).flatMap((r) => ruleParts(page, r, true, options)),
    down: runs.down.filter(long).flatMap((r) => ruleParts(page, r, false, options)),
  };
}

/** A rule is longer than this many of the page's median character heights: a title's capital is two or three. */
export const RULE_TEXT_HEIGHTS = 4;

/**
 * Paints the page's ruling lines over with the paper's tone, in place, with the grey fringe beside each rule (a
 * rule's anti-aliased edge, darker than halfway to the paper) and the crossings of a grid. Where rules are found,
 * `textHeight` (the page's median character height, measured only then) lengthens the shortest rule to
 * {@link RULE_TEXT_HEIGHTS} of it: a receipt's large print has stems longer than 4% of its narrow page. Returns the
 * share of the pixels painted.
 */
export function eraseRulingLines(
  page: GreyPixels,
  options: RuleOptions | null = ruleOptionsFor(page),
  textHeight: () => number | null = () => null,
): number {
  const { data, width, height } = page;
  if (data.length !== width * height) throw new RangeError(`expected ${width * height} grey bytes, got ${data.length}`);
  if (!options) return 0;
  const runs = inkRuns(page, options.ink, options.minRun, options.maxThickness + Math.round(0.01 * Math.min(width, height)));
  let rules = rulesOf(page, runs, options);
  if (!rules.across.length && !rules.down.length) return 0;
  const byText = Math.round(RULE_TEXT_HEIGHTS * (textHeight() ?? 0));
  if (byText > options.minRun) rules = rulesOf(page, runs, { ...options, minRun: byText });
  return paintRules(page, rules, runs.down, options);
}

/** Paints the rules, their fringe across, and the crossings (a vertical run's pixels beside a painted horizontal rule, with a vertical rule above or below). */
function paintRules(page: GreyPixels, rules: Rules, rawDown: readonly Run[], options: RuleOptions): number {
  const { data, width, height } = page;
  const fringe = (options.ink + options.paper) / 2;
  const across = new Uint8Array(data.length);
  const down = new Uint8Array(data.length);
  for (const r of rules.across) across.fill(1, r.at * width + r.start, r.at * width + r.end);
  for (const r of rules.down) for (let y = r.start; y < r.end; y++) down[y * width + r.at] = 1;
  const reach = options.maxThickness + 1;
  const crossings: number[] = [];
  for (const r of rawDown)
    for (let y = r.start; y < r.end; y++) {
      const i = y * width + r.at;
      if (!down[i] && beside(across, i, r.at, width, reach, 1) && beside(down, i, y, height, reach, width)) crossings.push(i);
    }
  let painted = 0;
  const paint = (i: number): void => {
    if ((data[i] as number) < fringe) {
      data[i] = options.paper;
      painted++;
    }
  };
  for (const i of crossings) paint(i);
  for (const r of rules.across)
    for (let x = r.start; x < r.end; x++) {
      const i = r.at * width + x;
      paint(i);
      if (r.at > 0 && !across[i - width]) paint(i - width);
      if (r.at + 1 < height && !across[i + width]) paint(i + width);
    }
  for (const r of rules.down)
    for (let y = r.start; y < r.end; y++) {
      const i = y * width + r.at;
      paint(i);
      if (r.at > 0 && !down[i - 1]) paint(i - 1);
      if (r.at + 1 < width && !down[i + 1]) paint(i + 1);
    }
  return painted / data.length;
}

/** Whether `mask` is set within `reach` of pixel `i` on either side along one axis (`stride` 1: the row, the width: the column; `pos` of `size` along it). */
function beside(mask: Uint8Array, i: number, pos: number, size: number, reach: number, stride: number): boolean {
  for (let d = 1; d <= reach; d++) {
    if (pos - d >= 0 && mask[i - d * stride] === 1) return true;
    if (pos + d < size && mask[i + d * stride] === 1) return true;
  }
  return false;
}
