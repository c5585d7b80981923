import { PREPROCESS_STEPS, type PreprocessStep } from '@invoice/contracts';

/**
 * Optional preprocessing steps, each switchable per engine and per call, and each measured by the
 * ablation (`npm run eval:preprocess`, docs/evaluation/2026-11-25-preprocessing.md). Pure functions here, no sharp.
 */
export type PreprocessSteps = Partial<Record<PreprocessStep, boolean>>;
export type ResolvedSteps = Record<PreprocessStep, boolean>;

/**
 * What runs when nothing is asked (docs/evaluation/2026-11-25-preprocessing.md has the measurements). contrast is
 * sharp's normalise (1st..99th percentile stretched to full range), which the pipeline always ran: it
 * stays on because clean JPEG invoices lose line items without it (libs/ocr ocr-extraction.int-spec,
 * seed 1), although SROIE receipts and the harder generated invoices read better without it
 * (OCR_PREPROCESS=-contrast). deskew, denoise and crop each helped one set and hurt another;
 * orientation changed nothing on upright pages and costs two small OCR passes: all are available per
 * call (reprocess) or through OCR_PREPROCESS. adapt (preprocess.page.ts) measures each page and acts only
 * on pages that need it (a dark border around the paper, print too small for the page's size): a clean
 * invoice page goes through unchanged.
 */
export const DEFAULT_PREPROCESS_STEPS: Readonly<ResolvedSteps> = Object.freeze({
  orientation: false,
  deskew: false,
  denoise: false,
  crop: false,
  contrast: true,
  adapt: true,
  rules: true,
});

export function resolveSteps(...layers: (PreprocessSteps | undefined)[]): ResolvedSteps {
  const resolved: ResolvedSteps = { ...DEFAULT_PREPROCESS_STEPS };
  for (const layer of layers) {
    for (const step of PREPROCESS_STEPS) {
      const value = layer?.[step];
      if (value !== undefined) resolved[step] = value;
    }
  }
  return resolved;
}

/** Parses `deskew,-contrast` style lists (env var OCR_PREPROCESS): a name turns a step on, `-name` off. */
export function parseStepList(list: string): PreprocessSteps {
  const steps: PreprocessSteps = {};
  for (const raw of list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const off = raw.startsWith('-');
    const name = off ? raw.slice(1) : raw;
    if (!(PREPROCESS_STEPS as readonly string[]).includes(name))
      throw new RangeError(`unknown preprocessing step '${name}' (known: ${PREPROCESS_STEPS.join(', ')})`);
    steps[name as PreprocessStep] = !off;
  }
  return steps;
}

export interface SkewOptions {
  /** Largest skew looked for, degrees. */
  maxAngle?: number;
  /** Grey level under which a pixel counts as ink. */
  inkThreshold?: number;
}

/** Score of one candidate angle: sum of squared row counts of the ink projected on lines at that angle (peaks when text lines align). */
function profileScore(xs: Int32Array, ys: Int32Array, count: number, angleDeg: number, rows: Float64Array, offset: number): number {
  const rad = (angleDeg * Math.PI) / 180;
  const sin = Math.sin(rad);
  const cos = Math.cos(rad);
  rows.fill(0);
  for (let i = 0; i < count; i++) {
    const r = Math.round((ys[i] as number) * cos - (xs[i] as number) * sin) + offset;
    rows[r] = (rows[r] as number) + 1;
  }
  let score = 0;
  for (let i = 0; i < rows.length; i++) score += (rows[i] as number) * (rows[i] as number);
  return score;
}

/**
 * Skew of a page by projection profiles: the angle (degrees, clockwise, as SVG's and sharp's rotate)
 * at which the rows of ink are sharpest. `grey` is one byte per pixel (a downscaled page is enough:
 * about 800 px wide). Coarse search by 0.5 degree, then refined by 0.1 and 0.025 degree. 0 for a page
 * without ink.
 */
export function measureSkew(grey: Uint8Array, width: number, height: number, options: SkewOptions = {}): number {
  const maxAngle = options.maxAngle ?? 6;
  const threshold = options.inkThreshold ?? 128;
  if (grey.length !== width * height) throw new RangeError(`expected ${width * height} grey bytes, got ${grey.length}`);
  let count = 0;
  for (let i = 0; i < grey.length; i++) if ((grey[i] as number) < threshold) count++;
  if (count < 50) return 0;
  // At most ~200k ink pixels: take every n-th.
  const stride = Math.max(1, Math.floor(count / 200_000));
  const xs = new Int32Array(Math.ceil(count / stride));
  const ys = new Int32Array(xs.length);
  let n = 0;
  let seen = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((grey[y * width + x] as number) < threshold) {
        if (seen++ % stride === 0 && n < xs.length) {
          xs[n] = x;
          ys[n] = y;
          n++;
        }
      }
    }
  }
  const diagonal = Math.ceil(Math.hypot(width, height));
  const rows = new Float64Array(2 * diagonal + 2);
  const offset = diagonal;
  let best = 0;
  let bestScore = -1;
  const search = (from: number, to: number, step: number) => {
    for (let a = from; a <= to + 1e-9; a += step) {
      const score = profileScore(xs, ys, n, a, rows, offset);
      if (score > bestScore) {
        bestScore = score;
        best = a;
      }
    }
  };
  search(-maxAngle, maxAngle, 0.5);
  const coarse = best;
  search(coarse - 0.5, coarse + 0.5, 0.1);
  const fine = best;
  search(fine - 0.1, fine + 0.1, 0.025);
  return Math.round(best * 1000) / 1000;
}

/**
 * Whether a page's text runs across (horizontal lines) or down (a page turned 90 degrees): compares
 * how peaked the row and column projections of the ink are. Returns the ratio column/row sharpness:
 * above 1 the text probably runs vertically.
 */
export function verticalTextRatio(grey: Uint8Array, width: number, height: number, inkThreshold = 128): number {
  const rows = new Float64Array(height);
  const cols = new Float64Array(width);
  let ink = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((grey[y * width + x] as number) < inkThreshold) {
        rows[y] = (rows[y] as number) + 1;
        cols[x] = (cols[x] as number) + 1;
        ink++;
      }
    }
  }
  if (ink === 0) return 0;
  // Sharpness: sum of squared differences between neighbours, normalized by the ink.
  const sharpness = (profile: Float64Array): number => {
    let s = 0;
    for (let i = 1; i < profile.length; i++) s += ((profile[i] as number) - (profile[i - 1] as number)) ** 2;
    return s / ink;
  };
  return sharpness(cols) / Math.max(1e-9, sharpness(rows));
}
