import { describe, expect, it } from '@jest/globals';
import { mayShowQrCode, pageMarks, type PdfOpCodes } from './pdf.marks.js';

const OPS: PdfOpCodes = {
  save: 10,
  restore: 11,
  transform: 12,
  paintFormXObjectBegin: 74,
  paintFormXObjectEnd: 75,
  constructPath: 91,
  paintImageXObjectRepeat: 88,
  images: new Set([83, 85, 86, 88]),
};
const A4 = 595 * 842;

describe('what a PDF page draws besides its text', () => {
  it('places images through nested transforms, form XObjects and restores', () => {
    const fn = [10, 12, 85, 11, 74, 10, 12, 86, 11, 75, 85];
    const args = [
      null,
      [80, 0, 0, 80, 400, 700], // a logo's place: 80 x 80 pt
      ['img1'],
      null,
      [
        [2, 0, 0, 2, 0, 0],
        [0, 0, 100, 100],
      ], // a form drawn at twice its size
      null,
      [0, 30, -20, 0, 10, 10], // turned a quarter: 20 wide, 30 high, then doubled
      ['img2'],
      null,
      null,
      ['img3'], // back at the page's own matrix: a 1 x 1 pt image
    ];
    expect(pageMarks(fn, args, OPS)).toEqual({
      images: [
        { width: 80, height: 80 },
        { width: 40, height: 60 },
        { width: 1, height: 1 },
      ],
      pathNumbers: 0,
    });
  });

  it('counts the numbers of the vector paths, and a repeated image as one of unknown shape', () => {
    const path = new Float32Array(130);
    expect(
      pageMarks(
        [91, 91, 88],
        [
          [1, [path], null],
          [1, [new Float32Array(26)], null],
          ['img', 10, 10, []],
        ],
        OPS,
      ),
    ).toEqual({
      images: [null],
      pathNumbers: 156,
    });
  });

  it('may show a code with a square image of 1 cm or more, a large image, or a lot of vector path', () => {
    const page = (images: PageImages, pathNumbers = 0) => mayShowQrCode({ images, pathNumbers }, A4);
    expect(page([{ width: 71, height: 71 }])).toBe(true);
    expect(page([{ width: 130, height: 160 }])).toBe(true);
    // A scan under a text layer: the whole page.
    expect(page([{ width: 595, height: 842 }])).toBe(true);
    expect(page([null])).toBe(true);
    expect(page([], 4000)).toBe(true);
    // A wide logo, a small icon, table rules: no code.
    expect(page([{ width: 97, height: 34 }])).toBe(false);
    expect(page([{ width: 23, height: 23 }])).toBe(false);
    expect(page([], 1055)).toBe(false);
    expect(page([])).toBe(false);
  });
});

type PageImages = ({ width: number; height: number } | null)[];
