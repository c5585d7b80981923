import sharp, { type Metadata, type Sharp } from 'sharp';
import { OcrInputError } from './ocr.errors.js';
import { planPreprocessing, resolveLimits, assertInputSize, type ImageSize, type PlanOptions, type PreprocessPlan } from './preprocess.plan.js';

/** Decoders the OCR accepts: the raster types the gateway lets through (PDF pages must be rasterized first). */
export const ACCEPTED_IMAGE_FORMATS: readonly string[] = ['png', 'jpeg', 'tiff', 'webp'];

export interface PreparedImage {
  /** Grey, normalized, resized image for tesseract, as binary PGM. */
  data: Buffer;
  /** Size of the original image as displayed, i.e. after EXIF rotation: the space word boxes are mapped into. */
  original: ImageSize;
  plan: PreprocessPlan;
}

function inputError(err: unknown): OcrInputError {
  if (err instanceof OcrInputError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/pixel limit/i.test(message)) return new OcrInputError('IMAGE_TOO_LARGE', `image is too large: ${message}`, { cause: err });
  return new OcrInputError('UNSUPPORTED_IMAGE', `image cannot be decoded: ${message}`, { cause: err });
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
  const size = { width: metadata.autoOrient.width, height: metadata.autoOrient.height };
  assertInputSize(size, maxInputPixels);
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
 * EXIF rotation, white background for transparency, grey, contrast stretch (sharp's normalise:
 * 1st..99th percentile to full range) and the planned resize. The contrast stretch always runs at the
 * smaller of the two sizes (it costs ~50 ms per megapixel): before an upscale (a separate sharp pass
 * over the raw grey pixels), after a downscale.
 */
export async function preprocessImage(image: Buffer, options: PlanOptions = {}): Promise<PreparedImage> {
  const limits = resolveLimits(options.limits);
  const original = await readImageSize(image, limits.maxInputPixels);
  const plan = planPreprocessing(original, { ...options, limits });
  try {
    const grey = sharp(image, { limitInputPixels: limits.maxInputPixels, failOn: 'error' })
      .rotate()
      .flatten({ background: '#ffffff' })
      .greyscale();
    let data: Buffer;
    if (plan.resize && plan.scale > 1) {
      const normalised = await grey.normalise().toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
      const raw = { width: normalised.info.width, height: normalised.info.height, channels: normalised.info.channels };
      data = await toGreyPgm(sharp(normalised.data, { raw }).resize(plan.targetWidth, plan.targetHeight, { fit: 'fill', kernel: 'cubic' }));
    } else if (plan.resize) {
      data = await toGreyPgm(grey.resize(plan.targetWidth, plan.targetHeight, { fit: 'fill', kernel: 'lanczos3' }).normalise());
    } else {
      data = await toGreyPgm(grey.normalise());
    }
    return { data, original, plan };
  } catch (err) {
    throw inputError(err);
  }
}
