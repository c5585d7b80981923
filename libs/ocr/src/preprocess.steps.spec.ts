import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { DEFAULT_PREPROCESS_STEPS, measureSkew, parseStepList, resolveSteps, verticalTextRatio } from './preprocess.steps.js';

const LINES = [
  'INVOICE FAC-2021-0042',
  'Issue date 2021-05-10 16:58:32',
  'Bill to Nicole Young',
  'Address 4279 Cedar Lane',
  'Desk lamp with LED bulb      10 x 56.38 Euro',
  'Software licence renewal      7 x 384.74 Euro',
  'Sticky notes, yellow          8 x 142.37 Euro',
  'TOTAL 4395.94 Euro',
];

/** A text page (850 x 1100), rotated by `angle` degrees clockwise, downscaled like the step does, as grey bytes. */
async function page(angle: number): Promise<{ data: Uint8Array; width: number; height: number }> {
  const text = LINES.map((line, i) => `<text x="60" y="${120 + i * 60}" font-size="22" xml:space="preserve">${line}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="850" height="1100"><rect width="100%" height="100%" fill="#fff"/><g font-family="DejaVu Sans" fill="#111">${text}</g></svg>`;
  const { data, info } = await sharp(Buffer.from(svg))
    .rotate(angle, { background: '#ffffff' })
    .flatten({ background: '#ffffff' })
    .greyscale()
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('measureSkew (projection profiles)', () => {
  it.each([0, 3, -2, 4.5, -0.7])('finds a page rotated by %s degrees to within 0.15 degree', async (angle) => {
    const { data, width, height } = await page(angle);
    expect(Math.abs(measureSkew(data, width, height) - angle)).toBeLessThanOrEqual(0.15);
  });

  it('answers 0 for a blank page and refuses a buffer of the wrong size', () => {
    expect(measureSkew(new Uint8Array(100 * 100).fill(255), 100, 100)).toBe(0);
    expect(() => measureSkew(new Uint8Array(10), 100, 100)).toThrow(RangeError);
  });
});

describe('verticalTextRatio', () => {
  it('tells a page turned 90 degrees from an upright one', async () => {
    const upright = await page(0);
    const turned = await page(90);
    expect(verticalTextRatio(upright.data, upright.width, upright.height)).toBeLessThan(1);
    expect(verticalTextRatio(turned.data, turned.width, turned.height)).toBeGreaterThan(1.5);
  });
});

describe('preprocessing step lists', () => {
  it('layers overrides over the defaults', () => {
    expect(resolveSteps()).toEqual(DEFAULT_PREPROCESS_STEPS);
    expect(resolveSteps({ deskew: true }, { contrast: false })).toEqual({ ...DEFAULT_PREPROCESS_STEPS, deskew: true, contrast: false });
  });

  it('parses "deskew,-contrast" and refuses unknown names', () => {
    expect(parseStepList('deskew, -contrast')).toEqual({ deskew: true, contrast: false });
    expect(parseStepList('')).toEqual({});
    expect(() => parseStepList('sharpen')).toThrow(/unknown preprocessing step 'sharpen'/);
  });
});
