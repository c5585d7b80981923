import { describe, expect, it } from '@jest/globals';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { generateInvoiceData } from './invoice.data.js';
import { validateDegradation } from './invoice.degrade.js';
import { svgTexts } from './invoice.pdf.js';
import { renderInvoice, renderInvoicePdf } from './invoice.renderer.js';
import { buildInvoiceSvg } from './invoice.svg.js';
import { deriveVariation } from './invoice.variation.js';

const truth = generateInvoiceData(31, { language: 'fr', withEmail: true });

/** Mean grey level of a region (0 = black, 255 = white). */
async function meanGrey(image: Buffer, region: { left: number; top: number; width: number; height: number }): Promise<number> {
  // stats() describes the input image, not the extracted region: average the region's pixels here.
  const pixels = await sharp(image).extract(region).greyscale().raw().toBuffer();
  return pixels.reduce((sum, value) => sum + value, 0) / pixels.length;
}

describe('harder renderings', () => {
  it('renders at 150 dpi: 1275 x 1650', async () => {
    const meta = await sharp(await renderInvoice(truth, { seed: 31, degrade: { dpi: 150 } })).metadata();
    expect([meta.width, meta.height]).toEqual([1275, 1650]);
  });

  it('rotates the whole page by up to 5 degrees (the page grows, corners white) and refuses more', async () => {
    const image = await renderInvoice(truth, { seed: 31, variation: { rotationDeg: 0, noise: 0 }, degrade: { rotationDeg: 5 } });
    const meta = await sharp(image).metadata();
    // 850 cos 5° + 1100 sin 5° = 943 px wide.
    expect(Math.abs(meta.width! - 943)).toBeLessThanOrEqual(2);
    expect(await meanGrey(image, { left: 0, top: 0, width: 20, height: 20 })).toBeGreaterThan(245);
    expect(() => validateDegradation({ rotationDeg: 6 })).toThrow(/rotationDeg/);
  });

  it('darkens one corner with uneven lighting', async () => {
    const image = await renderInvoice(truth, { seed: 31, variation: { noise: 0 }, degrade: { lighting: 0.5 } });
    const topLeft = await meanGrey(image, { left: 0, top: 0, width: 30, height: 30 });
    const bottomRight = await meanGrey(image, { left: 820, top: 1070, width: 30, height: 30 });
    expect(topLeft).toBeGreaterThan(240);
    expect(bottomRight).toBeLessThan(150);
  });

  it('blurs: fewer sharp edges than the plain rendering', async () => {
    const plain = await renderInvoice(truth, { seed: 31, variation: { noise: 0 } });
    const blurred = await renderInvoice(truth, { seed: 31, variation: { noise: 0 }, degrade: { blurSigma: 1.5 } });
    // Edge energy: standard deviation of a Laplacian of the page.
    // Share of pixels on a strong edge (|Laplacian| > 40).
    const edges = async (image: Buffer) => {
      const lap = await sharp(image)
        .greyscale()
        .convolve({ width: 3, height: 3, kernel: [0, 1, 0, 1, -4, 1, 0, 1, 0], offset: 128 })
        .raw()
        .toBuffer();
      return lap.filter((v) => Math.abs(v - 128) > 40).length / lap.length;
    };
    expect(await edges(blurred)).toBeLessThan((await edges(plain)) * 0.5);
  });

  it('writes JPEG at quality 40 smaller than at 95', async () => {
    const q40 = await renderInvoice(truth, { seed: 31, format: 'jpeg', variation: { jpegQuality: 40 } });
    const q95 = await renderInvoice(truth, { seed: 31, format: 'jpeg', variation: { jpegQuality: 95 } });
    expect(q40.length).toBeLessThan(q95.length * 0.6);
  });
});

describe('PDF output', () => {
  it('writes an image-only PDF with one Letter page per image, extra pages after the invoice', async () => {
    const pdf = await renderInvoicePdf(truth, { seed: 31, extraPages: [['Terms'], ['More terms']] });
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(3);
    expect(doc.getPage(0).getSize()).toEqual({ width: 612, height: 792 });
  });

  it('writes a text PDF with every text line of the SVG', async () => {
    const svg = buildInvoiceSvg(truth, deriveVariation(31));
    const texts = svgTexts(svg);
    expect(texts.map((t) => t.content)).toContain(`Facturé à ${truth.customerName}`);
    expect(texts.find((t) => t.content.startsWith('TOTAL'))).toMatchObject({ anchor: 'end', mono: true, bold: true });
    const pdf = await renderInvoicePdf(truth, { seed: 31, pdf: 'text' });
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
    // Helvetica text objects in the content stream (not a picture of text).
    expect(pdf.toString('latin1')).toContain('/BaseFont /Helvetica');
  });
});
