import jsQRModule from 'jsqr';
import sharp, { type Sharp } from 'sharp';
import { DEFAULT_PREPROCESS_LIMITS } from './preprocess.plan.js';

type JsQR = (typeof import('jsqr'))['default'];
// jsqr is CommonJS with `exports.default`; depending on the loader the default import is the function or the exports object.
const jsQR: JsQR = (jsQRModule as unknown as { default?: JsQR }).default ?? (jsQRModule as unknown as JsQR);

/** QR codes are searched at most at this size (long side); bigger scans are shrunk first, which keeps jsqr cheap. */
export const QR_MAX_SIDE = 2000;
/** Images whose long side is at most this get a second try at 2x (small codes on low-resolution pages). */
export const QR_UPSCALE_MAX_SIDE = 1200;

async function attempt(pipeline: Sharp): Promise<string | null> {
  const { data, info } = await pipeline.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const pixels = new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength);
  const code = jsQR(pixels, info.width, info.height, { inversionAttempts: 'dontInvert' });
  return code && code.data !== '' ? code.data : null;
}

/**
 * Decodes the first QR code on the image, or returns null when there is none (or the image cannot be read:
 * a missing QR code never fails an OCR job). Tries, cheapest first: the upright image at original
 * resolution (shrunk to {@link QR_MAX_SIDE}), then a 2x upscale for small images, then a hard black/white threshold.
 */
export async function decodeQr(image: Buffer): Promise<string | null> {
  try {
    const options = { limitInputPixels: DEFAULT_PREPROCESS_LIMITS.maxInputPixels };
    const { width, height } = (await sharp(image, options).metadata()).autoOrient;
    const base = sharp(image, options).rotate().flatten({ background: '#ffffff' });
    const longSide = Math.max(width, height);
    const shrink = (p: Sharp): Sharp => (longSide > QR_MAX_SIDE ? p.resize(QR_MAX_SIDE, QR_MAX_SIDE, { fit: 'inside' }) : p);

    const plain = await attempt(shrink(base.clone()));
    if (plain !== null) return plain;
    if (longSide <= QR_UPSCALE_MAX_SIDE) {
      const upscaled = await attempt(base.clone().resize(width * 2, height * 2, { kernel: 'nearest' }));
      if (upscaled !== null) return upscaled;
    }
    return await attempt(shrink(base.clone()).greyscale().normalise().threshold(128));
  } catch {
    return null;
  }
}
