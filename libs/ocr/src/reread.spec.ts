import { describe, expect, it } from '@jest/globals';
import { encodePgm } from './preprocess.image.js';
import { otsuLevel } from './grey.otsu.js';
import { binarize, cropGrey, pgmPixels, regionRect, UNSPLIT_INK_LEVEL } from './reread.js';

describe('regionRect', () => {
  const mapping = { scaleX: 2, scaleY: 2, offsetX: 0, offsetY: 0, width: 1700, height: 2200 };

  it('maps a page box into the preprocessed image with half a box height of white around it', () => {
    expect(regionRect({ x0: 600, y0: 400, x1: 800, y1: 420 }, mapping)).toEqual({ left: 1180, top: 780, width: 440, height: 80 });
  });

  it('follows a crop offset and clamps to the image', () => {
    expect(regionRect({ x0: 10, y0: 10, x1: 60, y1: 30 }, { ...mapping, offsetX: 5, offsetY: 5 })).toEqual({
      left: 0,
      top: 0,
      width: 130,
      height: 70,
    });
    expect(regionRect({ x0: 840, y0: 1080, x1: 900, y1: 1100 }, mapping)).toEqual({ left: 1660, top: 2140, width: 40, height: 60 });
  });

  it('is null for a box outside the image', () => {
    expect(regionRect({ x0: 2000, y0: 10, x1: 2100, y1: 30 }, mapping)).toBeNull();
  });
});

describe('binarize', () => {
  it('paints the ink level and below black, the rest white', () => {
    const pixels = Uint8Array.from([0, 60, 61, 200, 255]);
    expect([...binarize(pixels, 60)]).toEqual([0, 0, 255, 255, 255]);
  });

  it('splits two grey levels at their Otsu level', () => {
    const pixels = Uint8Array.from([...Array(60).fill(200), ...Array(40).fill(60)]);
    expect([...binarize(pixels, otsuLevel(pixels) ?? UNSPLIT_INK_LEVEL)]).toEqual([...Array(60).fill(255), ...Array(40).fill(0)]);
  });
});

describe('cropGrey and pgmPixels', () => {
  it('copies a rectangle of a row-major grey image', () => {
    const image = Uint8Array.from({ length: 20 }, (_, i) => i); // 5 x 4
    expect([...cropGrey(image, 5, { left: 1, top: 1, width: 2, height: 2 })]).toEqual([6, 7, 11, 12]);
  });

  it('reads back the pixels and size of a PGM', () => {
    const pgm = encodePgm(Buffer.from([1, 2, 3, 4, 5, 6]), 3, 2);
    const read = pgmPixels(pgm);
    expect(read).toMatchObject({ width: 3, height: 2 });
    expect([...read.data]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(() => pgmPixels(Buffer.from('P6\n3 2\n255\n'))).toThrow();
  });
});
