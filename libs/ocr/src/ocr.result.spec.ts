import { describe, expect, it } from '@jest/globals';
import { collectWords, mapBBoxToOriginal, meanWordConfidence, type TessBlockLike } from './ocr.result.js';

const mapping = { scaleX: 2, scaleY: 2, width: 850, height: 1100 };

describe('mapBBoxToOriginal', () => {
  it('divides by the scale, widening to whole pixels', () => {
    // 101/2 = 50.5 -> 50, 201/2 = 100.5 -> 101 (x1 rounds up); 40/2 = 20, 63/2 = 31.5 -> 32.
    expect(mapBBoxToOriginal({ x0: 101, y0: 40, x1: 201, y1: 63 }, mapping)).toEqual({ x0: 50, y0: 20, x1: 101, y1: 32 });
  });

  it('uses separate factors per axis', () => {
    expect(mapBBoxToOriginal({ x0: 170, y0: 226, x1: 340, y1: 452 }, { scaleX: 1.7, scaleY: 2.26, width: 1000, height: 1000 })).toEqual({
      x0: 100,
      y0: 100,
      x1: 200,
      y1: 200,
    });
  });

  it('clamps into the original image', () => {
    expect(mapBBoxToOriginal({ x0: -4, y0: -1, x1: 1800, y1: 2300 }, mapping)).toEqual({ x0: 0, y0: 0, x1: 850, y1: 1100 });
  });

  it('is the identity at scale 1', () => {
    expect(mapBBoxToOriginal({ x0: 3, y0: 4, x1: 30, y1: 40 }, { ...mapping, scaleX: 1, scaleY: 1 })).toEqual({
      x0: 3,
      y0: 4,
      x1: 30,
      y1: 40,
    });
  });
});

describe('collectWords', () => {
  const blocks: TessBlockLike[] = [
    {
      paragraphs: [
        {
          lines: [
            {
              words: [
                { text: 'TOTAL', confidence: 96.123, bbox: { x0: 100, y0: 200, x1: 180, y1: 230 } },
                { text: ' ', confidence: 0, bbox: { x0: 180, y0: 200, x1: 190, y1: 230 } },
                { text: '98,58', confidence: 88.5, bbox: { x0: 200, y0: 200, x1: 290, y1: 230 } },
              ],
            },
          ],
        },
      ],
    },
    { paragraphs: [{ lines: [{ words: [{ text: 'Euro', confidence: 101, bbox: { x0: 300, y0: 200, x1: 360, y1: 230 } }] }] }] },
  ];

  it('flattens blocks > paragraphs > lines > words in order, maps boxes, drops blank words', () => {
    expect(collectWords(blocks, mapping)).toEqual([
      { text: 'TOTAL', confidence: 96.12, bbox: { x0: 50, y0: 100, x1: 90, y1: 115 }, page: 0 },
      { text: '98,58', confidence: 88.5, bbox: { x0: 100, y0: 100, x1: 145, y1: 115 }, page: 0 },
      { text: 'Euro', confidence: 100, bbox: { x0: 150, y0: 100, x1: 180, y1: 115 }, page: 0 },
    ]);
  });

  it('returns no words for a page without blocks', () => {
    expect(collectWords(null, mapping)).toEqual([]);
    expect(collectWords([], mapping)).toEqual([]);
  });
});

describe('meanWordConfidence', () => {
  it('averages to two decimals, 0 without words', () => {
    expect(meanWordConfidence([{ confidence: 90 }, { confidence: 95 }, { confidence: 96 }])).toBe(93.67);
    expect(meanWordConfidence([])).toBe(0);
  });
});
