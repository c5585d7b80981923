import { describe, expect, it } from '@jest/globals';
import { PDF_TEXT_ENGINE, isPdf, pageReading, renderScale, textItemsToWords } from './pdf.document.js';

/** A Letter page viewport at `scale` (PDF y up, pixels y down), as pdf.js builds it. */
const viewport = (scale: number) => ({
  width: 612 * scale,
  height: 792 * scale,
  convertToViewportPoint: (x: number, y: number) => [x * scale, (792 - y) * scale],
});

describe('PDF helpers', () => {
  it('recognizes PDF bytes by their signature', () => {
    expect(isPdf(Buffer.from('%PDF-1.7\n...'))).toBe(true);
    expect(isPdf(Buffer.from('\x89PNG'))).toBe(false);
  });

  it('says a document was read from its text layer only when every page was, by OCR otherwise or with no page', () => {
    const text = { engineVersion: PDF_TEXT_ENGINE };
    const ocr = { engineVersion: 'tesseract.js@7.0.0' };
    expect(pageReading([text, text])).toBe('text');
    expect(pageReading([text, ocr])).toBe('ocr');
    expect(pageReading([ocr])).toBe('ocr');
    expect(pageReading([])).toBe('ocr');
  });

  it('renders at the asked resolution, lowered to stay under the pixel cap', () => {
    expect(renderScale(612, 792, 200, 25_000_000)).toBeCloseTo(200 / 72);
    // An A0 poster (2384 x 3370 pt) at 200 dpi would be 155 MP: capped to 25 MP.
    const scale = renderScale(2384, 3370, 200, 25_000_000);
    expect(2384 * scale * 3370 * scale).toBeLessThanOrEqual(25_000_000);
    expect(2384 * scale * 3370 * scale).toBeGreaterThan(24_900_000);
  });

  it('turns text items into words with pixel boxes, lines top to bottom, words left to right', () => {
    const items = [
      { str: 'TOTAL 12.50 Euro', width: 120, height: 12, transform: [12, 0, 0, 12, 400, 600] },
      { str: 'INVOICE INV-7', width: 100, height: 20, transform: [20, 0, 0, 20, 50, 700] },
      { str: 'Bill to', width: 40, height: 12, transform: [12, 0, 0, 12, 50, 600] },
      { str: '   ', width: 10, height: 12, transform: [12, 0, 0, 12, 50, 500] },
    ];
    const { words, text } = textItemsToWords(items, viewport(2), 3);
    expect(text).toBe('INVOICE INV-7\nBill to TOTAL 12.50 Euro');
    expect(words.map((w) => w.text)).toEqual(['INVOICE', 'INV-7', 'Bill', 'to', 'TOTAL', '12.50', 'Euro']);
    expect(words.every((w) => w.page === 3 && w.confidence === 100)).toBe(true);
    // 'INVOICE' is 7 of 13 characters of a 100 pt item at x = 50, baseline 700 (92 pt from the top), 2 px per pt.
    const invoice = words[0]!;
    expect(invoice.bbox.x0).toBe(100);
    expect(invoice.bbox.x1).toBe(Math.ceil((50 + (7 * 100) / 13) * 2));
    expect(invoice.bbox.y0).toBeLessThan(184);
    expect(invoice.bbox.y1).toBeGreaterThan(184);
  });

  it('joins items that stand with no gap between them into one word, and keeps items apart that have one', () => {
    const item = (str: string, x: number, width: number) => ({ str, width, height: 10, transform: [10, 0, 0, 10, x, 500] });
    const items = [item('342', 38.52, 16.61), item('78', 55.13, 11.08), item('587', 66.21, 16.61), item('6/1', 139.7, 13.84)];
    const { words, text } = textItemsToWords([...items, item('8', 153.54, 5.54), item('/2017', 159.08, 24.92)], viewport(2), 0);
    expect(text).toBe('34278587 6/18/2017');
    expect(words[0]?.bbox).toEqual({ x0: 77, y0: expect.any(Number), x1: Math.ceil(82.82 * 2), y1: expect.any(Number) });
    // A blank item or a blank at an item's end ends the word; a gap of a space's width too.
    const apart = textItemsToWords(
      [item('Rechnung ', 50, 45), item('Nr', 95, 10), item(' ', 105, 3), item('7', 108, 5), item('A', 115, 5)],
      viewport(2),
      0,
    );
    expect(apart.text).toBe('Rechnung Nr 7 A');
  });
});
