import sharp from 'sharp';
import { hashString, MULBERRY32_INCREMENT, seedState } from './prng.js';
import type { ImageFormat, InvoiceGroundTruth, InvoiceVariation, RenderOptions } from './invoice.types.js';
import { deriveVariation } from './invoice.variation.js';
import { buildInvoiceSvg, PAGE_HEIGHT, PAGE_WIDTH } from './invoice.svg.js';

/** The variation a rendering uses: seed-derived (the seed defaults to a hash of the truth), then overrides. */
export function resolveVariation(truth: InvoiceGroundTruth, options: RenderOptions = {}): InvoiceVariation {
  const seed = options.seed ?? hashString(JSON.stringify(truth));
  return { ...deriveVariation(seed), ...options.variation };
}

/** Pixels at least this light (all channels) count as paper for the 'paper' noise mode. */
const PAPER_LEVEL = 235;

/**
 * Adds deterministic grey noise in place (triangular distribution, +-amplitude) to RGB pixels: to all
 * of them ('full') or only to the paper ('paper', pixels at least {@link PAPER_LEVEL} light).
 */
function addNoise(buffer: Buffer, channels: number, amplitude: number, mode: 'paper' | 'full', seed: number): void {
  if (amplitude <= 0) return;
  // A plain typed-array view: indexing a Buffer is much slower in some hosts (jest's VM contexts).
  const pixels = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
  // The PRNG of createRng(seed) (mulberry32), written out with local bindings only: this runs twice per
  // pixel, and lookups of globals and imports are slow in some hosts (jest's VM contexts: 1 s per page).
  let state = seedState(seed);
  const increment = MULBERRY32_INCREMENT;
  const { imul, round } = Math;
  const draw = (): number => {
    state = (state + increment) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = 0; i < pixels.length; i += channels) {
    // Draw for every pixel, so the noise pattern does not depend on the content.
    const delta = round((draw() + draw() - 1) * amplitude);
    if (delta === 0) continue;
    if (mode === 'paper' && ((pixels[i] as number) < PAPER_LEVEL || (pixels[i + 1] as number) < PAPER_LEVEL || (pixels[i + 2] as number) < PAPER_LEVEL)) continue;
    for (let c = 0; c < 3; c++) {
      const value = (pixels[i + c] as number) + delta;
      pixels[i + c] = value < 0 ? 0 : value > 255 ? 255 : value;
    }
  }
}

/** Renders the invoice page (850x1100 px) with sharp/librsvg; deterministic for the same truth and options. */
export async function renderInvoice(truth: InvoiceGroundTruth, options: RenderOptions = {}): Promise<Buffer> {
  const format: ImageFormat = options.format ?? 'png';
  const variation = resolveVariation(truth, options);
  const svg = buildInvoiceSvg(truth, variation);
  const { data, info } = await sharp(Buffer.from(svg), { density: 72 })
    .resize(PAGE_WIDTH, PAGE_HEIGHT, { fit: 'fill' })
    .flatten({ background: '#ffffff' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  addNoise(data, info.channels, variation.noise, variation.noiseMode, (options.seed ?? hashString(truth.invoiceNumber)) ^ 0x27d4eb2f);
  const image = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
  return format === 'jpeg'
    ? image.jpeg({ quality: variation.jpegQuality, mozjpeg: false }).toBuffer()
    : image.png({ compressionLevel: 6 }).toBuffer();
}
