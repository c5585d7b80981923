import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { greyHistogram } from './grey.analysis.js';
import { calibrationImage, lightnessBins, lightnessPercent, normaliseTable, stretchPoints } from './contrast.stretch.js';

/** A deterministic grey page: paper with ink strokes, grey speckle and a gradient band (many levels, several tones). */
function page(width: number, height: number, paper: number, seed: number): Uint8Array {
  const data = new Uint8Array(width * height).fill(paper);
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  for (let i = 0; i < data.length; i++) {
    const r = next();
    if (r < 0.04) data[i] = Math.floor(next() * 90);
    else if (r < 0.1) data[i] = paper - Math.floor(next() * 40);
  }
  for (let x = 0; x < width; x++) data[x] = Math.round((x * 255) / (width - 1));
  return data;
}

async function sharpNormalised(data: Uint8Array, width: number, height: number): Promise<Buffer> {
  return sharp(data, { raw: { width, height, channels: 1 } })
    .normalise()
    .toColourspace('b-w')
    .raw()
    .toBuffer();
}

describe('lightness bins', () => {
  it("are libvips' L* of each grey level in whole units: black 0, white 100, rising", async () => {
    const bins = await lightnessBins();
    expect(bins[0]).toBe(0);
    expect(bins[255]).toBe(100);
    // sRGB grey 119 is L* 50.03; libvips truncates, so 118 (49.6) is still bin 49.
    expect([bins[118], bins[119]]).toEqual([49, 50]);
    for (let level = 1; level < 256; level++) expect(bins[level]).toBeGreaterThanOrEqual(bins[level - 1]!);
  });
});

describe('stretch points as libvips finds them', () => {
  // One bin per grey level (levels 0..100 stand for L* 0..100) keeps the arithmetic readable.
  const identity = Uint8Array.from({ length: 256 }, (_, level) => Math.min(level, 100));

  it('puts the black point where the cumulative share, scaled to the highest bin and truncated, first exceeds 1.01', () => {
    const histogram = new Uint32Array(256);
    histogram[10] = 15; // 1.5%: scaled to 1.5, truncated to 1, not above 1.01
    histogram[20] = 5; // 2.0%: scaled to 2
    histogram[100] = 980;
    expect(lightnessPercent(histogram, identity, 1)).toBe(20);
  });

  it('puts the white point at the highest bin when it is 100, one past it otherwise (no bin exceeds the threshold)', () => {
    const histogram = new Uint32Array(256);
    histogram[30] = 100;
    histogram[100] = 900;
    expect(lightnessPercent(histogram, identity, 99)).toBe(100);
    histogram[100] = 0;
    histogram[90] = 900;
    expect(lightnessPercent(histogram, identity, 99)).toBe(91);
  });

  it('gives no points for a page whose two points are 1 L* apart or less', () => {
    const histogram = new Uint32Array(256);
    histogram[100] = 1000;
    expect(stretchPoints(histogram, identity)).toBeNull();
  });

  it('builds a calibration image with the same points as the page', async () => {
    const bins = await lightnessBins();
    const data = page(300, 200, 235, 7);
    const histogram = greyHistogram(data);
    const points = stretchPoints(histogram, bins)!;
    const calibration = calibrationImage(histogram, bins, points)!;
    expect(stretchPoints(greyHistogram(calibration.pixels), bins)).toEqual(points);
    expect(calibration.levels.length).toBe(histogram.filter((count) => count > 0).length);
  });
});

describe("normalise table (real sharp): the pixels of sharp's normalise", () => {
  it.each([
    ['white paper', 250, 1],
    ['grey paper', 200, 2],
    ['dark paper', 120, 3],
  ])('on %s', async (_name, paper, seed) => {
    const width = 320;
    const height = 240;
    const data = page(width, height, paper, seed);
    const reference = await sharpNormalised(data, width, height);
    const table = await normaliseTable({ data, width, height }, greyHistogram(data));
    expect(table).not.toBeNull();
    const mapped = Buffer.from(data.map((level) => table![level]!));
    expect(mapped.equals(reference)).toBe(true);
  });

  it('is null for a blank page, which normalise leaves alone', async () => {
    const data = new Uint8Array(100 * 100).fill(250);
    expect(await normaliseTable({ data, width: 100, height: 100 }, greyHistogram(data))).toBeNull();
    expect((await sharpNormalised(data, 100, 100)).equals(Buffer.from(data))).toBe(true);
  });
});
