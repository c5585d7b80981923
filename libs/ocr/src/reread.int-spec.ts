/**
 * Rereading item columns on real OCR: generated invoices of the modern layout (thin blue monospace price
 * column on a grained page) from the fixed evaluation set, where the page pass garbles item columns
 * ("4x. 220.37-€", "TeX > 241,11 €") so that the sums fail. The regions asked for by
 * `itemRereadRegions` are read again by the engine and the extraction then gets every line right.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateInvoice, type GenerateInvoiceOptions } from '@invoice/invoice-generator';
import { extractInvoice, itemRereadRegions } from '@invoice/extraction';
import { OcrEngine } from './ocr.engine.js';

const CASES: { seed: number; options: GenerateInvoiceOptions }[] = [
  { seed: 500074, options: { language: 'en', withEmail: true, format: 'png', layout: 'modern' } },
  { seed: 500122, options: { language: 'fr', withEmail: false, format: 'png', layout: 'modern' } },
];

describe('rereading item columns', () => {
  let engine: OcrEngine;

  beforeAll(async () => {
    engine = await OcrEngine.create({ concurrency: 1 });
  }, 120_000);

  afterAll(async () => {
    await engine?.terminate();
  }, 60_000);

  it.each(CASES)(
    'seed $seed: the doubtful columns are reread and every line comes out right',
    async ({ seed, options }) => {
      const { truth, image } = await generateInvoice(seed, options);
      const first = await engine.recognize(image);
      const regions = itemRereadRegions(first);
      // The first reading is doubtful: one region per item row.
      expect(first.rereads).toBeUndefined();
      expect(regions).toHaveLength(truth.lineItems.length);
      expect(extractInvoice([first]).lineItems).not.toEqual(truth.lineItems);

      const page = await engine.recognize(image, { reread: itemRereadRegions });
      expect(page.rereads).toHaveLength(regions.length);
      for (const reread of page.rereads ?? []) {
        for (const word of reread.words) {
          // Reread words are in page pixels, inside (or at the padded edge of) the region read.
          expect(word.bbox.x0).toBeGreaterThanOrEqual(reread.bbox.x0 - 20);
          expect(word.bbox.x1).toBeLessThanOrEqual(reread.bbox.x1 + 20);
          expect(word.bbox.y0).toBeGreaterThanOrEqual(reread.bbox.y0 - 20);
          expect(word.bbox.y1).toBeLessThanOrEqual(reread.bbox.y1 + 20);
        }
      }
      expect(page.timings?.rereadMs).toBeGreaterThan(0);
      const extracted = extractInvoice([page]);
      expect(extracted.lineItems).toEqual(truth.lineItems);
      expect(extracted.issues.filter((issue) => /mismatch|unreadable|inferred/.test(issue))).toEqual([]);
    },
    120_000,
  );

  it('asks for nothing when the first reading of the items adds up', async () => {
    const { truth, image } = await generateInvoice(7, { language: 'en', format: 'png' });
    const page = await engine.recognize(image, { reread: itemRereadRegions });
    expect(page.rereads).toBeUndefined();
    expect(page.timings?.rereadMs).toBeDefined();
    expect(extractInvoice([page]).lineItems).toEqual(truth.lineItems);
  }, 60_000);
});
