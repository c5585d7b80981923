import { describe, expect, it } from '@jest/globals';
import { otsuLevel, otsuLevelOfHistogram } from './grey.otsu.js';

describe('otsuLevel', () => {
  it('puts the split between two grey levels, the darker one in the ink class', () => {
    const pixels = Uint8Array.from([...Array(60).fill(200), ...Array(40).fill(60)]);
    const level = otsuLevel(pixels);
    expect(level).toBeGreaterThanOrEqual(60);
    expect(level).toBeLessThan(200);
  });

  it('separates dark text from a grained background', () => {
    // Background 180..230, ink 40..80.
    const pixels = Uint8Array.from(Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 40 + (i % 50) : 180 + (i % 51))));
    const level = otsuLevel(pixels);
    expect(level).toBeGreaterThanOrEqual(80);
    expect(level).toBeLessThan(180);
  });

  it('is null when there is nothing to split', () => {
    expect(otsuLevel(new Uint8Array(50).fill(128))).toBeNull();
    expect(otsuLevel(new Uint8Array(0))).toBeNull();
  });
});

describe('otsuLevelOfHistogram', () => {
  it('splits a histogram as otsuLevel splits its pixels', () => {
    const pixels = Uint8Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? 20 + (i % 30) : 200 + (i % 40)));
    const histogram = new Uint32Array(256);
    for (const p of pixels) histogram[p] = (histogram[p] ?? 0) + 1;
    expect(otsuLevelOfHistogram(histogram)).toBe(otsuLevel(pixels));
    expect(otsuLevelOfHistogram(new Uint32Array(256))).toBeNull();
  });
});
