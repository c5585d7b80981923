import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import sharp from 'sharp';
import { generateInvoiceData, renderInvoicePdf } from '@invoice/invoice-generator';
import { OcrEngine } from '@invoice/ocr';
import { createTestDatabase, seedDocument, type TestDatabase } from '@invoice/testing';
import { PageImagesStore } from './page-images.store.js';

jest.setTimeout(120_000);

/** The page images the OCR worker stores, with the real engine (pdf.js, sharp) and the real PostgreSQL. */
describe('PageImagesStore (real engine and Postgres)', () => {
  let db: TestDatabase;
  let engine: OcrEngine;
  let store: PageImagesStore;
  const rows = (documentId: string) =>
    db.dataSource.query(
      `SELECT page_number, mime_type, width, height, content FROM document_pages WHERE document_id = $1 ORDER BY page_number`,
      [documentId],
    ) as Promise<{ page_number: number; mime_type: string; width: number; height: number; content: Buffer }[]>;
  const stored = async (bytes: Buffer, mimeType: string) => {
    const { documentId, organizationId } = await seedDocument(db.dataSource, bytes, { mimeType, organizationName: 'Pages organization' });
    return { id: documentId, organizationId };
  };

  beforeAll(async () => {
    db = await createTestDatabase('pageimages');
    engine = await OcrEngine.create({ concurrency: 1, languages: 'eng' });
    store = new PageImagesStore(db.dataSource, engine);
  });

  afterAll(async () => {
    await engine?.terminate();
    await db?.drop();
  });

  it('stores every page of a PDF as WebP in the pixel space of its word boxes, and replaces them when read again', async () => {
    const truth = generateInvoiceData(7001, { language: 'en' });
    const pdf = await renderInvoicePdf(truth, {
      pdf: 'text',
      seed: 7001,
      extraPages: [['Terms and conditions', 'Payment due within 30 days']],
    });
    const document = await stored(pdf, 'application/pdf');
    expect(await store.store(document, pdf)).toBe(2);
    const pages = await rows(document.id);
    expect(pages.map((p) => [p.page_number, p.mime_type])).toEqual([
      [1, 'image/webp'],
      [2, 'image/webp'],
    ]);
    const read = await engine.recognizeDocument(pdf, { qr: false });
    for (const [index, page] of pages.entries()) {
      const image = await sharp(page.content).metadata();
      expect(image).toMatchObject({ format: 'webp', width: page.width, height: page.height });
      const words = read.pages[index]!.words;
      expect(words.length).toBeGreaterThan(0);
      expect(Math.max(...words.map((w) => w.bbox.x1))).toBeLessThanOrEqual(page.width);
      expect(Math.max(...words.map((w) => w.bbox.y1))).toBeLessThanOrEqual(page.height);
    }
    // Read again (a reprocess): the same pages, not twice as many.
    expect(await store.store(document, pdf)).toBe(2);
    expect(await rows(document.id)).toHaveLength(2);
  });

  it('stores every frame of a TIFF at its size', async () => {
    const frame = (width: number, shade: number) =>
      sharp({ create: { width, height: 300, channels: 3, background: { r: shade, g: shade, b: shade } } })
        .png()
        .toBuffer();
    const tiff = await sharp([await frame(200, 40), await frame(200, 220)], { join: { animated: true } })
      .tiff({ compression: 'lzw' })
      .toBuffer();
    const document = await stored(tiff, 'image/tiff');
    expect(await store.store(document, tiff)).toBe(2);
    expect((await rows(document.id)).map((p) => [p.page_number, p.width, p.height])).toEqual([
      [1, 200, 300],
      [2, 200, 300],
    ]);
  });

  it('stores nothing for a PNG (a browser shows it as it is), and nothing without failing for a broken PDF', async () => {
    const png = await sharp({ create: { width: 50, height: 40, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    const image = await stored(png, 'image/png');
    expect(await store.store(image, png)).toBe(0);
    const broken = Buffer.from('%PDF-1.7\nnot really a PDF');
    const pdf = await stored(broken, 'application/pdf');
    await expect(store.store(pdf, broken)).resolves.toBe(0);
    expect(await rows(image.id)).toEqual([]);
    expect(await rows(pdf.id)).toEqual([]);
  });
});
