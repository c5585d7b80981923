/**
 * The low-cost preprocessing on real images with the real sharp and tesseract.js: one decode, the contrast
 * stretch as a table (the very pixels of sharp's own normalise), the scale from the size of the print, the QR
 * search by looks within its budget, and the stage times the engine reports. Generated invoices, and SROIE
 * receipt X51005361950 (ICDAR 2019, CC BY 4.0) from ../shared/datasets/sroie-dev when the folder is there.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as generator from '@invoice/invoice-generator';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { OcrEngine } from './ocr.engine.js';
import { preprocessImage } from './preprocess.image.js';
import { decodeQr, decodeQrGrey } from './qr.decoder.js';
import type { StageTimes } from './stage.clock.js';

jest.setTimeout(120_000);

const SROIE_RECEIPT = resolve(process.cwd(), process.env.EVAL_SROIE_DIR ?? '../shared/datasets/sroie-dev', 'X51005361950.jpg');
const withReceipt = existsSync(SROIE_RECEIPT) ? it : it.skip;
if (!existsSync(SROIE_RECEIPT)) console.warn(`receipt tests skipped: ${SROIE_RECEIPT} is missing (see the datasets README)`);

/** The pixels sharp's own pipeline makes: normalise at the input size, then the cubic upscale (the reference the table replaces). */
async function sharpReference(image: Buffer, width: number, height: number): Promise<Buffer> {
  const grey = await sharp(image)
    .rotate()
    .flatten({ background: '#ffffff' })
    .greyscale()
    .normalise()
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: grey.info.width, height: grey.info.height, channels: 1 as const } };
  return sharp(grey.data, raw).resize(width, height, { fit: 'fill', kernel: 'cubic' }).toColourspace('b-w').raw().toBuffer();
}

const pgmPixels = (pgm: Buffer, width: number, height: number) => pgm.subarray(pgm.length - width * height);

/** A white A4 page at 300 dpi with a small QR code (2 px modules) in its bottom-left corner: too small for the overview. */
async function scanWithSmallQr(payload: string): Promise<Buffer> {
  const qr = await QRCode.toBuffer(payload, { errorCorrectionLevel: 'M', scale: 3, margin: 2 });
  return sharp({ create: { width: 2480, height: 3508, channels: 3, background: '#ffffff' } })
    .composite([{ input: qr, left: 150, top: 3100 }])
    .png({ compressionLevel: 1 })
    .toBuffer();
}

describe('preprocessing that costs little (real sharp)', () => {
  it.each([
    ['an English JPEG', 500_001, { format: 'jpeg' }],
    // The pipeline e2e's French JPEG: a stretch one grey level off on 1% of the pixels made tesseract read its total 8308,96 as 83608,96.
    ['the French JPEG of the pipeline e2e', 7002, { language: 'fr', withEmail: true, format: 'jpeg' }],
  ] as const)('stretches contrast to the very pixels of sharp normalise on %s', async (_name, seed, options) => {
    const { image } = await generator.generateInvoice(seed, options);
    // Without the rules step: the invoice's table rules would be painted over, which sharp's pipeline does not do.
    const prepared = await preprocessImage(image, { steps: { rules: false } });
    expect(prepared.applied.contrast).toBe(true);
    const { targetWidth: w, targetHeight: h } = prepared.plan;
    const reference = await sharpReference(image, w, h);
    expect(Buffer.from(pgmPixels(prepared.data, w, h)).equals(reference)).toBe(true);
  });

  withReceipt('stretches contrast to the very pixels of sharp normalise on a real receipt photo', async () => {
    const image = await readFile(SROIE_RECEIPT);
    const prepared = await preprocessImage(image, { steps: { adapt: false } });
    const { targetWidth: w, targetHeight: h } = prepared.plan;
    const reference = await sharpReference(image, w, h);
    expect(Buffer.from(pgmPixels(prepared.data, w, h)).equals(reference)).toBe(true);
  });

  it('hands the decoded page at its own scale to the QR search, and reads the code where its finders are', async () => {
    const { image, truth } = await generator.generateInvoice(500_002);
    const prepared = await preprocessImage(image);
    expect({ width: prepared.grey.width, height: prepared.grey.height }).toEqual(prepared.original);
    const looks: string[] = [];
    expect(await decodeQrGrey(prepared.grey, { onLook: (look) => looks.push(look) })).toBe(generator.qrPayload(truth));
    expect(looks).toEqual(['finders']);
  });

  it('finds a small code in a corner of a large scan where its finders are', async () => {
    const scan = await scanWithSmallQr('INVOICE:SMALL-CORNER');
    const looks: string[] = [];
    expect(await decodeQr(scan, { onLook: (look) => looks.push(look) })).toBe('INVOICE:SMALL-CORNER');
    expect(looks).toEqual(['finders']);
  });

  it('reads the whole page when three squares look like finders but hold no code, and stops at the budget', async () => {
    const square = await sharp({ create: { width: 42, height: 42, channels: 3, background: '#000000' } })
      .composite([
        { input: { create: { width: 30, height: 30, channels: 3, background: '#ffffff' } }, left: 6, top: 6 },
        { input: { create: { width: 18, height: 18, channels: 3, background: '#000000' } }, left: 12, top: 12 },
      ])
      .png()
      .toBuffer();
    const decoy = await sharp({ create: { width: 850, height: 1100, channels: 3, background: '#ffffff' } })
      .composite([
        { input: square, left: 100, top: 100 },
        { input: square, left: 300, top: 100 },
        { input: square, left: 100, top: 300 },
      ])
      .png()
      .toBuffer();
    const looks: string[] = [];
    expect(await decodeQr(decoy, { budgetMs: 10_000, onLook: (look) => looks.push(look) })).toBeNull();
    expect(looks).toEqual(['finders', 'overview', 'top-right', 'bottom-right', 'top-left', 'bottom-left', 'threshold']);
    const cut: string[] = [];
    expect(await decodeQr(decoy, { budgetMs: 0, onLook: (look) => cut.push(look) })).toBeNull();
    expect(cut).toEqual(['finders']);
  });

  it('returns null for a page without a code and for bytes that are no image', async () => {
    const blank = await sharp({ create: { width: 850, height: 1100, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    const looks: string[] = [];
    expect(await decodeQr(blank, { budgetMs: 10_000, onLook: (look) => looks.push(look) })).toBeNull();
    // No finder patterns: no look at all.
    expect(looks).toEqual([]);
    expect(await decodeQr(Buffer.from('not an image'))).toBeNull();
  });

  withReceipt('takes no look at a receipt photo, which shows no finder patterns', async () => {
    const prepared = await preprocessImage(await readFile(SROIE_RECEIPT));
    const looks: string[] = [];
    expect(await decodeQrGrey(prepared.grey, { budgetMs: 10_000, onLook: (look) => looks.push(look) })).toBeNull();
    expect(looks).toEqual([]);
  });
});

describe('scale from the size of the print (real sharp, targetTextHeight 23)', () => {
  const limits = { targetTextHeight: 23 };
  it('reads a generated invoice at 2x, a 400 dpi scan of it shrunk to the target print, a small copy enlarged', async () => {
    const { image } = await generator.generateInvoice(500_004);
    const page = await preprocessImage(image, { limits });
    // 11-14 px print on an 850 px page: the short side's 2x, which the print does not contradict.
    expect(page.applied.textHeight).toBeGreaterThanOrEqual(10);
    expect(page.applied.textHeight).toBeLessThanOrEqual(15);
    expect(page.plan).toMatchObject({ scale: 2, reason: 'upscale' });
    // The same page at 400 dpi: shrunk so that its print comes out at 23 px rather than read at 13.7 MP.
    const scan = await preprocessImage(await sharp(image).resize(3400).png().toBuffer(), { limits });
    expect(scan.plan.reason).toBe('text-size');
    expect(scan.plan.scale).toBeLessThan(1);
    expect(Math.abs(scan.applied.textHeight! * scan.plan.scale - 23)).toBeLessThan(1.5);
    // At 60 dpi: enlarged to about the same print as the 100 dpi page's.
    const small = await preprocessImage(await sharp(image).resize(510).png().toBuffer(), { limits });
    expect(small.plan.scale).toBeGreaterThan(3);
    expect(small.applied.textHeight! * small.plan.scale).toBeGreaterThan(20);
  });

  it('scales by the short side by default (nothing measured) and when the page shows no text', async () => {
    const { image } = await generator.generateInvoice(500_004);
    expect(await preprocessImage(image)).toMatchObject({ applied: { textHeight: null }, plan: { scale: 2, reason: 'upscale' } });
    const blank = await sharp({ create: { width: 850, height: 1100, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    expect(await preprocessImage(blank, { limits })).toMatchObject({ applied: { textHeight: null }, plan: { reason: 'upscale' } });
  });

  withReceipt('reads a receipt photo with large print at about its size', async () => {
    const page = await preprocessImage(await readFile(SROIE_RECEIPT), { limits });
    // 949 x 1349 with about 30 px print: the short side would have asked for 1.8x.
    expect(page.applied.textHeight).toBeGreaterThan(24);
    expect(page.plan).toMatchObject({ reason: 'text-size' });
    expect(page.plan.scale).toBeLessThan(1);
  });
});

describe('stage times (real tesseract.js)', () => {
  let engine: OcrEngine;
  beforeAll(async () => {
    engine = await OcrEngine.create({ concurrency: 1 });
  });
  afterAll(async () => {
    await engine.terminate();
  });

  it('reports decode, preprocess, QR and recognition time per page, the QR code still found', async () => {
    const { image, truth } = await generator.generateInvoice(500_003);
    let stages: StageTimes = {};
    const page = await engine.recognize(image, { serialStages: true, onStages: (s) => (stages = s) });
    expect(page.qrPayload).toBe(generator.qrPayload(truth));
    expect(Object.keys(stages).sort()).toEqual(['decode', 'preprocess', 'qr', 'recognize']);
    for (const stage of Object.values(stages)) {
      expect(stage.wallMs).toBeGreaterThan(0);
      expect(stage.cpuMs).toBeGreaterThanOrEqual(0);
    }
    expect(page.timings!.preprocessMs).toBe(Math.round(stages.decode!.wallMs + stages.preprocess!.wallMs));
  });
});
