import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { extractInvoice } from '@invoice/extraction';
import { generateInvoiceData, renderInvoice, renderInvoicePdf } from '@invoice/invoice-generator';
import { PDFDocument, StandardFonts, rgb, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { deflateSync, crc32 } from 'node:zlib';
import { OcrEngine, OcrInputError, PDF_TEXT_ENGINE } from './index.js';
import { PdfDocument } from './pdf.document.js';

// Real tesseract.js on generated invoices (libs/invoice-generator), one worker: each OCRed page costs about 1 s.
jest.setTimeout(120_000);

/** A PNG whose header claims `width` x `height` (a decompression bomb: tiny file, huge image). */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // 1-bit greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(16))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('OcrEngine.recognizeDocument (real tesseract.js)', () => {
  let engine: OcrEngine;
  beforeAll(async () => {
    engine = await OcrEngine.create({ concurrency: 1, languages: 'fra+eng', maxPages: 50 });
  });
  afterAll(async () => {
    await engine.terminate();
  });

  it('reads a two-page image-only PDF page by page, in order, and joins the text', async () => {
    const truth = generateInvoiceData(21, { language: 'en', withEmail: true });
    const pdf = await renderInvoicePdf(truth, {
      pdf: 'image',
      seed: 21,
      extraPages: [['Terms and conditions', 'Payment due within 30 days']],
    });
    const progress: number[][] = [];
    const doc = await engine.recognizeDocument(pdf, { onPage: (done, total) => void progress.push([done, total]) });
    expect(doc.pageCount).toBe(2);
    expect(progress).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(doc.sources).toEqual(['ocr', 'ocr']);
    expect(doc.pages.map((page) => [...new Set(page.words.map((w) => w.page))])).toEqual([[0], [1]]);
    expect(doc.text.indexOf(truth.invoiceNumber)).toBeGreaterThanOrEqual(0);
    expect(doc.text.indexOf('Payment due within 30 days')).toBeGreaterThan(doc.text.indexOf(truth.invoiceNumber));
    // Rendered at 200 dpi: a Letter page is 1700 x 2200.
    expect([doc.pages[0]?.width, doc.pages[0]?.height]).toEqual([1700, 2200]);
    const extracted = extractInvoice(doc.pages);
    expect([extracted.invoiceNumber, extracted.total]).toEqual([truth.invoiceNumber, truth.total]);
    expect(doc.qrPayload).toContain(truth.invoiceNumber);
  });

  it('uses the text layer of a digital PDF instead of OCR, with exact fields', async () => {
    const truth = generateInvoiceData(22, { language: 'fr', withEmail: true });
    const pdf = await renderInvoicePdf(truth, { pdf: 'text', seed: 22 });
    const doc = await engine.recognizeDocument(pdf);
    expect(doc.sources).toEqual(['text-layer']);
    expect(doc.engineVersion).toBe(PDF_TEXT_ENGINE);
    expect(doc.meanConfidence).toBe(100);
    const extracted = extractInvoice(doc.pages);
    expect({
      invoiceNumber: extracted.invoiceNumber,
      issueDate: extracted.issueDate,
      customerName: extracted.customerName,
      customerEmail: extracted.customerEmail,
      customerAddressLine1: extracted.customerAddressLine1,
      total: extracted.total,
      lineItems: extracted.lineItems,
      issues: extracted.issues,
    }).toEqual({
      invoiceNumber: truth.invoiceNumber,
      issueDate: truth.issueDate,
      customerName: truth.customerName,
      customerEmail: truth.customerEmail,
      customerAddressLine1: truth.customerAddressLine1,
      total: truth.total,
      lineItems: truth.lineItems,
      issues: [],
    });
    // The QR code, searched on the page drawn in grey at 150 dpi.
    expect(doc.qrPayload).toContain(truth.invoiceNumber);
    // (The same PDF with textLayer: false goes through OCR: tools/e2e/reprocess.int-spec.ts.)
  });

  describe('the QR search on pages read from their text layer', () => {
    const PAYLOAD = 'INVOICE:VECTOR-4711';
    /** An A4 text page; `extra` draws on it (a code, a logo). */
    async function textPdf(extra?: (page: PDFPage, doc: PDFDocument) => Promise<void>): Promise<Buffer> {
      const doc = await PDFDocument.create();
      const page = doc.addPage([595, 842]);
      const font = await doc.embedFont(StandardFonts.Helvetica);
      page.drawText('Invoice INV-4711 dated 2026-12-07, total due 1,234.50 EUR', { x: 50, y: 780, size: 11, font });
      await extra?.(page, doc);
      return Buffer.from(await doc.save());
    }
    /** Whether the first page of a PDF may show a code, by its operator list. */
    async function mayShow(bytes: Buffer): Promise<boolean> {
      const pdf = await PdfDocument.open(bytes, { maxPages: 2, maxRenderPixels: 25e6, maxImagePixels: 25e6, renderDpi: 200 });
      try {
        return await pdf.mayShowQrCode(0);
      } finally {
        await pdf.close();
      }
    }

    it('does not draw a page of text alone, nor one with a wide logo, for the search', async () => {
      const logo = await sharp({ create: { width: 300, height: 100, channels: 3, background: '#204080' } })
        .png()
        .toBuffer();
      for (const bytes of [
        await textPdf(),
        await textPdf(async (page, doc) => page.drawImage(await doc.embedPng(logo), { x: 400, y: 760, width: 120, height: 40 })),
      ]) {
        expect(await mayShow(bytes)).toBe(false);
        expect(await engine.recognizeDocument(bytes)).toMatchObject({ sources: ['text-layer'], qrPayload: null });
      }
    });

    it('reads a code drawn as vector rectangles (as QR bills print theirs)', async () => {
      const modules = QRCode.create(PAYLOAD, { errorCorrectionLevel: 'M' }).modules;
      const bytes = await textPdf(async (page) => {
        for (let row = 0; row < modules.size; row++)
          for (let col = 0; col < modules.size; col++)
            if (modules.get(row, col)) page.drawRectangle({ x: 400 + col * 3, y: 600 - row * 3, width: 3, height: 3, color: rgb(0, 0, 0) });
      });
      expect(await mayShow(bytes)).toBe(true);
      expect(await engine.recognizeDocument(bytes)).toMatchObject({ sources: ['text-layer'], qrPayload: PAYLOAD });
    });
  });

  it("draws a PDF page in grey for the QR search as sharp's greyscale of the rendered page but for colour edges", async () => {
    const truth = generateInvoiceData(22, { language: 'fr', withEmail: true });
    const pdf = await PdfDocument.open(await renderInvoicePdf(truth, { pdf: 'text', seed: 22 }), {
      maxPages: 2,
      maxRenderPixels: 25e6,
      maxImagePixels: 25e6,
      renderDpi: 200,
    });
    try {
      const grey = await pdf.renderGrey(0, 150);
      const rendered = await pdf.render(0, 150);
      const reference = await sharp(rendered.png).greyscale().raw().toBuffer();
      expect([grey.width, grey.height, grey.dpi]).toEqual([rendered.width, rendered.height, rendered.dpi]);
      let sum = 0;
      let far = 0;
      for (let i = 0; i < reference.length; i++) {
        const off = Math.abs((grey.data[i] as number) - (reference[i] as number));
        sum += off;
        if (off > 8) far++;
      }
      // Equal but for anti-aliased colour edges (sharp's grey weighs linear light): 0.04 levels apart on average, 0.15% of pixels over 8.
      expect(sum / reference.length).toBeLessThan(0.5);
      expect(far / reference.length).toBeLessThan(0.01);
      // Not a blank page: the invoice's ink is there.
      expect(grey.data.some((v) => v < 64)).toBe(true);
    } finally {
      await pdf.close();
    }
  });

  it('reads every page of a multi-page TIFF', async () => {
    const a = generateInvoiceData(23, { language: 'en' });
    const pngA = await renderInvoice(a, { seed: 23 });
    const pngB = await sharp({ create: { width: 850, height: 1100, channels: 3, background: '#ffffff' } })
      .composite([
        {
          input: Buffer.from(
            '<svg xmlns="http://www.w3.org/2000/svg" width="850" height="200"><text x="60" y="100" font-size="28" font-family="DejaVu Sans">Second page notes</text></svg>',
          ),
          top: 0,
          left: 0,
        },
      ])
      .png()
      .toBuffer();
    // Two images joined as the pages of one TIFF.
    const tiff = await sharp([pngA, pngB], { join: { animated: true } })
      .tiff({ compression: 'lzw' })
      .toBuffer();
    expect((await sharp(tiff).metadata()).pages).toBe(2);
    const doc = await engine.recognizeDocument(tiff);
    expect(doc.pageCount).toBe(2);
    expect(extractInvoice([doc.pages[0]!]).invoiceNumber).toBe(a.invoiceNumber);
    expect(doc.pages[1]?.text).toContain('Second page notes');
    expect(doc.pages[1]?.words.every((w) => w.page === 1)).toBe(true);
  });

  it('reads a phone photo whose EXIF orientation says it is turned 90 degrees', async () => {
    const truth = generateInvoiceData(24, { language: 'en' });
    const upright = await renderInvoice(truth, { seed: 24, format: 'jpeg' });
    // Stored turned 90 degrees anticlockwise, with EXIF orientation 6 (display: rotate 90 clockwise).
    const stored = await sharp(upright).rotate(-90).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(stored).metadata()).orientation).toBe(6);
    const doc = await engine.recognizeDocument(stored);
    expect([doc.pages[0]?.width, doc.pages[0]?.height]).toEqual([850, 1100]);
    expect(extractInvoice(doc.pages).invoiceNumber).toBe(truth.invoiceNumber);
  });

  it('refuses a 100-page PDF and a 30000 x 30000 image with a message naming the limit, and keeps working', async () => {
    const many = await PDFDocument.create();
    for (let i = 0; i < 100; i++) many.addPage([612, 792]);
    const manyPages = Buffer.from(await many.save());
    const tooMany = await engine.recognizeDocument(manyPages).catch((err: unknown) => err);
    expect(tooMany).toBeInstanceOf(OcrInputError);
    expect(tooMany).toMatchObject({ code: 'TOO_MANY_PAGES', message: 'PDF has 100 pages, more than the 50 accepted (MAX_PAGES)' });

    const bomb = pngClaiming(30_000, 30_000);
    expect(bomb.length).toBeLessThan(200);
    const tooLarge = await engine.recognizeDocument(bomb).catch((err: unknown) => err);
    expect(tooLarge).toBeInstanceOf(OcrInputError);
    expect(tooLarge).toMatchObject({ code: 'IMAGE_TOO_LARGE' });
    expect((tooLarge as Error).message).toMatch(/30000 x 30000 = 900\.0 MP, more than the 80\.0 MP accepted/);

    const broken = await engine.recognizeDocument(Buffer.from('%PDF-1.7\nthis is not a pdf')).catch((err: unknown) => err);
    expect(broken).toMatchObject({ code: 'UNSUPPORTED_IMAGE' });

    // The engine still reads pages afterwards.
    const truth = generateInvoiceData(25, { language: 'en' });
    const doc = await engine.recognizeDocument(await renderInvoice(truth, { seed: 25 }));
    expect(extractInvoice(doc.pages).invoiceNumber).toBe(truth.invoiceNumber);
  });

  it('turns an upside-down page upright with the orientation step, and maps cropped boxes back to the page', async () => {
    const truth = generateInvoiceData(26, { language: 'en' });
    const upright = await renderInvoice(truth, { seed: 26, variation: { rotationDeg: 0 } });
    const upsideDown = await sharp(upright).rotate(180).png().toBuffer();
    const fixed = await engine.recognizeDocument(upsideDown, { preprocessing: { orientation: true } });
    expect(extractInvoice(fixed.pages).invoiceNumber).toBe(truth.invoiceNumber);

    // Margin crop: the words keep their place on the page (within a few pixels of the uncropped reading).
    const plain = await engine.recognizeDocument(upright, { qr: false });
    const cropped = await engine.recognizeDocument(upright, { qr: false, preprocessing: { crop: true } });
    const total = (doc: typeof plain) => doc.pages[0]!.words.find((w) => w.text === 'TOTAL')!.bbox;
    const [a, b] = [total(plain), total(cropped)];
    for (const key of ['x0', 'y0', 'x1', 'y1'] as const) expect(Math.abs(a[key] - b[key])).toBeLessThanOrEqual(4);
    expect([cropped.pages[0]?.width, cropped.pages[0]?.height]).toEqual([850, 1100]);
  });
});
