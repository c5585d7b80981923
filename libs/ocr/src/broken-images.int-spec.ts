import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { OcrEngine, OcrInputError } from './index.js';
import { chainedTiff } from './tiff.fixtures.js';

/** Words of decoders (sharp/libvips, libtiff, libpng) that must not reach a user as the reason a document failed. */
const INTERNALS = /vips|tiff2vips|libtiff|png2vips|rank|trim|window|target|Input buffer|corrupt header|sharp/i;

describe('broken images get readable errors (real sharp and tesseract.js)', () => {
  let engine: OcrEngine;

  beforeAll(async () => {
    engine = await OcrEngine.create({ concurrency: 1, languages: 'eng', maxPages: 10 });
  });

  afterAll(async () => {
    await engine?.terminate();
  });

  const refusal = async (bytes: Buffer): Promise<OcrInputError> => {
    const error = await engine.recognizeDocument(bytes).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(OcrInputError);
    return error as OcrInputError;
  };

  it('refuses a TIFF whose page chain loops, at once, saying so', async () => {
    for (const tiff of [chainedTiff(1, 64, 0), chainedTiff(3, 64, 1)]) {
      const error = await refusal(tiff);
      expect(error.code).toBe('UNSUPPORTED_IMAGE');
      expect(error.message).toBe('TIFF is damaged: its chain of pages loops back to an earlier page');
    }
  });

  it('refuses 1 × 1 and other tiny images with their size', async () => {
    const tiny = (width: number, height: number) =>
      sharp({ create: { width, height, channels: 3, background: '#fff' } })
        .png()
        .toBuffer();
    expect((await refusal(await tiny(1, 1))).message).toBe('image is 1 × 1 pixels: too small to hold readable text (at least 16 × 16)');
    expect((await refusal(await tiny(3, 2))).message).toContain('3 × 2 pixels');
    expect((await refusal(chainedTiff(2, 4, 'end'))).message).toContain('4 × 4 pixels');
  });

  it('says damaged or unsupported for broken bytes, without the decoder internals', async () => {
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    for (const bytes of [png.subarray(0, 40), Buffer.from('definitely not an image'), chainedTiff(2, 64, 'end').subarray(0, 200)]) {
      const error = await refusal(bytes);
      expect(error.code).toBe('UNSUPPORTED_IMAGE');
      expect(error.message).toMatch(/^(image|TIFF page \d+) cannot be decoded: /);
      expect(error.message).not.toMatch(INTERNALS);
    }
  });

  it('still reads a small blank page and a well-formed two-page TIFF afterwards', async () => {
    const blank = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    await expect(engine.recognizeDocument(blank)).resolves.toMatchObject({ pageCount: 1 });
    await expect(engine.recognizeDocument(chainedTiff(2, 64, 'end'))).resolves.toMatchObject({ pageCount: 2 });
  });
});
