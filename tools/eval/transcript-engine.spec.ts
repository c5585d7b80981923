import { describe, expect, it } from '@jest/globals';
import { pageFromBoxLines, parseBoxLines } from './transcript-engine.js';

const BOX = [
  '294,356,433,356,433,375,294,375,DATE: 11/01/2019',
  '23,103,431,103,431,130,23,130,ACME HARDWARE, TRADING',
  '12,356,80,356,80,380,12,380,DOC NO.',
  'not a box line',
].join('\n');

describe('transcript engine', () => {
  it('reads the box and the transcript (commas kept) of each line', () => {
    const lines = parseBoxLines(BOX);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toEqual({ x0: 23, y0: 103, x1: 431, y1: 130, text: 'ACME HARDWARE, TRADING' });
  });

  it('orders lines top to bottom then left to right, and splits words across the line box', () => {
    const page = pageFromBoxLines(parseBoxLines(BOX));
    expect(page.text).toBe('ACME HARDWARE, TRADING\nDOC NO.\nDATE: 11/01/2019');
    expect(page.words.map((w) => w.text)).toEqual(['ACME', 'HARDWARE,', 'TRADING', 'DOC', 'NO.', 'DATE:', '11/01/2019']);
    const [acme, hardware, trading] = page.words;
    expect(acme!.bbox.x0).toBe(23);
    expect(hardware!.bbox.x0).toBeGreaterThan(acme!.bbox.x1);
    expect(trading!.bbox.x1).toBe(431);
    expect(page.words.every((w) => w.confidence === 95)).toBe(true);
  });
});
