import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import * as generator from '@invoice/invoice-generator';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import type { OcrPageResult, OcrWord } from '@invoice/contracts';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { decodeQr, ENGINE_VERSION, OcrEngine, OcrEngineError, OcrInputError, type OcrLogger } from './index.js';
import { preprocessImage } from './preprocess.image.js';
import { defaultTessdataDir } from './tessdata.paths.js';

// Test pages are drawn as SVG (DejaVu fonts, installed with librsvg) and rasterized by sharp at 850 x 1100,
// the size of a 100 dpi Letter page, with every line's position known.
const WIDTH = 850;
const HEIGHT = 1100;
// jest ignores `testTimeout` inside `projects` entries (it is a global option), so real OCR gets its time here.
jest.setTimeout(60_000);

const QR_PAYLOAD = 'INVOICE:FAC-2019-0042\nDATE:2019-01-01 10:15:00\nCUST:40213\nCAT:B';

interface DrawnLine {
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  size: number;
  anchor?: 'start' | 'end';
  bold?: boolean;
}

function pageLines(invoiceNumber: string): DrawnLine[] {
  return [
    { text: `FACTURE ${invoiceNumber}`, x: 60, y: 90, size: 32, bold: true },
    { text: "Date d'émission 2019-01-01", x: 60, y: 150, size: 20 },
    { text: 'Client Hélène Lefèvre', x: 60, y: 190, size: 20 },
    { text: 'Adresse 12 rue de la Paix', x: 60, y: 230, size: 14 },
    { text: '75002 Paris, France', x: 60, y: 252, size: 14 },
    { text: 'Issue date 2019-01-01', x: 60, y: 300, size: 20 },
    { text: 'Réparation écran', x: 60, y: 420, size: 20 },
    { text: '4 x 98,58 Euro', x: 790, y: 420, size: 20, anchor: 'end' },
    { text: 'Câble réseau 10 mètres', x: 60, y: 470, size: 20 },
    { text: '2 x 12,50 Euro', x: 790, y: 470, size: 20, anchor: 'end' },
    { text: 'Window cleaning', x: 60, y: 520, size: 20 },
    { text: '1 x 7,05 Euro', x: 790, y: 520, size: 20, anchor: 'end' },
    { text: 'TOTAL 426,37 Euro', x: 790, y: 600, size: 22, anchor: 'end', bold: true },
  ];
}

const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);

/** The page as PNG, with a QR code (drawn by the `qrcode` package) at the top right. */
async function renderPage(invoiceNumber = 'FAC-2019-0042', qrPayload = QR_PAYLOAD): Promise<Buffer> {
  const text = pageLines(invoiceNumber)
    .map(
      (line) =>
        `<text x="${line.x}" y="${line.y}" font-size="${line.size}" text-anchor="${line.anchor ?? 'start'}"${line.bold ? ' font-weight="bold"' : ''}>${escapeXml(line.text)}</text>`,
    )
    .join('\n');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
<rect width="100%" height="100%" fill="#fff"/>
<g font-family="DejaVu Sans" fill="#111">${text}</g>
</svg>`;
  const qr = await QRCode.toBuffer(qrPayload, { errorCorrectionLevel: 'M', scale: 4, margin: 2 });
  return sharp(Buffer.from(svg))
    .composite([{ input: qr, left: 640, top: 40 }])
    .flatten({ background: '#fff' })
    .png()
    .toBuffer();
}

const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim();
const lineTexts = (result: OcrPageResult): string[] =>
  result.text
    .split('\n')
    .map(normalize)
    .filter((line) => line !== '');

/** The first recognized word with exactly this text. */
function findWord(result: OcrPageResult, text: string): OcrWord {
  const word = result.words.find((candidate) => candidate.text === text);
  if (!word) throw new Error(`word '${text}' not recognized; words: ${result.words.map((w) => w.text).join(' ')}`);
  return word;
}

class RecordingLogger implements OcrLogger {
  readonly entries: { level: string; msg: string; obj: object }[] = [];
  debug(obj: object, msg: string): void {
    this.entries.push({ level: 'debug', msg, obj });
  }
  info(obj: object, msg: string): void {
    this.entries.push({ level: 'info', msg, obj });
  }
  warn(obj: object, msg: string): void {
    this.entries.push({ level: 'warn', msg, obj });
  }
  error(obj: object, msg: string): void {
    this.entries.push({ level: 'error', msg, obj });
  }
  count(msg: string): number {
    return this.entries.filter((entry) => entry.msg === msg).length;
  }
}

/** A valid PNG header claiming `width` x `height` (the pixel data is not needed to read the size). */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(
    await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } })
      .png()
      .toBuffer(),
  );
  // Signature (8) + IHDR length (4) + 'IHDR' (4) + width (4) + height (4) ... + CRC over type and data.
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

describe('OcrEngine (real tesseract.js)', () => {
  const logger = new RecordingLogger();
  let engine: OcrEngine;
  let page: Buffer;
  let result: OcrPageResult;

  beforeAll(async () => {
    page = await renderPage();
    engine = await OcrEngine.create({ concurrency: 2, logger });
    result = await engine.recognize(page);
  });

  afterAll(async () => {
    await engine?.terminate();
  });

  it('reads every English and French line, accents and decimal commas included', () => {
    const lines = lineTexts(result);
    for (const drawn of pageLines('FAC-2019-0042')) {
      expect(lines.some((line) => line.includes(drawn.text))).toBe(true);
    }
    // PSM 4 keeps the right-hand price column on the line of its description.
    expect(lines).toContain('Réparation écran 4 x 98,58 Euro');
    expect(lines).toContain('Câble réseau 10 mètres 2 x 12,50 Euro');
  });

  it('reports size, confidence, duration and engine version', () => {
    expect(result).toMatchObject({ width: WIDTH, height: HEIGHT, engineVersion: ENGINE_VERSION });
    expect(ENGINE_VERSION).toMatch(/^tesseract\.js@7\.\d+\.\d+$/);
    expect(result.meanConfidence).toBeGreaterThan(80);
    expect(result.meanConfidence).toBeLessThanOrEqual(100);
    expect(result.durationMs).toBeGreaterThan(0);
    for (const word of result.words) {
      expect(word.confidence).toBeGreaterThanOrEqual(0);
      expect(word.confidence).toBeLessThanOrEqual(100);
      expect(word.page).toBe(0);
    }
  });

  it('gives word boxes in original pixels, inside the image and where the text was drawn', () => {
    for (const { bbox } of result.words) {
      expect(bbox.x0).toBeGreaterThanOrEqual(0);
      expect(bbox.y0).toBeGreaterThanOrEqual(0);
      expect(bbox.x1).toBeLessThanOrEqual(WIDTH);
      expect(bbox.y1).toBeLessThanOrEqual(HEIGHT);
      expect(bbox.x1).toBeGreaterThan(bbox.x0);
      expect(bbox.y1).toBeGreaterThan(bbox.y0);
    }
    // 'Date' starts at x=60 with its baseline at y=150 (20 px font: cap height ~15 px).
    const date = findWord(result, 'Date').bbox;
    expect(Math.abs(date.x0 - 60)).toBeLessThanOrEqual(4);
    expect(Math.abs(date.y1 - 150)).toBeLessThanOrEqual(4);
    expect(date.y0).toBeGreaterThanOrEqual(150 - 20);
    // '98,58' is right-aligned before ' Euro' ending at x=790, baseline y=420 (the comma descends a little).
    const price = findWord(result, '98,58').bbox;
    const euro = result.words.filter((word) => word.text === 'Euro').map((word) => word.bbox);
    expect(euro.some((box) => Math.abs(box.x1 - 790) <= 4 && Math.abs(box.y1 - 420) <= 4)).toBe(true);
    expect(price.x1).toBeLessThan(790 - 40);
    expect(price.x1).toBeGreaterThan(790 - 120);
    expect(Math.abs(price.y1 - 420)).toBeLessThanOrEqual(6);
    // Small (14 px) address text.
    const paris = findWord(result, 'Paris,').bbox;
    expect(Math.abs(paris.y1 - 252)).toBeLessThanOrEqual(4);
  });

  it('decodes the QR code exactly, in recognize() and on its own', async () => {
    expect(result.qrPayload).toBe(QR_PAYLOAD);
    expect(await decodeQr(page)).toBe(QR_PAYLOAD);
  });

  it('returns a null QR payload for a page without one', async () => {
    const blank = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    expect(await decodeQr(blank)).toBeNull();
    expect(await decodeQr(Buffer.from('not an image'))).toBeNull();
  });

  it('follows the EXIF orientation: boxes and size are those of the upright page', async () => {
    // Stored rotated a quarter turn counter-clockwise, EXIF orientation 6 says "turn 90 degrees clockwise to display".
    const stored = await sharp(page).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 92 }).toBuffer();
    expect((await sharp(stored).metadata()).orientation).toBe(6);
    const upright = await engine.recognize(stored, { qr: false });
    expect(upright).toMatchObject({ width: WIDTH, height: HEIGHT, qrPayload: null });
    expect(normalize(upright.text)).toContain("Date d'émission 2019-01-01");
    expect(Math.abs(findWord(upright, 'Date').bbox.x0 - 60)).toBeLessThanOrEqual(4);
  });

  it('runs 4 pages on its 2 workers concurrently, reusing the same workers', async () => {
    const pages = await Promise.all(
      ['FAC-2020-0001', 'FAC-2020-0002', 'FAC-2020-0003', 'FAC-2020-0004'].map((number) => renderPage(number, `INVOICE:${number}`)),
    );
    const running = pages.map((image) => engine.recognize(image));
    expect(engine.stats()).toEqual({ size: 2, busy: 2, idle: 0, queued: 2, created: 2 });
    const results = await Promise.all(running);
    results.forEach((pageResult, i) => {
      const number = `FAC-2020-000${i + 1}`;
      expect(pageResult.qrPayload).toBe(`INVOICE:${number}`);
      expect(normalize(pageResult.text)).toContain(`FACTURE ${number}`);
    });
    const workersUsed = new Set(
      logger.entries.filter((entry) => entry.msg === 'page recognized').map((entry) => (entry.obj as { workerId: string }).workerId),
    );
    expect([...workersUsed].sort()).toEqual(['ocr-worker-0', 'ocr-worker-1']);
    expect(logger.count('tesseract worker ready')).toBe(2);
    expect(engine.stats()).toEqual({ size: 2, busy: 0, idle: 2, queued: 0, created: 2 });
  });

  it('refuses unusable input with OcrInputError codes and keeps working', async () => {
    await expect(engine.recognize(Buffer.alloc(0))).rejects.toMatchObject({ name: 'OcrInputError', code: 'EMPTY_IMAGE' });
    await expect(engine.recognize(Buffer.from('%PDF-1.7 definitely not a raster image'))).rejects.toMatchObject({
      code: 'UNSUPPORTED_IMAGE',
    });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    await expect(engine.recognize(svg)).rejects.toThrow(/format 'svg' is not accepted/);
    // 12000 x 9000 = 108 MP claimed in the header: refused before any pixel is decoded.
    const huge = await pngClaiming(12_000, 9_000);
    const refused = await engine.recognize(huge).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(OcrInputError);
    expect(refused).toMatchObject({ code: 'IMAGE_TOO_LARGE' });
    expect((refused as Error).message).toMatch(/108\.0 MP, more than the 80\.0 MP accepted/);
    await expect(engine.recognize(page, { pageSegMode: 2 as never })).rejects.toThrow(RangeError);
    expect(engine.stats()).toMatchObject({ size: 2, idle: 2, created: 2 });
  });

  it('reads the models from one folder of links and writes no traineddata cache into the working directory', () => {
    const tessdata = readdirSync(defaultTessdataDir());
    expect(tessdata).toEqual(expect.arrayContaining(['eng.traineddata.gz', 'fra.traineddata.gz']));
    expect(readdirSync(process.cwd()).filter((name) => name.includes('traineddata'))).toEqual([]);
  });

  it('terminate() waits for accepted work, then refuses new calls', async () => {
    const inFlight = [engine.recognize(page, { qr: false }), engine.recognize(page, { qr: false }), engine.recognize(page, { qr: false })];
    const terminated = engine.terminate();
    await expect(engine.recognize(page)).rejects.toBeInstanceOf(OcrEngineError);
    const done = await Promise.all(inFlight);
    expect(done.every((pageResult) => normalize(pageResult.text).includes('TOTAL 426,37 Euro'))).toBe(true);
    await terminated;
    expect(engine.stats()).toMatchObject({ size: 0, busy: 0, idle: 0 });
    expect(logger.count('tesseract worker terminated')).toBe(2);
    await expect(engine.recognize(page)).rejects.toMatchObject({ code: 'ENGINE_TERMINATED' });
  });
});

describe('preprocessImage (sharp)', () => {
  it('hands tesseract a grey PGM upscaled 2x for an 850 x 1100 page', async () => {
    const prepared = await preprocessImage(await renderPage());
    expect(prepared.original).toEqual({ width: WIDTH, height: HEIGHT });
    expect(prepared.plan).toMatchObject({ scale: 2, targetWidth: 1700, targetHeight: 2200 });
    const header = 'P5\n1700 2200\n255\n';
    expect(prepared.data.subarray(0, header.length).toString('ascii')).toBe(header);
    expect(prepared.data.length).toBe(header.length + 1700 * 2200);
  });

  it('flattens transparency onto white, and stretches contrast unless that step is off', async () => {
    // Grey (#999) text on a transparent background: white paper; near-black ink with the contrast step (the default), grey ink without it.
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100"><text x="10" y="60" font-size="40" font-family="DejaVu Sans" fill="#999">Total 12,50</text></svg>`;
    const transparent = await sharp(Buffer.from(svg)).png().toBuffer();
    const stretched = await preprocessImage(transparent, { scale: 1 });
    const pixels = stretched.data.subarray(stretched.data.length - 400 * 100);
    expect(pixels[0]).toBe(255);
    expect(Math.min(...pixels)).toBeLessThan(40);
    const plain = await preprocessImage(transparent, { scale: 1, steps: { contrast: false } });
    const plainPixels = plain.data.subarray(plain.data.length - 400 * 100);
    expect(plainPixels[0]).toBe(255);
    expect(Math.min(...plainPixels)).toBeGreaterThan(120);
  });
});

// The synthetic invoices of libs/invoice-generator, when that library is there (it is optional for this suite).
const generatorEntry = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../invoice-generator/src/index.ts');
const describeGenerated = existsSync(generatorEntry) ? describe : describe.skip;

describeGenerated('OcrEngine on generated invoices', () => {
  let engine: OcrEngine;
  beforeAll(async () => {
    engine = await OcrEngine.create({ concurrency: 2 });
  });
  afterAll(async () => {
    await engine?.terminate();
  });

  it.each([
    [7, 'en'],
    [8, 'fr'],
  ] as const)('reads the ground truth of invoice seed %i (%s)', async (seed, language) => {
    const { truth, image } = await generator.generateInvoice(seed, { language });
    const labels = generator.LABELS[truth.language];
    const result = await engine.recognize(image);
    const text = normalize(result.text);

    expect(result.qrPayload).toBe(generator.qrPayload(truth));
    // Fields an extraction relies on must be there verbatim.
    expect(text).toContain(`${truth.issueDate} ${truth.issueTime}`);
    expect(text).toContain(truth.customerAddressLine1);
    expect(text).toContain(truth.customerAddressLine2);
    expect(text).toContain(`${generator.formatAmount(truth.total, truth.language)} ${labels.currency}`);
    for (const item of truth.lineItems) expect(text).toContain(generator.formatAmount(item.unitPrice, truth.language));
    // Whole item lines: nearly all (measured: ~80% of all lines verbatim over 40 invoices; misses are
    // "3x" for "3 x" in the monospace column and lost accents on capitals such as "Câble").
    const itemLines = truth.lineItems.map((item) =>
      normalize(`${item.description} ${generator.formatItemColumn(item.quantity, item.unitPrice, truth.language)}`),
    );
    const found = itemLines.filter((line) => text.includes(line)).length;
    expect(found / itemLines.length).toBeGreaterThanOrEqual(0.5);
  });
});
