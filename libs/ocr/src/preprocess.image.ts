import sharp, { type Metadata, type Sharp } from 'sharp';
import { OcrInputError } from './ocr.errors.js';
import { planPreprocessing, resolveLimits, assertInputSize, type ImageSize, type PlanOptions, type PreprocessPlan } from './preprocess.plan.js';
import { pageTones, stretchSuits, whitenDarkBorder } from './preprocess.page.js';
import { measureSkew, resolveSteps, verticalTextRatio, type PreprocessSteps } from './preprocess.steps.js';
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
   * (adapt) the share of the page painted over as a dark border and whether the contrast stretch ran
   * (adapt skips it on grey paper and on pages with under 1% ink).
   */
  applied: { rotation: number; skew: number; cropped: boolean; denoised: boolean; border: number; contrast: boolean };
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
  if (/pixel limit/i.test(message)) return new OcrInputError('IMAGE_TOO_LARGE', 'image is too large: it has more pixels than the accepted limit (MAX_PAGE_PIXELS)', { cause: err });
  if (/unsupported image format/i.test(message)) return new OcrInputError('UNSUPPORTED_IMAGE', 'image cannot be decoded: not a PNG, JPEG, TIFF or WebP image', { cause: err });
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
    throw new OcrInputError('UNSUPPORTED_IMAGE', `image format '${metadata.format}' is not accepted for OCR (accepted: ${ACCEPTED_IMAGE_FORMATS.join(', ')})`);
  }
  if (metadata.format === 'tiff') assertTiffChainEnds(image);
  const size = { width: metadata.autoOrient.width, height: metadata.autoOrient.height };
  assertInputSize(size, maxInputPixels);
  assertReadableSize(size);
  return size;
}

/** Binary PGM (P5): tesseract's leptonica reads it without decoding work (PNG decoding inside WASM costs ~0.1 s per page). */
export function encodePgm(pixels: Buffer, width: number, height: number): Buffer {
  if (pixels.length !== width * height) throw new RangeError(`expected ${width * height} grey bytes for ${width} x ${height}, got ${pixels.length}`);
  return Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`, 'ascii'), pixels]);
}

async function toGreyPgm(pipeline: Sharp): Promise<Buffer> {
  const { data, info } = await pipeline.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected 1 grey channel after preprocessing, got ${info.channels}`);
  return encodePgm(data, info.width, info.height);
}

/**
 * EXIF rotation, white background for transparency, grey, the optional steps (orientation, deskew,
 * margin crop, denoise: see preprocess.steps.ts), contrast stretch (sharp's normalise: 1st..99th
 * percentile to full range) and the planned resize. The contrast stretch always runs at the smaller of
 * the two sizes (it costs ~50 ms per megapixel): before an upscale (a separate sharp pass over the raw
 * grey pixels), after a downscale.
 */
export async function preprocessImage(image: Buffer, options: PreprocessOptions = {}): Promise<PreparedImage> {
  const limits = resolveLimits(options.limits);
  const steps = resolveSteps(options.steps);
  const inputSize = await readImageSize(image, limits.maxInputPixels);
  const applied: PreparedImage['applied'] = { rotation: 0, skew: 0, cropped: false, denoised: false, border: 0, contrast: steps.contrast };
  try {
    const decoded = sharp(image, { limitInputPixels: limits.maxInputPixels, failOn: 'error' })
      .rotate()
      .flatten({ background: '#ffffff' })
      .greyscale();
    let source: Sharp = decoded;
    let original: ImageSize = inputSize;
    let offset = { x: 0, y: 0 };
    let current: ImageSize = inputSize;
    if (steps.orientation || steps.deskew || steps.crop || steps.denoise || steps.adapt) {
      let grey = await toGrey(decoded);
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
      original = { width: grey.width, height: grey.height };
      if (steps.adapt) {
        const pixels = new Uint8Array(grey.data.buffer, grey.data.byteOffset, grey.data.length);
        applied.border = whitenDarkBorder({ data: pixels, width: grey.width, height: grey.height });
        applied.contrast = steps.contrast && stretchSuits(pageTones(pixels));
      }
      if (steps.crop) {
        const { data, info } = await sharp(grey.data, greyRaw(grey))
          .trim({ background: '#ffffff', threshold: 60 })
          .raw()
          .toBuffer({ resolveWithObject: true });
        const left = -(info.trimOffsetLeft ?? 0);
        const top = -(info.trimOffsetTop ?? 0);
        if (info.width < grey.width || info.height < grey.height) {
          applied.cropped = true;
          const trimmed = await toGrey(
            sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).extend({
              top: CROP_MARGIN,
              bottom: CROP_MARGIN,
              left: CROP_MARGIN,
              right: CROP_MARGIN,
              background: '#ffffff',
            }),
          );
          offset = { x: left - CROP_MARGIN, y: top - CROP_MARGIN };
          grey = trimmed;
        }
      }
      if (steps.denoise) {
        applied.denoised = true;
        grey = await toGrey(sharp(grey.data, greyRaw(grey)).median(3));
      }
      current = { width: grey.width, height: grey.height };
      source = sharp(grey.data, greyRaw(grey));
    }
    const planLimits = { ...limits, maxInputPixels: Math.max(limits.maxInputPixels, original.width * original.height) };
    // The scale is chosen for the whole page (it is about the size of the print), then applied to the
    // cropped part: a crop must not change how much the text is magnified.
    const pagePlan = planPreprocessing(original, { ...options, limits: planLimits });
    const plan = applied.cropped ? planPreprocessing(current, { ...options, scale: options.scale ?? pagePlan.scale, limits: planLimits }) : pagePlan;
    const contrast = (p: Sharp): Sharp => (applied.contrast ? p.normalise() : p);
    let data: Buffer;
    if (plan.resize && plan.scale > 1) {
      const normalised = await contrast(source).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
      const raw = { width: normalised.info.width, height: normalised.info.height, channels: normalised.info.channels };
      data = await toGreyPgm(sharp(normalised.data, { raw }).resize(plan.targetWidth, plan.targetHeight, { fit: 'fill', kernel: 'cubic' }));
    } else if (plan.resize) {
      data = await toGreyPgm(contrast(source.resize(plan.targetWidth, plan.targetHeight, { fit: 'fill', kernel: 'lanczos3' })));
    } else {
      data = await toGreyPgm(contrast(source));
    }
    return { data, original, plan, offset, applied };
  } catch (err) {
    throw inputError(err);
  }
}
