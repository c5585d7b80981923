import { describe, expect, it } from '@jest/globals';
import { line, page, shuffled } from '../words.fixture.js';
import { buildDocument } from './document.model.js';

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
