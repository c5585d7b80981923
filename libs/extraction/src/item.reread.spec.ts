import { describe, expect, it } from '@jest/globals';
import { itemRereadRegions } from './item.reread.js';
import { line, page } from './words.fixture.js';

const header = [...line('INVOICE No. FAC_2024_0001', 60, 60), ...line('Bill to Jane Doe', 60, 100)];
const items = (second: string) => [
  ...line('Paper shredder', 60, 200),
  ...line('4 x 220.37 €', 660, 200),
  ...line('Meeting room rental', 60, 240),
  ...line(second, 640, 240),
  ...line('Laptop stand', 60, 280),
  ...line('8 x 243.89 €', 660, 280),
];

describe('itemRereadRegions', () => {
  it('asks for nothing when the items add up to the total', () => {
    const words = [...header, ...items('11 x 253.68 €'), ...line('Total 5,623.08 €', 560, 340)];
    expect(itemRereadRegions(page(words))).toEqual([]);
  });

  it('asks for every item column, in one horizontal extent, when the sums fail', () => {
    const words = [...header, ...items('11 x 253.68 €'), ...line('Total 5,623.09 €', 560, 340)];
    const regions = itemRereadRegions(page(words));
    expect(regions).toHaveLength(3);
    expect(new Set(regions.map((r) => `${r.x0}-${r.x1}`)).size).toBe(1);
    expect(regions.map((r) => r.y0)).toEqual([200, 240, 280]);
    // The column starts at 640 (the widest "11 x"), one row height (16 px) of slack before it.
    expect(regions[0]).toMatchObject({ x0: 624, x1: 788 });
  });

  it('includes a row lined up with the columns that does not read as an item', () => {
    const words = [...header, ...items('1% 253:68;€'), ...line('Total 5,623.08 €', 560, 340)];
    const regions = itemRereadRegions(page(words));
    expect(regions.map((r) => r.y0)).toEqual([200, 240, 280]);
  });

  it('leaves out labelled rows and text left of the columns', () => {
    const words = [
      ...header,
      ...line('Address 12 Main Street', 60, 150),
      ...items('11 x 253.68 €'),
      ...line('Subtotal 5,623.08 €', 560, 320),
      ...line('Total 5,623.18 €', 560, 340),
    ];
    const regions = itemRereadRegions(page(words), { always: true });
    expect(regions.map((r) => r.y0)).toEqual([200, 240, 280]);
  });

  it('asks for nothing on a page without item columns', () => {
    expect(itemRereadRegions(page([...line('SOME SHOP SDN BHD', 60, 60), ...line('TOTAL 12.30', 60, 100)]), { always: true })).toEqual([]);
  });
});
