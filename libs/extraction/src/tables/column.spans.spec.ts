import { describe, expect, it } from '@jest/globals';
import { line } from '../words.fixture.js';
import { findHeaderCells } from './column.matcher.js';
import { columnSpans } from './column.spans.js';

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
});
