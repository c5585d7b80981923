import sharp from 'sharp';

/**
 * Harder renderings of a page, as scans and phone photos spoil them. Every field is optional and off
 * by default; applied in the order of a real capture: paper (uneven light), optics (blur), placement
 * (rotation), then the file (JPEG quality, in the renderer).
 */
export interface Degradation {
  /** Rendering resolution of the 8.5 x 11 in page; the default page is 100 dpi (850 x 1100 px). 150 dpi = 1275 x 1650. */
  dpi?: number;
  /** Extra rotation of the whole page, degrees clockwise, -5..5; the corners are filled with white (the page grows). */
  rotationDeg?: number;
  /** Gaussian blur sigma, px (0.5 = slightly soft, 1.5 = out of focus). */
  blurSigma?: number;
  /** Uneven lighting, 0..0.8: how much darker the darkest corner gets than the lightest (a linear gradient). */
  lighting?: number;
}

export const MAX_DEGRADE_ROTATION_DEG = 5;

export function validateDegradation(d: Degradation): Degradation {
  if (d.dpi !== undefined && !(d.dpi >= 50 && d.dpi <= 600)) throw new RangeError(`dpi must be between 50 and 600, got ${d.dpi}`);
  if (d.rotationDeg !== undefined && !(Math.abs(d.rotationDeg) <= MAX_DEGRADE_ROTATION_DEG))
    throw new RangeError(`rotationDeg must be between -${MAX_DEGRADE_ROTATION_DEG} and ${MAX_DEGRADE_ROTATION_DEG}, got ${d.rotationDeg}`);
  if (d.blurSigma !== undefined && !(d.blurSigma >= 0 && d.blurSigma <= 10))
    throw new RangeError(`blurSigma must be between 0 and 10, got ${d.blurSigma}`);
  if (d.lighting !== undefined && !(d.lighting >= 0 && d.lighting <= 0.8))
    throw new RangeError(`lighting must be between 0 and 0.8, got ${d.lighting}`);
  return d;
}

/** Multiplies RGB(A) pixels in place by a diagonal gradient: 1 at the top-left corner, `1 - strength` at the bottom-right. */
function applyLighting(pixels: Buffer, width: number, height: number, channels: number, strength: number): void {
  const view = new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.length);
  const span = Math.max(1, width - 1 + height - 1);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const factor = 1 - (strength * (x + y)) / span;
      const i = (y * width + x) * channels;
      for (let c = 0; c < 3; c++) view[i + c] = Math.round((view[i + c] as number) * factor);
    }
  }
}

/** Applies lighting, blur and rotation to raw RGB pixels; returns raw RGB pixels and their size. */
export async function degradePixels(
  data: Buffer,
  info: { width: number; height: number; channels: 3 | 4 },
  d: Degradation,
): Promise<{ data: Buffer; width: number; height: number; channels: 3 }> {
  const raw = { width: info.width, height: info.height, channels: info.channels };
  let pixels = data;
  let { width, height } = info;
  if (d.lighting && d.lighting > 0) {
    pixels = Buffer.from(pixels);
    applyLighting(pixels, width, height, info.channels, d.lighting);
    if (info.channels === 4) pixels = await sharp(pixels, { raw }).removeAlpha().raw().toBuffer();
  }
  if (d.blurSigma && d.blurSigma >= 0.3) {
    pixels = await sharp(pixels, { raw: { width, height, channels: 3 } })
      .removeAlpha()
      .blur(d.blurSigma)
      .raw()
      .toBuffer();
  }
  if (d.rotationDeg) {
    const rotated = await sharp(pixels, { raw: { width, height, channels: 3 } })
      .removeAlpha()
      .rotate(d.rotationDeg, { background: '#ffffff' })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    pixels = rotated.data;
    width = rotated.info.width;
    height = rotated.info.height;
  }
  if (pixels.length !== width * height * 3) {
    pixels = await sharp(pixels, { raw: { width, height, channels: info.channels } })
      .removeAlpha()
      .raw()
      .toBuffer();
  }
  return { data: pixels, width, height, channels: 3 };
}
