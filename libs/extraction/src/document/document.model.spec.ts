import { describe, expect, it } from '@jest/globals';
import { line, page, shuffled } from '../words.fixture.js';
import { buildDocument, withoutMarks } from './document.model.js';

describe('buildDocument', () => {
  const words = [
    ...line('ACME Tools', 50, 50, { height: 32, charWidth: 20 }),
    ...line('Invoice no: 42', 550, 50),
    ...line('1 Main Street', 50, 90),
    ...line('Springfield', 50, 112),
    ...line('Total 12,00', 550, 900),
  ];
  const doc = buildDocument([page(shuffled(words))]);

  it('orders lines top to bottom, left to right, cut at wide gaps', () => {
    expect(doc.lines.map((l) => l.text)).toEqual(['ACME Tools', 'Invoice no: 42', '1 Main Street', 'Springfield', 'Total 12,00']);
  });

  it('gives page-relative geometry and relative text size', () => {
    const total = doc.lines[4];
    expect(total?.rx0).toBeCloseTo(550 / 850);
    expect(total?.ry0).toBeCloseTo(900 / 1100);
    expect(doc.lines[0]?.size).toBeCloseTo(2);
  });

  it('groups stacked lines into blocks', () => {
    const [name, , street, town, total] = doc.lines;
    expect(street?.block).toBe(name?.block);
    expect(town?.block).toBe(name?.block);
    expect(total?.block).not.toBe(name?.block);
  });

  it('numbers the pages of a multi-page document', () => {
    const two = buildDocument([page(line('Page one', 50, 50)), page(line('Page two', 50, 50))]);
    expect(two.lines.map((l) => [l.page, l.text])).toEqual([
      [0, 'Page one'],
      [1, 'Page two'],
    ]);
  });
});

describe('withoutMarks', () => {
  const emblem = (text: string) => ({ text, confidence: 60, bbox: { x0: 620, y0: 205, x1: 652, y1: 239 }, page: 0 });
  const name = line('Orchard & Co', 662, 216, { height: 12 });

  it.each(['O', 'oO', '(¢)'])('leaves out a logo emblem read "%s" before a name', (text) => {
    expect(withoutMarks([emblem(text), ...name]).map((w) => w.text)).toEqual(['Orchard', '&', 'Co']);
    const doc = buildDocument([page([emblem(text), ...name])]);
    expect(doc.lines.map((l) => l.text)).toEqual(['Orchard & Co']);
    expect(doc.lines[0]?.x0).toBe(662);
  });

  it('keeps a short word of the text size, a tall number and a word alone', () => {
    const small = line('No 42 Main Street', 50, 50);
    expect(withoutMarks(small)).toBe(small);
    const tall = [{ ...emblem('1'), text: '1' }, ...name];
    expect(withoutMarks(tall)).toBe(tall);
    const alone = [emblem('O')];
    expect(withoutMarks(alone)).toBe(alone);
  });
});
