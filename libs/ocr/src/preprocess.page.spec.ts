import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { greyPercentile, pageTones, stretchSuits, whitenDarkBorder, type GreyPixels } from './preprocess.page.js';

/** Text lines of `fontSize` px on a white page, optionally on grey paper inside a dark frame (`border` px of black). */
async function render(options: { fontSize: number; lines?: number; border?: number; paper?: string }): Promise<GreyPixels> {
  const lines = options.lines ?? 8;
  const border = options.border ?? 0;
  const pitch = Math.round(options.fontSize * 1.8);
  const width = 600;
  const height = 80 + lines * pitch;
  const text = Array.from(
    { length: lines },
    (_, i) =>
      `<text x="${border + 30}" y="${40 + border + (i + 1) * pitch}" font-size="${options.fontSize}">TOTAL SALES INCL GST ${i}.90 Spgjq</text>`,
  ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width + 2 * border}" height="${height + 2 * border}"><rect width="100%" height="100%" fill="#000"/><rect x="${border}" y="${border}" width="${width}" height="${height}" fill="${options.paper ?? '#fff'}"/><g font-family="DejaVu Sans" fill="#222">${text}</g></svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

describe('page measurements (adapt step)', () => {
  it('paints a dark frame around the paper in the paper colour and keeps the text', async () => {
    const page = await render({ fontSize: 16, border: 40, paper: '#e6e6e6' });
    const inkBefore = page.data.filter((v) => v < 128).length;
    const share = whitenDarkBorder(page);
    const frame = (page.width * page.height - (page.width - 80) * (page.height - 80)) / (page.width * page.height);
    expect(share).toBeCloseTo(frame, 2);
    expect(page.data[0]).toBe(greyPercentile(page.data, 0.9));
    const inkAfter = page.data.filter((v) => v < 128).length;
    // Only the frame went: the text's ink is all there.
    expect(inkAfter).toBe(inkBefore - Math.round(frame * page.width * page.height));
  });

  it('leaves a page without a dark border unchanged', async () => {
    const page = await render({ fontSize: 16 });
    const copy = Uint8Array.from(page.data);
    expect(whitenDarkBorder(page)).toBe(0);
    expect(Buffer.compare(Buffer.from(copy), Buffer.from(page.data))).toBe(0);
  });

  it('keeps the contrast stretch for black print on white paper only', async () => {
    expect(stretchSuits(pageTones((await render({ fontSize: 16 })).data))).toBe(true);
    // A thermal receipt: grey paper.
    expect(stretchSuits(pageTones((await render({ fontSize: 16, paper: '#d8d8d8' })).data))).toBe(false);
    // A small receipt on a large white scan: under 1% ink, the 1st percentile is paper.
    expect(stretchSuits({ p1: 228, median: 255, otsu: 138 })).toBe(false);
  });

  it('splits ink from paper with Otsu and reads percentiles', () => {
    const data = new Uint8Array(1000).fill(240);
    data.fill(30, 0, 100);
    const { otsu } = pageTones(data);
    expect(otsu).toBeGreaterThanOrEqual(30);
    expect(otsu).toBeLessThan(240);
    expect(pageTones(new Uint8Array(10).fill(200)).otsu).toBe(128);
    expect(greyPercentile(data, 0.05)).toBe(30);
    expect(greyPercentile(data, 0.9)).toBe(240);
  });
});
