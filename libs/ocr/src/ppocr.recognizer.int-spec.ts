/**
 * PP-OCRv4 recognition on real pixels with the real ONNX model from node_modules: a line rendered by the
 * project's invoice generator (always), a line of SROIE receipt X00016469672 (ICDAR 2019, CC BY 4.0) read
 * from ../shared/datasets/sroie-dev (never copied into the repository; skipped when missing), the engine
 * with PP-OCR rereading every line, and the fallback to tesseract alone when the model cannot load.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import sharp from 'sharp';
import { linesPageSvg } from '@invoice/invoice-generator';
import { OcrEngine, PPOCR_VERSION } from './ocr.engine.js';
import { defaultPpocrPaths, PpocrRecognizer } from './ppocr.recognizer.js';

const SROIE_RECEIPT = resolve(process.cwd(), process.env.EVAL_SROIE_DIR ?? '../shared/datasets/sroie-dev', 'X00016469672.jpg');
const withReceipt = existsSync(SROIE_RECEIPT) ? it : it.skip;
if (!existsSync(SROIE_RECEIPT)) console.warn(`SROIE line test skipped: ${SROIE_RECEIPT} is missing (see the datasets README)`);

const LINE = 'TOTAL DUE 1,234.56 EUR 14/08/2026';

async function grey(image: Buffer | string, rect?: { left: number; top: number; width: number; height: number }) {
  let pipeline = sharp(image).flatten({ background: '#ffffff' });
  if (rect) pipeline = pipeline.extract(rect);
  const { data, info } = await pipeline.greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('PpocrRecognizer (real ONNX model)', () => {
  let recognizer: PpocrRecognizer;
  beforeAll(async () => {
    recognizer = await PpocrRecognizer.create();
  });
  afterAll(async () => {
    await recognizer?.release();
  });

  it('reads a line rendered by the invoice generator, words split by their gaps and placed left to right', async () => {
    // linesPageSvg draws its first line with its baseline at y = 90, 18 px type, from x = 70.
    const crop = await grey(Buffer.from(linesPageSvg([LINE])), { left: 60, top: 66, width: 420, height: 32 });
    const line = await recognizer.recognizeLine(crop.data, crop.width, crop.height);
    expect(line.text).toBe(LINE);
    expect(line.dropped).toBe(0);
    expect(line.confidence).toBeGreaterThan(80);
    const xs = line.words.map((w) => w.x0);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(line.words[0]?.x0).toBeLessThan(20);
    expect(line.words.at(-1)?.x1).toBeLessThanOrEqual(crop.width);
  });

  withReceipt('reads a line of a real SROIE receipt', async () => {
    const crop = await grey(SROIE_RECEIPT, { left: 19, top: 100, width: 416, height: 33 });
    const line = await recognizer.recognizeLine(crop.data, crop.width, crop.height);
    expect(line.text).toBe('SOON HUAT MACHINERY ENTERPRISE');
  });
});

describe('OcrEngine with the second recognizer', () => {
  const page = async () =>
    sharp(Buffer.from(linesPageSvg(['INVOICE 2026-0042', LINE])))
      .flatten({ background: '#ffffff' })
      .png()
      .toBuffer();

  it('rereads every line with PP-OCR when asked, keeping the word boxes inside the page', async () => {
    const engine = await OcrEngine.create({ concurrency: 1, secondRecognizer: { engine: 'ppocr', threshold: 100, pageThreshold: 100 } });
    try {
      expect(engine.secondRecognizerActive).toBe(true);
      const result = await engine.recognize(await page(), { qr: false });
      expect(result.text).toContain('1,234.56');
      expect(result.timings?.secondMs).toBeGreaterThan(0);
      // Both engines read these clean lines with the same characters: tesseract's reading (and its blanks) is kept.
      expect(result.engineVersion).not.toContain(PPOCR_VERSION);
      for (const w of result.words) expect(w.bbox.x1).toBeLessThanOrEqual(result.width);
    } finally {
      await engine.terminate();
    }
  });

  it('reads the lines the caller asks to confirm, on any page, and none when the second recognizer is off', async () => {
    const image = await page();
    const engine = await OcrEngine.create({ concurrency: 1, secondRecognizer: { engine: 'ppocr' } });
    const plain = await OcrEngine.create({ concurrency: 1 });
    try {
      let asked: string[] = [];
      // The caller picks, from the first reading, the line of the word "INVOICE".
      const confirm = (first: { words: { text: string; bbox: { x0: number; y0: number; x1: number; y1: number } }[] }) => {
        asked = first.words.map((w) => w.text);
        const words = first.words.filter((w) => w.text === 'INVOICE' || w.text === '2026-0042');
        return [
          {
            x0: Math.min(...words.map((w) => w.bbox.x0)),
            y0: words[0]!.bbox.y0,
            x1: Math.max(...words.map((w) => w.bbox.x1)),
            y1: words[0]!.bbox.y1,
          },
        ];
      };
      const result = await engine.recognize(image, { qr: false, confirm });
      expect(asked).toContain('INVOICE');
      expect(result.confirmations).toHaveLength(1);
      expect(result.confirmations![0]!.text.replace(/\s/g, '')).toBe('INVOICE2026-0042');
      for (const w of result.confirmations![0]!.words) expect(w.bbox.x1).toBeLessThanOrEqual(result.width);
      // A clean page: tesseract's words stay the page's reading.
      expect(result.engineVersion).not.toContain(PPOCR_VERSION);
      expect((await plain.recognize(image, { qr: false, confirm })).confirmations).toBeUndefined();
    } finally {
      await engine.terminate();
      await plain.terminate();
    }
  });

  it('leaves a page tesseract reads well to tesseract (the default page threshold)', async () => {
    const engine = await OcrEngine.create({ concurrency: 1, secondRecognizer: { engine: 'ppocr', threshold: 100 } });
    try {
      const result = await engine.recognize(await page(), { qr: false });
      expect(result.meanConfidence).toBeGreaterThanOrEqual(85);
      expect(result.text).toContain('1,234.56');
      expect(result.engineVersion).not.toContain(PPOCR_VERSION);
    } finally {
      await engine.terminate();
    }
  });

  it('logs once and reads with tesseract alone when the model cannot load', async () => {
    const warnings: string[] = [];
    const logger = {
      debug: () => undefined,
      info: () => undefined,
      error: () => undefined,
      warn: (_: object, msg: string) => void warnings.push(msg),
    };
    const paths = { ...defaultPpocrPaths(), model: '/nonexistent/ppocr-rec.onnx' };
    const engine = await OcrEngine.create({ concurrency: 1, logger, secondRecognizer: { engine: 'ppocr', threshold: 100, paths } });
    try {
      expect(engine.secondRecognizerActive).toBe(false);
      const result = await engine.recognize(await page(), { qr: false });
      expect(result.text).toContain('INVOICE');
      expect(result.timings?.secondMs).toBeUndefined();
      expect(result.engineVersion).not.toContain(PPOCR_VERSION);
      expect(warnings.filter((m) => m.includes('cannot load'))).toHaveLength(1);
    } finally {
      await engine.terminate();
    }
  });
});
