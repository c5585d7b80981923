import sharp from 'sharp';
import { hashString, MULBERRY32_INCREMENT, seedState } from './prng.js';
import type { ImageFormat, InvoiceGroundTruth, InvoiceVariation, RenderOptions } from './invoice.types.js';
import { deriveVariation } from './invoice.variation.js';
import { buildInvoiceSvg, PAGE_HEIGHT, PAGE_WIDTH } from './invoice.svg.js';
import { degradePixels, validateDegradation, type Degradation } from './invoice.degrade.js';
import { escapeXml } from './invoice.format.js';
import { imagesToPdf, svgGraphicsPng, svgPagesToTextPdf } from './invoice.pdf.js';

/** Rendering options plus the harder renderings of {@link Degradation} (resolution, rotation, blur, lighting). */
export interface HardRenderOptions extends RenderOptions {
  degrade?: Degradation;
}

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
    if (
      mode === 'paper' &&
      ((pixels[i] as number) < PAPER_LEVEL || (pixels[i + 1] as number) < PAPER_LEVEL || (pixels[i + 2] as number) < PAPER_LEVEL)
    )
      continue;
    for (let c = 0; c < 3; c++) {
      const value = (pixels[i + c] as number) + delta;
      pixels[i + c] = value < 0 ? 0 : value > 255 ? 255 : value;
    }
  }
}

/**
 * Renders the invoice page (850x1100 px at the default 100 dpi) with sharp/librsvg, then the optional
 * degradations; deterministic for the same truth and options.
 */
export async function renderInvoice(truth: InvoiceGroundTruth, options: HardRenderOptions = {}): Promise<Buffer> {
  const format: ImageFormat = options.format ?? 'png';
  const variation = resolveVariation(truth, options);
  const degrade = validateDegradation(options.degrade ?? {});
  const svg = buildInvoiceSvg(truth, variation);
  const factor = (degrade.dpi ?? 100) / 100;
  const rendered = await sharp(Buffer.from(svg), { density: 72 * factor })
    .resize(Math.round(PAGE_WIDTH * factor), Math.round(PAGE_HEIGHT * factor), { fit: 'fill' })
    .flatten({ background: '#ffffff' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  addNoise(
    rendered.data,
    rendered.info.channels,
    variation.noise,
    variation.noiseMode,
    (options.seed ?? hashString(truth.invoiceNumber)) ^ 0x27d4eb2f,
  );
  const { data, ...info } = await degradePixels(
    rendered.data,
    { width: rendered.info.width, height: rendered.info.height, channels: rendered.info.channels as 3 },
    degrade,
  );
  const image = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
  return format === 'jpeg'
    ? image.jpeg({ quality: variation.jpegQuality, mozjpeg: false }).toBuffer()
    : image.png({ compressionLevel: 6 }).toBuffer();
}

export interface PdfRenderOptions extends HardRenderOptions {
  /**
   * 'image' (default): each page is the rendered (and degraded) image, as a scanner writes a PDF.
   * 'text': each page's text is real PDF text (a PDF from invoicing software), graphics as an image under it.
   */
  pdf?: 'image' | 'text';
  /** Pages appended after the invoice (e.g. terms and conditions), each a list of text lines. */
  extraPages?: readonly (readonly string[])[];
}

/** A page of plain lines of text, in the invoice's font, as an SVG of the same size. */
export function linesPageSvg(lines: readonly string[]): string {
  const body = lines.map((line, i) => `<text x="70" y="${90 + i * 34}" font-size="18">${escapeXml(line)}</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE_WIDTH}" height="${PAGE_HEIGHT}" viewBox="0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}">`,
    `<rect width="${PAGE_WIDTH}" height="${PAGE_HEIGHT}" fill="#fff"/>`,
    '<g font-family="DejaVu Sans" fill="#111">',
    ...body,
    '</g>',
    '</svg>',
  ].join('\n');
}

/** The invoice as a PDF (Letter pages): image-only or with a text layer, with optional extra pages. */
export async function renderInvoicePdf(truth: InvoiceGroundTruth, options: PdfRenderOptions = {}): Promise<Buffer> {
  const extra = (options.extraPages ?? []).map(linesPageSvg);
  if (options.pdf === 'text') {
    // Text is placed upright: the page rotation of the variation applies to images only.
    const svg = buildInvoiceSvg(truth, { ...resolveVariation(truth, options), rotationDeg: 0 });
    const pages = [svg, ...extra];
    return svgPagesToTextPdf(await Promise.all(pages.map(async (page) => ({ svg: page, background: await svgGraphicsPng(page) }))));
  }
  const images = [await renderInvoice(truth, options)];
  for (const svg of extra) {
    const { data, info } = await sharp(Buffer.from(svg), { density: 72 })
      .flatten({ background: '#ffffff' })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const degraded = await degradePixels(
      data,
      { width: info.width, height: info.height, channels: 3 },
      { ...options.degrade, dpi: undefined },
    );
    const image = sharp(degraded.data, { raw: { width: degraded.width, height: degraded.height, channels: 3 } });
    images.push(
      await (options.format === 'jpeg' ? image.jpeg({ quality: resolveVariation(truth, options).jpegQuality }) : image.png()).toBuffer(),
    );
  }
  return imagesToPdf(images);
}
