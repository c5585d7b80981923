import { describe, expect, it } from '@jest/globals';
import QRCode from 'qrcode';
import type { GreyPixels } from './preprocess.page.js';
import { codeCorners, findFinderPatterns, finderRatio, locateQrCodes } from './qr.finder.js';

const mayHoldQrCode = (page: GreyPixels) => locateQrCodes(page).mayHold;

interface Drawing {
  /** Module size, px. */
  module?: number;
  /** Turn of the code about its centre, degrees. */
  turn?: number;
  ink?: number;
  /** Paper tone at the left and the right edge (uneven light). */
  paper?: [number, number];
}

/** A white page with a QR code (the `qrcode` package's modules) drawn at (left, top), nearest-pixel. */
function page(width: number, height: number, left: number, top: number, drawing: Drawing = {}): GreyPixels {
  const { module = 4, turn = 0, ink = 0, paper = [255, 255] } = drawing;
  const modules = QRCode.create('INVOICE:FAC-2019-0042', { errorCorrectionLevel: 'M' }).modules;
  const side = modules.size * module;
  const centre = { x: left + side / 2, y: top + side / 2 };
  const [cos, sin] = [Math.cos((turn * Math.PI) / 180), Math.sin((turn * Math.PI) / 180)];
  const data = new Uint8Array(width * height);
  const tone = (x: number) => Math.round(paper[0] + ((paper[1] - paper[0]) * x) / width);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = tone(x);
  // Only the square the turned code can reach is drawn pixel by pixel.
  const reach = Math.ceil(side * 0.75);
  for (let y = Math.max(0, Math.floor(centre.y - reach)); y < Math.min(height, centre.y + reach); y++)
    for (let x = Math.max(0, Math.floor(centre.x - reach)); x < Math.min(width, centre.x + reach); x++) {
      // The point in the unturned code's frame.
      const dx = x - centre.x;
      const dy = y - centre.y;
      const col = Math.floor((cos * dx + sin * dy + side / 2) / module);
      const row = Math.floor((-sin * dx + cos * dy + side / 2) / module);
      if (col >= 0 && row >= 0 && col < modules.size && row < modules.size && modules.get(row, col)) data[y * width + x] = ink;
    }
  return { data, width, height };
}

/** Draws a filled square finder (7 x 7 modules, 1:1:3:1:1) at (left, top). */
function stamp(target: GreyPixels, left: number, top: number, module: number): void {
  for (let y = 0; y < 7 * module; y++)
    for (let x = 0; x < 7 * module; x++) {
      const ring = Math.min(Math.floor(x / module), Math.floor(y / module), 6 - Math.floor(x / module), 6 - Math.floor(y / module));
      target.data[(top + y) * target.width + left + x] = ring === 1 ? 255 : 0;
    }
}

describe('QR finder patterns', () => {
  it('knows the 1:1:3:1:1 ratio within half a module', () => {
    expect(finderRatio(4, 4, 12, 4, 4)).toBe(true);
    expect(finderRatio(3, 5, 11, 4, 5)).toBe(true);
    expect(finderRatio(4, 4, 4, 4, 4)).toBe(false);
    expect(finderRatio(4, 12, 4, 4, 4)).toBe(false);
    expect(finderRatio(1, 1, 2, 1, 1)).toBe(false);
  });

  it("finds a code's three finders with their module size, and the code", () => {
    const drawn = page(850, 1100, 640, 40);
    const found = findFinderPatterns(drawn);
    expect(found).toHaveLength(3);
    for (const finder of found) expect(finder.module).toBeCloseTo(4, 0);
    // Centres 3.5 modules in from the code's corners (a version 2 code: 25 modules).
    const far = 640 + (25 - 3.5) * 4;
    expect(found.map((f) => [Math.round(f.x), Math.round(f.y)]).sort()).toEqual([
      [654, 40 + far - 640],
      [654, 54],
      [far, 54],
    ]);
    // The code's region: 8 modules around the finders' centres, about 4 px modules.
    expect(locateQrCodes(drawn).regions).toEqual([
      { left: 622, top: 22, width: far - 622 + 32, height: far - 622 + 32, module: expect.closeTo(4, 0) },
    ]);
  });

  it('finds a turned code, a low-contrast code under uneven light and a code of 2 px modules', () => {
    expect(mayHoldQrCode(page(850, 1100, 300, 300, { turn: 30 }))).toBe(true);
    expect(mayHoldQrCode(page(850, 1100, 300, 300, { turn: 90 }))).toBe(true);
    expect(mayHoldQrCode(page(850, 1100, 500, 500, { ink: 110, paper: [235, 165] }))).toBe(true);
    expect(mayHoldQrCode(page(2480, 3508, 150, 3100, { module: 2 }))).toBe(true);
  });

  it('sees no code on a blank page, on one or two finder-like squares, or three out of a code corner shape', () => {
    expect(mayHoldQrCode(page(850, 1100, -1000, -1000))).toBe(false);
    const squares = page(850, 1100, -1000, -1000);
    stamp(squares, 100, 100, 5);
    expect(findFinderPatterns(squares)).toHaveLength(1);
    expect(mayHoldQrCode(squares)).toBe(false);
    stamp(squares, 400, 100, 5);
    expect(mayHoldQrCode(squares)).toBe(false);
    // A third one in a row with the two: not the corner of a code.
    stamp(squares, 700, 100, 5);
    expect(findFinderPatterns(squares)).toHaveLength(3);
    expect(mayHoldQrCode(squares)).toBe(false);
    // Moved to make the corner: a code's shape.
    stamp(squares, 100, 400, 5);
    expect(mayHoldQrCode(squares)).toBe(true);
  });

  it('takes the corner shape in any turn, and not from finders of different sizes', () => {
    const at = (x: number, y: number, module = 4) => ({ x, y, module, hits: 1 });
    expect(codeCorners(at(0, 0), at(100, 0), at(0, 100))).toBe(true);
    expect(codeCorners(at(50, 0), at(121, 71), at(-21, 71))).toBe(true);
    expect(codeCorners(at(0, 0), at(100, 0), at(200, 0))).toBe(false);
    expect(codeCorners(at(0, 0), at(100, 0), at(0, 100, 8))).toBe(false);
    // Closer than a version 1 code's finders (14 modules).
    expect(codeCorners(at(0, 0), at(30, 0), at(0, 30))).toBe(false);
  });
});
