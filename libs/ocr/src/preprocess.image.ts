import sharp, { type Metadata, type Sharp } from 'sharp';
import { OcrInputError } from './ocr.errors.js';
import {
  planPreprocessing,
  resolveLimits,
  assertInputSize,
  type ImageSize,
  type PlanOptions,
  type PreprocessLimits,
  type PreprocessPlan,
} from './preprocess.plan.js';
import { histogramTones, stretchSuits, whitenDarkBorder, type GreyPixels } from './preprocess.page.js';
import { measureSkew, resolveSteps, verticalTextRatio, type PreprocessSteps, type ResolvedSteps } from './preprocess.steps.js';
import { applyTable, greyHistogram, subsample } from './grey.analysis.js';
import { normaliseTable } from './contrast.stretch.js';
import { invertDarkBands } from './dark.bands.js';
import { eraseRulingLines, ruleOptionsFor } from './ruling.lines.js';
import { StageClock } from './stage.clock.js';
import { measureTextSize } from './text.size.js';
import { assertTiffChainEnds } from './tiff.pages.js';

/** Decoders the OCR accepts: the raster types the gateway lets through (PDF pages must be rasterized first). */
export const ACCEPTED_IMAGE_FORMATS: readonly string[] = ['png', 'jpeg', 'tiff', 'webp'];

export interface PreparedImage {
  /** Grey, normalized, resized image for tesseract, as binary PGM. */
  data: Buffer;
  /**
   * Size of the page as displayed, i.e. after EXIF rotation (and after the orientation and deskew
   * steps when they turned it): the space word boxes are mapped into.
   */
  original: ImageSize;
  plan: PreprocessPlan;
  /** Where the image handed to tesseract (before scaling) starts in `original` (non-zero after a margin crop). */
  offset: { x: number; y: number };
  /**
   * What the optional steps did: quarter turns (degrees), skew corrected (degrees), margins cropped, and
   * (adapt) the share of the page painted over as a dark border, the share turned from light print on dark bands
   * to dark on light, (rules) the share painted over as ruling lines (ruling.lines.ts), and whether the contrast
   * stretch ran (adapt skips it on grey paper and on pages with under 1% ink), and the median character height measured
   * (page pixels; null when not measured) that chose the scale.
   */
  applied: {
    rotation: number;
    skew: number;
    cropped: boolean;
    denoised: boolean;
    border: number;
    bands: number;
    rules: number;
    contrast: boolean;
    textHeight: number | null;
  };
  /**
   * The page at its own scale after the steps (turned, border painted, cropped, stretched), before the resize:
   * what the QR search reads, so that the image is not decoded a second time for it.
   */
  grey: GreyPixels;
}

export interface PreprocessOptions extends PlanOptions {
  /** Optional steps on top of the defaults (DEFAULT_PREPROCESS_STEPS). */
  steps?: PreprocessSteps;
  /**
   * Scores an upright candidate of the page (grey PGM, downscaled) for the orientation step: higher
   * is better (the OCR engine uses tesseract's mean confidence). Without it, a page whose text runs
   * vertically is turned 90 degrees clockwise and 180-degree turns are not detected.
   */
  scoreOrientation?: (pgm: Buffer) => Promise<number>;
  /** Where the time of decoding and of the preprocessing proper is added up (stages 'decode' and 'preprocess'). */
  clock?: StageClock;
}

/** Longest side of the downscaled copy the orientation and skew are measured on. */
const ANALYSIS_SIDE = 1000;
/** Skews smaller than this are left alone (rotating costs a resampling of the page). */
const MIN_SKEW_DEG = 0.2;
/** White kept around the text after a margin crop (tesseract reads text touching the border badly). */
const CROP_MARGIN = 12;

interface GreyImage {
  data: Buffer;
  width: number;
  height: number;
}

const greyRaw = (img: GreyImage) => ({ raw: { width: img.width, height: img.height, channels: 1 as const } });

async function toGrey(pipeline: Sharp): Promise<GreyImage> {
  const { data, info } = await pipeline.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected 1 grey channel, got ${info.channels}`);
  return { data, width: info.width, height: info.height };
}

async function downscaled(img: GreyImage, side = ANALYSIS_SIDE): Promise<GreyImage> {
  if (Math.max(img.width, img.height) <= side) return img;
  return toGrey(sharp(img.data, greyRaw(img)).resize(side, side, { fit: 'inside', kernel: 'lanczos3' }));
}

/** Quarter turn (0, 90, 180, 270, clockwise) that makes the page upright. */
async function detectOrientation(img: GreyImage, score?: (pgm: Buffer) => Promise<number>): Promise<number> {
  const small = await downscaled(img);
  const normalised = await toGrey(sharp(small.data, greyRaw(small)).normalise());
  const vertical = verticalTextRatio(normalised.data, normalised.width, normalised.height) > 1.5;
  const candidates = vertical ? [90, 270] : [0, 180];
  if (!score) return candidates[0] as number;
  let best = candidates[0] as number;
  let bestScore = -Infinity;
  for (const angle of candidates) {
    const turned = await toGrey(sharp(normalised.data, greyRaw(normalised)).rotate(angle));
    const value = await score(encodePgm(turned.data, turned.width, turned.height));
    if (value > bestScore) {
      bestScore = value;
      best = angle;
    }
  }
  return best;
}

/** A page narrower or lower than this cannot hold a line of text (and is below what the preprocessing filters work on). */
export const MIN_PAGE_SIDE = 16;

/** A decoder's failure as a readable error; the decoder's own words stay in `cause` (for the logs), not in the message. */
export function inputError(err: unknown): OcrInputError {
  if (err instanceof OcrInputError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/pixel limit/i.test(message))
    return new OcrInputError('IMAGE_TOO_LARGE', 'image is too large: it has more pixels than the accepted limit (MAX_PAGE_PIXELS)', {
      cause: err,
    });
  if (/unsupported image format/i.test(message))
    return new OcrInputError('UNSUPPORTED_IMAGE', 'image cannot be decoded: not a PNG, JPEG, TIFF or WebP image', { cause: err });
  return new OcrInputError('UNSUPPORTED_IMAGE', 'image cannot be decoded: the file is damaged or truncated', { cause: err });
}

/** Refuses a page too small to read, with its size in the message. */
export function assertReadableSize(size: ImageSize): void {
  if (size.width < MIN_PAGE_SIDE || size.height < MIN_PAGE_SIDE) {
    throw new OcrInputError(
      'UNSUPPORTED_IMAGE',
      `image is ${size.width} × ${size.height} pixels: too small to hold readable text (at least ${MIN_PAGE_SIDE} × ${MIN_PAGE_SIDE})`,
    );
  }
}

/** Reads the header only: format and size after EXIF rotation. Refuses empty, unknown, non-raster or oversized input. */
export async function readImageSize(image: Buffer, maxInputPixels: number): Promise<ImageSize> {
  if (image.length === 0) throw new OcrInputError('EMPTY_IMAGE', 'image is empty (0 bytes)');
  let metadata: Metadata;
  try {
    // Header only, no pixels decoded: read it without sharp's limit so that an oversized image gets
    // the clear IMAGE_TOO_LARGE message of assertInputSize below.
    metadata = await sharp(image, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw inputError(err);
  }
  if (!ACCEPTED_IMAGE_FORMATS.includes(metadata.format)) {
    throw new OcrInputError(
      'UNSUPPORTED_IMAGE',
      `image format '${metadata.format}' is not accepted for OCR (accepted: ${ACCEPTED_IMAGE_FORMATS.join(', ')})`,
    );
  }
  if (metadata.format === 'tiff') assertTiffChainEnds(image);
  const size = { width: metadata.autoOrient.width, height: metadata.autoOrient.height };
  assertInputSize(size, maxInputPixels);
  assertReadableSize(size);
  return size;
}

/** Binary PGM (P5): tesseract's leptonica reads it without decoding work (PNG decoding inside WASM costs ~0.1 s per page). */
export function encodePgm(pixels: Buffer, width: number, height: number): Buffer {
  if (pixels.length !== width * height)
    throw new RangeError(`expected ${width * height} grey bytes for ${width} x ${height}, got ${pixels.length}`);
  return Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`, 'ascii'), pixels]);
}

/**
 * EXIF rotation, white background for transparency and grey in one libvips pipeline (the page's only full
 * decode); then the optional steps (orientation, deskew, margin crop, denoise: see preprocess.steps.ts), the
 * measurements of `adapt` (the dark border on a downscaled copy, the tones from one histogram: grey.analysis.ts),
 * the contrast stretch as a lookup table (sharp's normalise, pixel for pixel: contrast.stretch.ts) applied at the
 * smaller of the two sizes, and the planned resize (a second libvips pipeline, none when the page is read at its
 * size). The stages' times go to `options.clock` ('decode', 'preprocess').
 */
export async function preprocessImage(image: Buffer, options: PreprocessOptions = {}): Promise<PreparedImage> {
  const limits = resolveLimits(options.limits);
  const steps = resolveSteps(options.steps);
  const clock = options.clock ?? new StageClock();
  const inputSize = await clock.time('decode', () => readImageSize(image, limits.maxInputPixels));
  try {
    const grey = await clock.time('decode', () =>
      toGrey(
        sharp(image, { limitInputPixels: limits.maxInputPixels, failOn: 'error' }).rotate().flatten({ background: '#ffffff' }).greyscale(),
      ),
    );
    return await clock.time('preprocess', () => prepareGrey(grey, inputSize, options, steps, limits));
  } catch (err) {
    throw inputError(err);
  }
}

/** The optional steps that turn the page (orientation, deskew): the page in its upright, straightened form. */
async function turnPage(
  grey: GreyImage,
  options: PreprocessOptions,
  steps: ResolvedSteps,
  applied: PreparedImage['applied'],
): Promise<GreyImage> {
  if (steps.orientation) {
    applied.rotation = await detectOrientation(grey, options.scoreOrientation);
    if (applied.rotation !== 0) grey = await toGrey(sharp(grey.data, greyRaw(grey)).rotate(applied.rotation));
  }
  if (steps.deskew) {
    const small = await downscaled(grey);
    const normalised = await toGrey(sharp(small.data, greyRaw(small)).normalise());
    const skew = measureSkew(normalised.data, normalised.width, normalised.height);
    if (Math.abs(skew) >= MIN_SKEW_DEG) {
      applied.skew = skew;
      grey = await toGrey(sharp(grey.data, greyRaw(grey)).rotate(-skew, { background: '#ffffff' }));
    }
  }
  return grey;
}

/**
 * The adapt step: a dark border looked for on the analysis copy (painted over on the whole page when the copy has
 * one), light print on dark bands turned dark on light (dark.bands.ts), whether the stretch suits.
 */
function adaptPage(grey: GreyImage, applied: PreparedImage['applied']): void {
  const pixels = new Uint8Array(grey.data.buffer, grey.data.byteOffset, grey.data.length);
  const page = { data: pixels, width: grey.width, height: grey.height };
  const copy = subsample(page);
  if (copy.step > 1 && whitenDarkBorder(copy) > 0) applied.border = whitenDarkBorder(page);
  else if (copy.step === 1) applied.border = whitenDarkBorder(page);
  applied.bands = invertDarkBands(page);
  // The tones from the whole page's histogram (one pass): at 1% ink the decision is too close for a copy's sample.
  applied.contrast = applied.contrast && stretchSuits(histogramTones(greyHistogram(pixels)));
}

/** Text is measured on a copy at most this long (1600 px: a 300 dpi page's print stays 10 px or more). */
const TEXT_COPY_SIDE = 1600;

/** The page's median character height in its own pixels (text.size.ts, on a copy of at most TEXT_COPY_SIDE), null when it shows too few characters. */
async function pageTextHeight(grey: GreyImage): Promise<number | null> {
  const copy =
    Math.max(grey.width, grey.height) > TEXT_COPY_SIDE
      ? await toGrey(sharp(grey.data, greyRaw(grey)).resize(TEXT_COPY_SIDE, TEXT_COPY_SIDE, { fit: 'inside' }))
      : grey;
  const size = measureTextSize({
    data: new Uint8Array(copy.data.buffer, copy.data.byteOffset, copy.data.length),
    width: copy.width,
    height: copy.height,
  });
  return size ? size.medianHeight * (grey.width / copy.width) : null;
}

/**
 * The ruling-line step on the image tesseract reads, with one analysis copy (every n-th pixel, at most 1000 px) for
 * both its grey levels and, when rules are found, the print's median height in the image's pixels.
 */
function eraseRules(view: GreyPixels): number {
  const copy = subsample(view);
  const textHeight = (): number | null => {
    const size = measureTextSize(copy);
    return size ? size.medianHeight * copy.step : null;
  };
  return eraseRulingLines(view, ruleOptionsFor(view, greyHistogram(copy.data)), textHeight);
}

/** Margin crop to the ink (sharp's trim), with a white margin kept; the offset of the kept part in the page. */
async function cropPage(
  grey: GreyImage,
  applied: PreparedImage['applied'],
): Promise<{ grey: GreyImage; offset: { x: number; y: number } }> {
  const { data, info } = await sharp(grey.data, greyRaw(grey))
    .trim({ background: '#ffffff', threshold: 60 })
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.width >= grey.width && info.height >= grey.height) return { grey, offset: { x: 0, y: 0 } };
  applied.cropped = true;
  const margin = { top: CROP_MARGIN, bottom: CROP_MARGIN, left: CROP_MARGIN, right: CROP_MARGIN, background: '#ffffff' };
  const trimmed = await toGrey(sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).extend(margin));
  return { grey: trimmed, offset: { x: -(info.trimOffsetLeft ?? 0) - CROP_MARGIN, y: -(info.trimOffsetTop ?? 0) - CROP_MARGIN } };
}

const greyPixels = (img: GreyImage) => new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.length);

/** sharp's normalise on the page, in place, as a table of grey levels (contrast.stretch.ts: the same pixels for a fraction of the cost). */
async function stretchContrast(img: GreyImage): Promise<void> {
  const page = { data: greyPixels(img), width: img.width, height: img.height };
  const table = await normaliseTable(page, greyHistogram(page.data));
  if (table) applyTable(page.data, table);
}

async function prepareGrey(
  decoded: GreyImage,
  inputSize: ImageSize,
  options: PreprocessOptions,
  steps: ResolvedSteps,
  limits: PreprocessLimits,
): Promise<PreparedImage> {
  const applied: PreparedImage['applied'] = {
    rotation: 0,
    skew: 0,
    cropped: false,
    denoised: false,
    border: 0,
    bands: 0,
    rules: 0,
    contrast: steps.contrast,
    textHeight: null,
  };
  let grey = steps.orientation || steps.deskew ? await turnPage(decoded, options, steps, applied) : decoded;
  const original: ImageSize = steps.orientation || steps.deskew ? { width: grey.width, height: grey.height } : inputSize;
  if (steps.adapt) adaptPage(grey, applied);
  if (options.scale === undefined && limits.targetTextHeight > 0) applied.textHeight = await pageTextHeight(grey);
  let offset = { x: 0, y: 0 };
  if (steps.crop) ({ grey, offset } = await cropPage(grey, applied));
  if (steps.denoise) {
    applied.denoised = true;
    grey = await toGrey(sharp(grey.data, greyRaw(grey)).median(3));
  }
  const current: ImageSize = { width: grey.width, height: grey.height };
  const planLimits = { ...limits, maxInputPixels: Math.max(limits.maxInputPixels, original.width * original.height) };
  // The scale is chosen for the whole page (it is about the size of the print), then applied to the
  // cropped part: a crop must not change how much the text is magnified.
  const pagePlan = planPreprocessing(original, { ...options, limits: planLimits, textHeight: applied.textHeight });
  const plan = applied.cropped
    ? planPreprocessing(current, { ...options, scale: options.scale ?? pagePlan.scale, limits: planLimits })
    : pagePlan;
  let out = grey;
  // The stretch and the rules at the smaller of the two sizes: before an upscale, after a downscale. The rules are
  // painted over on the image tesseract reads only: the QR search reads the page as it is.
  if (plan.resize && plan.scale <= 1) {
    out = await toGrey(sharp(grey.data, greyRaw(grey)).resize(plan.targetWidth, plan.targetHeight, { fit: 'fill', kernel: 'lanczos3' }));
    if (applied.contrast) await stretchContrast(out);
  } else {
    if (applied.contrast) await stretchContrast(grey);
    if (steps.rules) out = { ...grey, data: Buffer.from(grey.data) };
  }
  if (steps.rules) applied.rules = eraseRules({ data: greyPixels(out), width: out.width, height: out.height });
  if (plan.resize && plan.scale > 1)
    out = await toGrey(sharp(out.data, greyRaw(out)).resize(plan.targetWidth, plan.targetHeight, { fit: 'fill', kernel: 'cubic' }));
  return {
    data: encodePgm(out.data, out.width, out.height),
    original,
    plan,
    offset,
    applied,
    grey: { data: greyPixels(grey), width: grey.width, height: grey.height },
  };
}
