import { describe, expect, it } from '@jest/globals';
import { findDarkBands, invertDarkBands } from './dark.bands.js';

/** A white page of `width` x `height` grey pixels, with rectangles painted on it. */
function pageOf(width: number, height: number, rects: [x: number, y: number, w: number, h: number, grey: number][]) {
  const data = new Uint8Array(width * height).fill(255);
  for (const [x, y, w, h, grey] of rects)
    for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) data[yy * width + xx] = grey;
  return { data, width, height };
}

/** White "letters" (small bars) along a line inside a box. */
const letters = (x: number, y: number, count: number, grey = 255): [number, number, number, number, number][] =>
  Array.from({ length: count }, (_, i) => [x + i * 14, y, 4, 14, grey]);

describe('findDarkBands', () => {
  it('finds a grey band holding white print, to its pixels', () => {
    const page = pageOf(1000, 1300, [[80, 400, 800, 60, 110], ...letters(100, 420, 30)]);
    expect(findDarkBands(page)).toEqual([{ x0: 80, y0: 400, x1: 880, y1: 460 }]);
  });

  it('leaves a square block (a logo), a solid bar, a dark edge and dense dark print alone', () => {
    const logo = pageOf(1000, 1300, [[600, 100, 180, 180, 110], ...letters(620, 180, 10)]);
    const bar = pageOf(1000, 1300, [[80, 400, 800, 60, 20]]);
    const edge = pageOf(1000, 1300, [[0, 0, 1000, 60, 10], ...letters(20, 20, 30)]);
    // Bold print: dark letters of uneven heights, close together (their tops and bottoms are ragged).
    const bold = pageOf(
      1000,
      1300,
      Array.from({ length: 40 }, (_, i): [number, number, number, number, number] => [
        100 + i * 12,
        400 + (i % 3) * 4,
        11,
        30 - (i % 3) * 6,
        0,
      ]),
    );
    for (const page of [logo, bar, edge, bold]) expect(findDarkBands(page)).toEqual([]);
  });

  it('finds nothing on a dark page (no light paper)', () => {
    expect(
      findDarkBands(
        pageOf(400, 600, [
          [0, 0, 400, 600, 60],
          [50, 100, 300, 40, 20],
        ]),
      ),
    ).toEqual([]);
  });
});

describe('invertDarkBands', () => {
  it("turns a band's ground white and its print black, and leaves the page around it", () => {
    const page = pageOf(1000, 1300, [[80, 400, 800, 60, 110], ...letters(100, 420, 30), [100, 100, 200, 14, 0]]);
    const share = invertDarkBands(page);
    expect(share).toBeCloseTo((800 * 60) / (1000 * 1300), 5);
    const at = (x: number, y: number) => page.data[y * 1000 + x];
    expect(at(90, 405)).toBe(255); // the band's ground
    expect(at(101, 425)).toBe(0); // a letter in it
    expect(at(150, 105)).toBe(0); // dark print outside any band stays
    expect(at(50, 405)).toBe(255); // paper stays
  });

  it('changes nothing on a page without bands', () => {
    const page = pageOf(500, 700, [[50, 50, 300, 14, 0]]);
    const before = Uint8Array.from(page.data);
    expect(invertDarkBands(page)).toBe(0);
    expect(page.data).toEqual(before);
  });
});
