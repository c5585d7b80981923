import { describe, expect, it } from '@jest/globals';
import { collectLines, lineBox, linesText, pageNeedsSecondReading, ppocrWordsOnPage } from './second.pass.js';

const word = (text: string, confidence: number, x0: number, x1: number) => ({ text, confidence, bbox: { x0, y0: 10, x1, y1: 30 } });

describe('collectLines', () => {
  it('groups the words by tesseract line, maps boxes to the original and drops blank words', () => {
    const blocks = [
      {
        paragraphs: [
          { lines: [{ words: [word('TOTAL', 40, 20, 120), word(' ', 90, 130, 140)] }, { words: [word('9.00', 95, 200, 280)] }] },
        ],
      },
    ];
    const lines = collectLines(blocks, { scaleX: 2, scaleY: 2, width: 1000, height: 1000 }, 1);
    expect(lines).toEqual([
      [{ text: 'TOTAL', confidence: 40, bbox: { x0: 10, y0: 5, x1: 60, y1: 15 }, page: 1 }],
      [{ text: '9.00', confidence: 95, bbox: { x0: 100, y0: 5, x1: 140, y1: 15 }, page: 1 }],
    ]);
    expect(linesText(lines)).toBe('TOTAL\n9.00');
    expect(lineBox([...(lines[0] ?? []), ...(lines[1] ?? [])])).toEqual({ x0: 10, y0: 5, x1: 140, y1: 15 });
  });
});

describe('ppocrWordsOnPage', () => {
  it('places PP-OCR words by their x span in the crop, within the line box', () => {
    const mapping = { scaleX: 2, scaleY: 2, offsetX: 5, offsetY: 0, width: 2000, height: 2000 };
    const box = { x0: 100, y0: 40, x1: 300, y1: 60 };
    const words = ppocrWordsOnPage(
      {
        text: 'TOTAL 9.00',
        confidence: 90,
        dropped: 0,
        words: [
          { text: 'TOTAL', confidence: 91, x0: 4, x1: 100 },
          { text: '9.00', confidence: 89, x0: 300, x1: 420 },
        ],
      },
      { left: 180 },
      mapping,
      box,
      0,
    );
    // x = offsetX + (rect.left + x) / scaleX: 5 + 184/2 = 97 -> clamped to the line's 100; 5 + 280/2 = 145.
    expect(words.map((w) => [w.text, w.bbox.x0, w.bbox.x1, w.bbox.y0, w.bbox.y1])).toEqual([
      ['TOTAL', 100, 145, 40, 60],
      ['9.00', 245, 300, 40, 60],
    ]);
  });
});

describe('pageNeedsSecondReading', () => {
  const page = (...confidences: number[]) => [confidences.map((c, i) => ({ ...word(`w${i}`, c, 10 * i, 10 * i + 8), page: 0 }))];

  it('rereads on pages tesseract reads poorly (a receipt photo), not on clean ones with a few doubtful words', () => {
    expect(pageNeedsSecondReading(page(60, 70, 90, 80), 85)).toBe(true);
    expect(pageNeedsSecondReading(page(96, 95, 40, 97, 96, 94), 85)).toBe(false);
    expect(pageNeedsSecondReading(page(96, 95, 40, 97, 96, 94), 100)).toBe(true);
    expect(pageNeedsSecondReading([], 100)).toBe(false);
  });
});
