/**
 * A page that tesseract reads as nothing is read again cropped to its ink. The real case: SROIE receipt
 * X51005433494 (ICDAR 2019, CC BY 4.0), a small dot-matrix till receipt on an A4 scan with specks around it,
 * which tesseract's layout analysis returns as an empty page. Read from ../shared/datasets/sroie-dev (never
 * copied into the repository); skipped, with a message, when that folder is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EMPTY_PAGE_WORDS, OcrEngine } from './ocr.engine.js';

const SROIE = resolve(process.cwd(), process.env.EVAL_SROIE_DIR ?? '../shared/datasets/sroie-dev');
const RECEIPT = resolve(SROIE, 'X51005433494.jpg');
const withData = existsSync(RECEIPT) ? describe : describe.skip;
if (!existsSync(RECEIPT)) console.warn(`empty-page retry test skipped: ${RECEIPT} is missing (see the datasets README)`);

withData('a page read as nothing', () => {
  let engine: OcrEngine;

  beforeAll(async () => {
    engine = await OcrEngine.create({ concurrency: 1 });
  }, 120_000);

  afterAll(async () => {
    await engine?.terminate();
  });

  it('is read again cropped to its ink, and its text is found', async () => {
    const image = await readFile(RECEIPT);
    const once = await engine.recognize(image, { retryEmptyPage: false, qr: false });
    expect(once.words.length).toBeLessThan(EMPTY_PAGE_WORDS);

    const page = await engine.recognize(image, { qr: false });
    expect(page.words.length).toBeGreaterThan(50);
    expect(page.text).toContain('AEON CO. (M) BHD');
    expect(page.text).toContain('55100 KUALA LUMPUR');
    // Word boxes are in the whole page's coordinates (the crop's offset added back): the receipt sits in the middle of the A4 sheet.
    const first = page.words.find((w) => w.text === 'AEON');
    expect(first?.bbox.x0).toBeGreaterThan(page.width * 0.2);
    expect(first?.bbox.y0).toBeGreaterThan(page.height * 0.1);
  }, 120_000);
});
