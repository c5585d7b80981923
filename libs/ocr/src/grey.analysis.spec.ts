import { describe, expect, it } from '@jest/globals';
import { applyTable, contrastTable, greyHistogram, greyToLightness, histogramOtsu, histogramPercentile, lightnessToGrey, subsample } from './grey.analysis.js';
import { greyPercentile, histogramTones, otsuThreshold, pageTones } from './preprocess.page.js';

/** A page of paper (grey `paper`) with `inkShare` of its pixels ink (grey `ink`), spread evenly. */
function page(width: number, height: number, paper: number, ink: number, inkShare: number): Uint8Array {
  const data = new Uint8Array(width * height).fill(paper);
  const every = Math.round(1 / inkShare);
  for (let i = 0; i < data.length; i += every) data[i] = ink;
  return data;
}

describe('analysis copy', () => {
  it('keeps every step-th pixel of every step-th row, grey levels unchanged, long side at most the limit', () => {
    const width = 2500;
    const height = 3500;
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = (x + y) % 256;
    const copy = subsample({ data, width, height }, 1000);
    expect(copy.step).toBe(4);
    expect(Math.max(copy.width, copy.height)).toBeLessThanOrEqual(1000);
    expect(copy.data[3 * copy.width + 5]).toBe((5 * 4 + 3 * 4) % 256);
  });

  it('hands a page already small enough back as it is', () => {
    const data = new Uint8Array(800 * 600);
    expect(subsample({ data, width: 800, height: 600 }).data).toBe(data);
  });

  it('refuses pixels that do not match the size', () => {
    expect(() => subsample({ data: new Uint8Array(10), width: 4, height: 4 })).toThrow(RangeError);
  });

  it('gives the same tones from one histogram as the three passes over the page', () => {
    const data = page(400, 300, 240, 30, 0.05);
    expect(histogramTones(greyHistogram(data))).toEqual(pageTones(data));
    expect(histogramPercentile(greyHistogram(data), 0.5)).toBe(greyPercentile(data, 0.5));
    expect(histogramOtsu(greyHistogram(data))).toBe(otsuThreshold(data));
  });

  it("gives the whole page's tones from its analysis copy", () => {
    const data = page(3000, 4000, 235, 20, 0.03);
    const copy = subsample({ data, width: 3000, height: 4000 });
    expect(histogramTones(greyHistogram(copy.data))).toEqual(pageTones(data));
  });
});

describe('contrast stretch table', () => {
  it('converts grey levels to lightness and back', () => {
    for (const level of [0, 1, 17, 100, 128, 200, 254, 255]) expect(lightnessToGrey(greyToLightness(level))).toBe(level);
    expect(greyToLightness(255)).toBeCloseTo(100, 5);
  });

  it('maps the 1st percentile to black (within rounding), the 99th to white, keeps the order between them', () => {
    // Grey paper (200) with 5% mid-grey ink (90): a low-contrast page.
    const data = page(300, 300, 200, 90, 0.05);
    const table = contrastTable(greyHistogram(data), 0.01, 0.99);
    expect(table).not.toBeNull();
    // Black within the rounding of L* to whole units (as sharp's normalise).
    expect(table![90]).toBeLessThanOrEqual(3);
    expect(table![200]).toBe(255);
    for (let level = 1; level < 256; level++) expect(table![level]).toBeGreaterThanOrEqual(table![level - 1]!);
    applyTable(data, table!);
    expect(new Set(data)).toEqual(new Set([table![90], 255]));
  });

  it("puts the black point where sharp's normalise does: about 2% of the pixels darker", () => {
    // 1.5% ink on paper of two tones (230, 250): under the 2% point, so the darker paper becomes the black point.
    const data = page(400, 400, 230, 40, 0.015);
    for (let i = data.length / 2; i < data.length; i++) if (data[i] === 230) data[i] = 250;
    const table = contrastTable(greyHistogram(data));
    expect(table![230]).toBeLessThan(40);
    expect(contrastTable(greyHistogram(data), 0.01, 0.99)![230]).toBeGreaterThan(200);
  });

  it('leaves a blank page alone', () => {
    expect(contrastTable(greyHistogram(new Uint8Array(1000).fill(250)))).toBeNull();
  });
});
