import { describe, expect, it } from '@jest/globals';
import type { OcrReread } from '@invoice/contracts';
import { extractInvoice } from './invoice.extractor.js';
import { acceptReread, mergeRereads } from './reread.merge.js';
import { line, page } from './words.fixture.js';

const reread = (text: string, x: number, y: number, box = { x0: 590, y0: y - 4, x1: 800, y1: y + 20 }): OcrReread => {
  const words = line(text, x, y, { confidence: 93 });
  return { bbox: box, text, words, confidence: 93 };
};

describe('acceptReread', () => {
  it('takes a reread that reads as an item column with a quantity', () => {
    expect(acceptReread({ text: '7 x 484.31 €' }, '1% 484:31;€')).toBe(true);
    expect(acceptReread({ text: '7 x 484.31 €' }, '7 x 484.31 €')).toBe(true);
  });

  it('refuses one that does not read as a column, or lacks the quantity a first reading has', () => {
    expect(acceptReread({ text: 'LL gies' }, '7 x 484.31 €')).toBe(false);
    expect(acceptReread({ text: 'Tx 484.31 €' }, '7 x 484.31 €')).toBe(false);
    expect(acceptReread({ text: 'Tx 484.31 €' }, 'garbled')).toBe(true);
  });
});

describe('mergeRereads', () => {
  const words = [...line('Bottled water, 24 pack', 60, 200), ...line('1% 484:31;€', 640, 200)];

  it('replaces the first reading of an accepted region by the reread, in place', () => {
    const merged = mergeRereads({ ...page(words), rereads: [reread('7 x 484.31 €', 640, 200)] });
    expect(merged.words.map((w) => w.text)).toEqual(['Bottled', 'water,', '24', 'pack', '7', 'x', '484.31', '€']);
  });

  it('keeps the first reading when the reread is refused, and a page without rereads as it is', () => {
    const p = { ...page(words), rereads: [reread('LL gies', 640, 200)] };
    expect(mergeRereads(p).words).toEqual(words);
    const plain = page(words);
    expect(mergeRereads(plain)).toBe(plain);
  });

  it('is what extractInvoice reads: the item row comes from the reread', () => {
    const rows = [
      ...line('INVOICE No. FAC_2024_0001', 60, 60),
      ...line('Bill to Jane Doe', 60, 100),
      ...words,
      ...line('Total 3,390.17 €', 560, 260),
    ];
    expect(extractInvoice([page(rows)]).lineItems).toEqual([]);
    const fixed = extractInvoice([{ ...page(rows), rereads: [reread('7 x 484.31 €', 640, 200)] }]);
    expect(fixed.lineItems).toEqual([{ description: 'Bottled water, 24 pack', quantity: 7, unitPrice: 484.31, amount: 3390.17 }]);
    expect(fixed.issues).not.toContain('total_mismatch');
  });
});
