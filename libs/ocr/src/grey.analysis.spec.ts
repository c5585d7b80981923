import { describe, expect, it } from '@jest/globals';
import { applyTable, greyHistogram, histogramPercentile, subsample } from './grey.analysis.js';
import { greyPercentile, histogramTones, pageTones } from './preprocess.page.js';

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
  });

  it("gives the whole page's tones from its analysis copy", () => {
    const data = page(3000, 4000, 235, 20, 0.03);
    const copy = subsample({ data, width: 3000, height: 4000 });
    expect(histogramTones(greyHistogram(copy.data))).toEqual(pageTones(data));
  });
});

describe('lookup table', () => {
  it('maps every pixel through the table, in place', () => {
    const data = Uint8Array.from([0, 10, 255, 10]);
    const table = Uint8Array.from({ length: 256 }, (_, level) => 255 - level);
    applyTable(data, table);
    expect([...data]).toEqual([255, 245, 0, 245]);
  });
});
