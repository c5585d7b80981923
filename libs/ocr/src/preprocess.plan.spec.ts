import { describe, expect, it } from '@jest/globals';
import { OcrInputError } from './ocr.errors.js';
import { assertInputSize, DEFAULT_PREPROCESS_LIMITS, planPreprocessing, resolveLimits } from './preprocess.plan.js';

describe('planPreprocessing', () => {
  it('upscales a 100 dpi Letter page (850 x 1100) 2x to 1700 x 2200', () => {
    expect(planPreprocessing({ width: 850, height: 1100 })).toEqual({
      scale: 2,
      scaleX: 2,
      scaleY: 2,
      targetWidth: 1700,
      targetHeight: 2200,
      resize: true,
      reason: 'upscale',
    });
  });

  it('gives 2.5x for 850 px when the target is 2125 px (the factor the product team first measured)', () => {
    const plan = planPreprocessing({ width: 850, height: 1100 }, { limits: { targetShortSide: 2125 } });
    expect(plan).toMatchObject({ scale: 2.5, targetWidth: 2125, targetHeight: 2750, reason: 'upscale' });
  });

  it('scales on the shorter side, so a landscape page gets the same factor as the portrait one', () => {
    expect(planPreprocessing({ width: 1100, height: 850 })).toMatchObject({ scale: 2, targetWidth: 2200, targetHeight: 1700 });
  });

  it('does not upscale large scans (2550 x 3300 = Letter at 300 dpi)', () => {
    expect(planPreprocessing({ width: 2550, height: 3300 })).toEqual({
      scale: 1,
      scaleX: 1,
      scaleY: 1,
      targetWidth: 2550,
      targetHeight: 3300,
      resize: false,
      reason: 'none',
    });
  });

  it('skips upscales below 1.2x (1500 px would be 1.13x) but does a 1.25x one (1360 px)', () => {
    expect(planPreprocessing({ width: 1500, height: 2000 })).toMatchObject({ scale: 1, resize: false, reason: 'none' });
    expect(planPreprocessing({ width: 1360, height: 1760 })).toMatchObject({ scale: 1.25, targetWidth: 1700, targetHeight: 2200 });
  });

  it('caps the factor at 4x for tiny images (300 x 400 -> 1200 x 1600, not 5.67x)', () => {
    expect(planPreprocessing({ width: 300, height: 400 })).toMatchObject({ scale: 4, targetWidth: 1200, targetHeight: 1600 });
  });

  it('downscales pages over the 25 MP output cap (A4 at 600 dpi: 4960 x 7016 = 34.8 MP)', () => {
    const plan = planPreprocessing({ width: 4960, height: 7016 });
    // sqrt(25e6 / 34.8e6) = 0.8476 -> floor(4960 * 0.8476) = 4204, floor(7016 * 0.8476) = 5946.
    expect(plan.reason).toBe('pixel-cap');
    expect(plan.scale).toBeCloseTo(0.8476, 4);
    expect(plan.targetWidth).toBe(4204);
    expect(plan.targetHeight).toBe(5946);
    expect(plan.targetWidth * plan.targetHeight).toBeLessThanOrEqual(DEFAULT_PREPROCESS_LIMITS.maxOutputPixels);
  });

  it('keeps a forced scale under the pixel cap too', () => {
    expect(planPreprocessing({ width: 850, height: 1100 }, { scale: 3 })).toMatchObject({
      scale: 3,
      targetWidth: 2550,
      targetHeight: 3300,
      reason: 'override',
    });
    const capped = planPreprocessing({ width: 2000, height: 3000 }, { scale: 3 });
    expect(capped.reason).toBe('pixel-cap');
    expect(capped.targetWidth * capped.targetHeight).toBeLessThanOrEqual(25_000_000);
  });

  it('reports exact per-axis factors after rounding to whole pixels', () => {
    // 1001 x 1333 -> 1.6983x -> 1700 x 2264 (2263.9 rounded).
    const plan = planPreprocessing({ width: 1001, height: 1333 });
    expect(plan.targetWidth).toBe(1700);
    expect(plan.targetHeight).toBe(2264);
    expect(plan.scaleX).toBeCloseTo(1700 / 1001, 10);
    expect(plan.scaleY).toBeCloseTo(2264 / 1333, 10);
  });

  it('refuses images over the input pixel limit with IMAGE_TOO_LARGE', () => {
    const attempt = () => planPreprocessing({ width: 10_000, height: 10_000 });
    expect(attempt).toThrow(OcrInputError);
    expect(attempt).toThrow(/100\.0 MP, more than the 80\.0 MP/);
    try {
      attempt();
    } catch (err) {
      expect((err as OcrInputError).code).toBe('IMAGE_TOO_LARGE');
    }
  });

  it('rejects nonsense', () => {
    expect(() => planPreprocessing({ width: 0, height: 100 })).toThrow(OcrInputError);
    expect(() => planPreprocessing({ width: 850, height: 1100 }, { scale: -1 })).toThrow(RangeError);
    expect(() => resolveLimits({ maxScale: 0.5 })).toThrow(RangeError);
    expect(() => resolveLimits({ maxOutputPixels: Number.NaN })).toThrow(RangeError);
  });
});

describe('assertInputSize', () => {
  it('accepts exactly the limit and refuses one pixel more', () => {
    expect(() => assertInputSize({ width: 8000, height: 10_000 }, 80_000_000)).not.toThrow();
    expect(() => assertInputSize({ width: 8000, height: 10_000 }, 79_999_999)).toThrow(/IMAGE_TOO_LARGE|more than/);
  });

  describe('by the size of the print (targetTextHeight 23)', () => {
    const limits = { targetTextHeight: 23 };
    it("keeps the short side's scale when the print asks for about the same (a 100 dpi invoice)", () => {
      for (const textHeight of [10, 11.5, 14])
        expect(planPreprocessing({ width: 850, height: 1100 }, { textHeight, limits })).toMatchObject({ scale: 2, reason: 'upscale' });
    });

    it('brings the median character height to the target when that is clearly off: small print enlarged, large print shrunk', () => {
      // A receipt photo with 11 px print: 2.1x rather than the 1.57x of its 1080 px width.
      expect(planPreprocessing({ width: 1080, height: 1527 }, { textHeight: 11, limits })).toMatchObject({ reason: 'text-size' });
      expect(planPreprocessing({ width: 1080, height: 1527 }, { textHeight: 11, limits }).scale).toBeCloseTo(23 / 11, 5);
      // A 600 dpi scan of a small receipt: 5000 x 7000 with 104 px characters is read at a quarter of its size.
      expect(planPreprocessing({ width: 5000, height: 7000 }, { textHeight: 104, limits })).toMatchObject({
        scale: 0.25,
        targetWidth: 1250,
        targetHeight: 1750,
        reason: 'text-size',
      });
      // A narrow receipt with 12 px print: about 1.9x, not the 3.7x its short side asks for.
      expect(planPreprocessing({ width: 457, height: 1170 }, { textHeight: 12, limits }).scale).toBeCloseTo(23 / 12, 5);
      expect(planPreprocessing({ width: 457, height: 1170 }).scale).toBeCloseTo(1700 / 457, 5);
    });

    it('reads a page at its size when the print asks for a scale near 1', () => {
      expect(planPreprocessing({ width: 2000, height: 3000 }, { textHeight: 21, limits })).toMatchObject({
        scale: 1,
        resize: false,
        reason: 'none',
      });
      expect(planPreprocessing({ width: 2000, height: 3000 }, { textHeight: 26, limits })).toMatchObject({
        scale: 1,
        resize: false,
        reason: 'none',
      });
      expect(planPreprocessing({ width: 2000, height: 3000 }, { textHeight: 40, limits })).toMatchObject({ reason: 'text-size' });
    });

    it('keeps the limits: at most maxScale, at least minScale, under the pixel cap', () => {
      expect(planPreprocessing({ width: 400, height: 500 }, { textHeight: 3, limits }).scale).toBe(DEFAULT_PREPROCESS_LIMITS.maxScale);
      expect(planPreprocessing({ width: 8000, height: 9000 }, { textHeight: 400, limits }).scale).toBe(DEFAULT_PREPROCESS_LIMITS.minScale);
      expect(planPreprocessing({ width: 4000, height: 6000 }, { textHeight: 8, limits })).toMatchObject({ reason: 'pixel-cap' });
    });

    it('falls back to the short side when the print was not measured or the target is 0 (the default)', () => {
      expect(DEFAULT_PREPROCESS_LIMITS.targetTextHeight).toBe(0);
      expect(planPreprocessing({ width: 457, height: 1170 }, { textHeight: 12 })).toMatchObject({ reason: 'upscale' });
      expect(planPreprocessing({ width: 850, height: 1100 }, { textHeight: null, limits })).toMatchObject({ scale: 2, reason: 'upscale' });
      expect(planPreprocessing({ width: 850, height: 1100 }, { textHeight: 30, limits: { targetTextHeight: 0 } })).toMatchObject({
        scale: 2,
        reason: 'upscale',
      });
    });
  });
});
