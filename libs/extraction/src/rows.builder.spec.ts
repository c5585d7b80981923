import { describe, expect, it } from '@jest/globals';
import { buildRows, estimateSkew, splitSegments } from './rows.builder.js';
import { line, shuffled } from './words.fixture.js';

const texts = (rows: ReturnType<typeof buildRows>) => rows.map((r) => r.text);

describe('buildRows', () => {
  it('orders rows top to bottom and words left to right, whatever the input order', () => {
    const words = shuffled([
      ...line('Bill to Sarah Smith', 60, 150),
      ...line('Issue date 2019-01-01 08:21:00', 60, 110),
      ...line('INVOICE FAC_2019_0001', 60, 60, { height: 30 }),
    ]);
    expect(texts(buildRows(words))).toEqual(['INVOICE FAC_2019_0001', 'Issue date 2019-01-01 08:21:00', 'Bill to Sarah Smith']);
  });

  it('joins a right-hand column read as a separate block to its line, as a second segment', () => {
    // The engine returns all descriptions first, then the whole price column.
    const descriptions = [...line('Screen repair', 60, 300), ...line('Window cleaning', 60, 340)];
    const column = [...line('10 x 251.44 Euro', 620, 301), ...line('4 x  96.14 Euro', 630, 339)];
    const rows = buildRows([...descriptions, ...column]);
    expect(texts(rows)).toEqual(['Screen repair 10 x 251.44 Euro', 'Window cleaning 4 x 96.14 Euro']);
    expect(rows[0]?.segments.map((s) => s.text)).toEqual(['Screen repair', '10 x 251.44 Euro']);
  });

  it('deskews before grouping: a 1.1 degree tilt does not split or mix lines 40 px apart', () => {
    const slope = 0.02; // the column at x=620 sits 11 px lower than its description at x=60
    const words = [
      ...line('Ground coffee, fair trade', 60, 300, { slope }),
      ...line('4 x  98.58 Euro', 620, 300, { slope }),
      ...line('Whiteboard markers, set of 8', 60, 340, { slope }),
      ...line('2 x 338.99 Euro', 620, 340, { slope }),
      ...line('Green tea, organic', 60, 380, { slope }),
      ...line('8 x 247.26 Euro', 620, 380, { slope }),
    ];
    expect(estimateSkew(words)).toBeCloseTo(0.02, 2);
    expect(texts(buildRows(shuffled(words)))).toEqual([
      'Ground coffee, fair trade 4 x 98.58 Euro',
      'Whiteboard markers, set of 8 2 x 338.99 Euro',
      'Green tea, organic 8 x 247.26 Euro',
    ]);
  });

  it('keeps close small lines apart (address and city, 20 px apart)', () => {
    const words = [
      ...line('Address 0496 Brianna Crossing', 60, 230, { height: 12, charWidth: 8 }),
      ...line('New Tabitha, RI 41854', 124, 250, { height: 12, charWidth: 8 }),
    ];
    expect(texts(buildRows(words))).toEqual(['Address 0496 Brianna Crossing', 'New Tabitha, RI 41854']);
  });

  it('attaches small punctuation boxes to the line they sit on', () => {
    const words = [
      ...line('TOTAL 12.00 Euro', 500, 600),
      { text: '.', confidence: 40, bbox: { x0: 700, y0: 611, x1: 703, y1: 614 }, page: 0 },
    ];
    expect(buildRows(words)).toHaveLength(1);
  });

  it('keeps pages apart and in order', () => {
    const rows = buildRows([...line('second page', 60, 100, { page: 1 }), ...line('first page', 60, 100, { page: 0 })]);
    expect(rows.map((r) => [r.page, r.text])).toEqual([
      [0, 'first page'],
      [1, 'second page'],
    ]);
  });

  it('ignores blank words', () => {
    expect(buildRows([{ text: '  ', confidence: 0, bbox: { x0: 0, y0: 0, x1: 5, y1: 5 }, page: 0 }])).toEqual([]);
  });
});

describe('splitSegments', () => {
  it('splits where the gap is wider than the threshold', () => {
    const words = [...line('West Ellisburg, DE 67126', 120, 240), ...line('Atelier <Lumen>', 630, 240)];
    expect(splitSegments(words, 64).map((s) => s.text)).toEqual(['West Ellisburg, DE 67126', 'Atelier <Lumen>']);
    expect(splitSegments(words, 1000)).toHaveLength(1);
  });
});

describe('estimateSkew', () => {
  it('is 0 on a straight page and without enough pairs', () => {
    expect(estimateSkew(line('a straight line of several words here', 60, 100))).toBe(0);
    expect(estimateSkew(line('alone', 60, 100))).toBe(0);
  });
});
