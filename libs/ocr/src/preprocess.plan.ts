import { OcrInputError } from './ocr.errors.js';

/**
 * How a page image is resized before tesseract reads it. Pure functions, no sharp here.
 *
 * When the page's print can be measured (median character height, text.size.ts) and the scale that brings it
 * to {@link PreprocessLimits.targetTextHeight} is clearly off the short side's, that scale is used: a 600 dpi
 * scan of a receipt is shrunk, a narrow receipt not blown up to a 1700 px width, small print enlarged more.
 * Otherwise the short side decides, as below.
 *
 * Scanned or rendered invoices often arrive at about 100 dpi (850 x 1100 px for US Letter). At that
 * size tesseract still reads body text, but small print (address lines, < ~13 px font size) falls apart.
 * So the page's SHORTER side is scaled towards {@link PreprocessLimits.targetShortSide}, large scans are
 * left alone, and the output is capped in pixels to bound memory and time (a tesseract worker's WASM
 * heap grows with the image and never shrinks).
 *
 * Why 1700 px (2x for an 850 px page) and not more: measured on 40 synthetic 850 x 1100 invoices
 * (libs/invoice-generator, EN/FR, PNG/JPEG), PSM 4, eng+fra, one worker, per page including
 * preprocessing and QR: 2.0x read 84% of the lines verbatim (mean line error rate 4.7%, 0.78 s),
 * 2.5x 80% (5.1%, 0.93 s), 3.0x 79% (5.6%, 1.03 s), and 2.5x/3x lost 10 of 219 amounts that 2x kept:
 * upscaling beyond what small text needs makes large text worse and costs time. 1x read 89% verbatim
 * but garbled more of what it missed (5.7%), and the same pages shrunk to 425 px wide need the upscale
 * badly (1x: 37% of lines, 2x: 86%), which a target size (rather than a fixed factor) provides.
 */
export interface PreprocessLimits {
  /** Shorter side, in pixels, the page is upscaled towards. 1700 = 850 px * 2 (about 200 dpi on Letter/A4). */
  targetShortSide: number;
  /** Never upscale more than this (tiny images would otherwise become huge and blurry). */
  maxScale: number;
  /** Upscales smaller than this are skipped: they cost time and blur without helping. */
  minUpscale: number;
  /** Pixel cap of the image handed to tesseract; larger pages are downscaled to fit. */
  maxOutputPixels: number;
  /** Input images with more pixels are refused (IMAGE_TOO_LARGE) before being decoded. */
  maxInputPixels: number;
  /**
   * Median character height, in pixels, a page is scaled towards when its print can be measured (text.size.ts) and
   * the scale this asks for is clearly off the short side's (see textBand); 0 (the default) scales every page by
   * its short side (targetShortSide). 23 px is the value measured: the generated invoices' print (median 11-14 px
   * on 850 x 1100 pages) keeps the 2x measured best for them, and the SROIE receipts are read at a third of the
   * pixels and a third less CPU, but with fewer totals right (44 against 51 of 59):
   * docs/evaluation/2026-12-06-ocr-speed.md.
   */
  targetTextHeight: number;
  /** Smallest scale a page with large print is shrunk to (a 600 dpi scan of a receipt). */
  minScale: number;
  /**
   * The print's scale replaces the short side's when it is under the short side's divided by this, or over it
   * times minUpscale; in between the short side's stays.
   */
  textBand: number;
}

export const DEFAULT_PREPROCESS_LIMITS: Readonly<PreprocessLimits> = Object.freeze({
  targetShortSide: 1700,
  maxScale: 4,
  minUpscale: 1.2,
  // 25 MP: an A4 page at 600 dpi (4960 x 7016 = 34.8 MP) is read at ~500 dpi; an 850 x 1100 page
  // at 2x is 3.7 MP. A grey 25 MP image is 25 MB; tesseract needs several times that in its heap.
  maxOutputPixels: 25_000_000,
  // 80 MP covers an A3 page scanned at 600 dpi (69.6 MP). Decoded as RGBA that is 320 MB in sharp.
  maxInputPixels: 80_000_000,
  targetTextHeight: 0,
  minScale: 0.25,
  textBand: 1.5,
});

export interface ImageSize {
  width: number;
  height: number;
}

export interface PreprocessPlan {
  /** Nominal scale factor (output / original). Below 1 only when the pixel cap forced a downscale. */
  scale: number;
  /** Exact per-axis factors after rounding to whole pixels; use these to map boxes back. */
  scaleX: number;
  scaleY: number;
  targetWidth: number;
  targetHeight: number;
  /** False when the image is handed over at its original size. */
  resize: boolean;
  /**
   * Why this scale: 'text-size' (the measured print brought to targetTextHeight), 'upscale' towards the target
   * short side, 'none' (already large enough), 'pixel-cap' (limited by maxOutputPixels), 'override' (caller chose the scale).
   */
  reason: 'text-size' | 'upscale' | 'none' | 'pixel-cap' | 'override';
}

export interface PlanOptions {
  /** Force a scale factor (experiments, tests). Still subject to the pixel cap. */
  scale?: number;
  limits?: Partial<PreprocessLimits>;
  /** The page's median character height in page pixels (text.size.ts), when it could be measured. */
  textHeight?: number | null;
}

export function resolveLimits(limits?: Partial<PreprocessLimits>): PreprocessLimits {
  const merged = { ...DEFAULT_PREPROCESS_LIMITS, ...limits };
  for (const [key, value] of Object.entries(merged)) {
    if (key === 'targetTextHeight' && value === 0) continue;
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`preprocess limit ${key} must be a positive number, got ${value}`);
  }
  if (merged.maxScale < 1) throw new RangeError(`maxScale must be >= 1, got ${merged.maxScale}`);
  if (merged.minScale > 1) throw new RangeError(`minScale must be <= 1, got ${merged.minScale}`);
  return merged;
}

/** Throws {@link OcrInputError} IMAGE_TOO_LARGE when the image has more pixels than allowed. */
export function assertInputSize(size: ImageSize, maxInputPixels = DEFAULT_PREPROCESS_LIMITS.maxInputPixels): void {
  if (!(Number.isInteger(size.width) && Number.isInteger(size.height) && size.width > 0 && size.height > 0)) {
    throw new OcrInputError('UNSUPPORTED_IMAGE', `image has no usable dimensions (${size.width} x ${size.height})`);
  }
  const pixels = size.width * size.height;
  if (pixels > maxInputPixels) {
    throw new OcrInputError(
      'IMAGE_TOO_LARGE',
      `image is ${size.width} x ${size.height} = ${(pixels / 1e6).toFixed(1)} MP, more than the ${(maxInputPixels / 1e6).toFixed(1)} MP accepted`,
    );
  }
}

/** The scale from the page's short side: towards targetShortSide, none when the upscale would be under minUpscale. */
function sideScale(size: ImageSize, limits: PreprocessLimits): { scale: number; reason: PreprocessPlan['reason'] } {
  const wanted = Math.min(limits.targetShortSide / Math.min(size.width, size.height), limits.maxScale);
  return wanted >= limits.minUpscale ? { scale: wanted, reason: 'upscale' } : { scale: 1, reason: 'none' };
}

export function planPreprocessing(size: ImageSize, options: PlanOptions = {}): PreprocessPlan {
  const limits = resolveLimits(options.limits);
  assertInputSize(size, limits.maxInputPixels);
  const { width, height } = size;

  let scale: number;
  let reason: PreprocessPlan['reason'];
  if (options.scale !== undefined) {
    if (!Number.isFinite(options.scale) || options.scale <= 0)
      throw new RangeError(`scale must be a positive number, got ${options.scale}`);
    scale = options.scale;
    reason = 'override';
  } else {
    ({ scale, reason } = sideScale(size, limits));
    if (options.textHeight && limits.targetTextHeight > 0) {
      const byText = Math.min(Math.max(limits.targetTextHeight / options.textHeight, limits.minScale), limits.maxScale);
      // The print decides when it asks for clearly fewer pixels than the short side (large print) or more (small
      // print); close to the short side's scale, that scale stays (measured best on the generated invoices).
      if (byText < scale / limits.textBand || byText > scale * limits.minUpscale) {
        // Within minUpscale of 1 either way the page is read at its size: a resampling that small only blurs.
        const near = byText < limits.minUpscale && byText > 1 / limits.minUpscale;
        scale = near ? 1 : byText;
        reason = near ? 'none' : 'text-size';
      }
    }
  }

  let targetWidth = Math.max(1, Math.round(width * scale));
  let targetHeight = Math.max(1, Math.round(height * scale));
  if (targetWidth * targetHeight > limits.maxOutputPixels) {
    scale = Math.sqrt(limits.maxOutputPixels / (width * height));
    targetWidth = Math.max(1, Math.floor(width * scale));
    targetHeight = Math.max(1, Math.floor(height * scale));
    reason = 'pixel-cap';
  }

  const resize = targetWidth !== width || targetHeight !== height;
  return {
    scale: resize ? scale : 1,
    scaleX: targetWidth / width,
    scaleY: targetHeight / height,
    targetWidth,
    targetHeight,
    resize,
    reason,
  };
}
