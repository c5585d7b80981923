import { describe, expect, it } from '@jest/globals';
import type { OcrWord } from '@invoice/contracts';
import { line } from '../words.fixture.js';
import { findHeaderCells } from './column.matcher.js';
import { columnSpans, splitByColumn } from './column.spans.js';

const header = (text: string) => findHeaderCells(line(text, 0, 0));

describe('columnSpans', () => {
  it('gives each column a band reaching half-way to its neighbours, the first and last to the page edges', () => {
    // Qty at 200-230, Price at 300-350, Amount at 400-460 (10 px a character).
    const spans = columnSpans(header('Item                Qty       Price     Amount'), 0, 1000);
    expect(spans.map((s) => [s.kind, s.x0, s.x1])).toEqual([
      ['description', 0, expect.any(Number)],
      ['quantity', expect.any(Number), 265],
      ['unitPrice', 265, 375],
      ['amount', 375, 1000],
    ]);
  });

  it('lets a description run right up to the next column of values', () => {
    const [description, quantity] = columnSpans(header('Product                 Qty'));
    // The label of Qty starts at 240 and is 16 px high: the description ends 8 px before it.
    expect(description?.x1).toBe(232);
    expect(quantity?.x0).toBe(232);
  });

  it('reads an "amount" left of the description of a table without quantity as the quantity, a second total as gross', () => {
    expect(columnSpans(header('Amount   Product        Price    Total')).map((s) => s.kind)).toEqual([
      'quantity',
      'description',
      'unitPrice',
      'amount',
    ]);
    expect(columnSpans(header('Item   Qty   Total   Total')).map((s) => s.kind)).toEqual(['description', 'quantity', 'amount', 'gross']);
  });

  it('gives a phrase that starts far right in a text column and runs into the next text column to that column', () => {
    // "Pos" 0-30, "Code" 50-90 (a text column), "Description" 300-410, "Total" 700-750.
    const spans = columnSpans(
      findHeaderCells([...line('Pos  Code', 0, 0), ...line('Description', 300, 0), ...line('Total', 700, 0)]),
      0,
      1000,
    );
    const cellsOf = (row: ReturnType<typeof line>) =>
      [...splitByColumn(row, spans)].map(([span, ws]) => [span.kind, ws.map((w) => w.text).join(' ')]);
    // Centred under its label, the description starts left of it, inside the code's band.
    expect(cellsOf([...line('1', 0, 40), ...line('- Garantie', 170, 40), ...line('10,08', 700, 40)])).toEqual([
      ['position', '1'],
      ['description', '- Garantie'],
      ['amount', '10,08'],
    ]);
    // OCR boxes a dash flat and spaces it from its word: it still opens the word's phrase.
    const dash = { ...(line('-', 170, 40)[0] as OcrWord), bbox: { x0: 170, y0: 47, x1: 180, y1: 49 } };
    expect(cellsOf([...line('1', 0, 40), dash, ...line('Garantie', 205, 40), ...line('10,08', 700, 40)])).toEqual([
      ['position', '1'],
      ['description', '- Garantie'],
      ['amount', '10,08'],
    ]);
    // A code printed from the code column's left edge keeps its words there, the description its own.
    expect(cellsOf([...line('1', 0, 40), ...line('Toolbox 0815', 50, 40), ...line('Stahlcoil', 300, 40)])).toEqual([
      ['position', '1'],
      ['code', 'Toolbox 0815'],
      ['description', 'Stahlcoil'],
    ]);
  });
});
