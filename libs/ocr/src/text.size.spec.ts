import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { inkComponents, looksLikeCharacter, measureTextSize, MIN_CHARACTERS } from './text.size.js';
import type { GreyPixels } from './preprocess.page.js';

/** Lines of text of `fontSize` px (DejaVu Sans) on a white page, scaled by `scale` after rendering. */
async function render(fontSize: number, scale = 1, lines = 8): Promise<GreyPixels> {
  const pitch = Math.round(fontSize * 1.8);
  const width = Math.round(fontSize * 40);
  const height = 40 + lines * pitch;
  const text = Array.from(
    { length: lines },
    (_, i) => `<text x="20" y="${20 + (i + 1) * pitch}" font-size="${fontSize}">Invoice total due 1234.56 EUR ${i}</text>`,
  ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/><g font-family="DejaVu Sans" fill="#111">${text}</g></svg>`;
  const { data, info } = await sharp(Buffer.from(svg))
    .resize(Math.round(width * scale))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

describe('text size from connected components', () => {
  it('finds one component per separate blob, with its box and pixel count', () => {
    // Two blobs on white: a 3 x 4 block and a diagonal of 3 pixels (8-connected: one component).
    const width = 10;
    const data = new Uint8Array(width * 8).fill(255);
    for (let y = 1; y < 5; y++) for (let x = 1; x < 4; x++) data[y * width + x] = 0;
    for (let i = 0; i < 3; i++) data[(5 + i) * width + 6 + i] = 0;
    const components = inkComponents({ data, width, height: 8 }, 128);
    expect(components).toEqual([
      { width: 3, height: 4, pixels: 12 },
      { width: 3, height: 3, pixels: 3 },
    ]);
  });

  it('takes characters, not rules, specks or pictures', () => {
    expect(looksLikeCharacter({ width: 8, height: 12, pixels: 40 }, 1000)).toBe(true);
    expect(looksLikeCharacter({ width: 600, height: 3, pixels: 1800 }, 1000)).toBe(false); // a rule
    expect(looksLikeCharacter({ width: 2, height: 2, pixels: 4 }, 1000)).toBe(false); // a speck
    expect(looksLikeCharacter({ width: 300, height: 300, pixels: 90_000 }, 1000)).toBe(false); // a filled picture
  });

  it('measures a median character height that follows the font size and the scale', async () => {
    const small = measureTextSize(await render(14));
    const large = measureTextSize(await render(28));
    expect(small!.characters).toBeGreaterThanOrEqual(MIN_CHARACTERS);
    expect(small!.medianHeight).toBeGreaterThanOrEqual(8);
    expect(small!.medianHeight).toBeLessThanOrEqual(14);
    expect(large!.medianHeight / small!.medianHeight).toBeGreaterThan(1.7);
    expect(large!.medianHeight / small!.medianHeight).toBeLessThan(2.3);
    const shrunk = measureTextSize(await render(28, 0.5));
    expect(Math.abs(shrunk!.medianHeight - small!.medianHeight)).toBeLessThanOrEqual(2);
  });

  it('does not measure a page with too few characters', async () => {
    expect(measureTextSize(await render(20, 1, 1))).toBeNull();
    expect(measureTextSize({ data: new Uint8Array(100 * 100).fill(255), width: 100, height: 100 })).toBeNull();
  });
});
