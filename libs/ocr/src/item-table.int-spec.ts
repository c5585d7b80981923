import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildRows, extractInvoice, readItemTable } from '@invoice/extraction';
import { OcrEngine } from './ocr.engine.js';

// A real e-invoice (ZUGFeRD/corpus, Apache-2.0) from the shared data sets, read from its text layer.
const DATASET = process.env.EINVOICE_DIR ?? path.resolve('../shared/datasets/einvoice-dev');
const ID = 'v2-symtrax__zugferd_2p1_EN16931_Einfach';
const PDF = path.join(DATASET, `${ID}.pdf`);
const present = existsSync(PDF);
if (!present) console.warn(`table reader int test skipped: ${PDF} is missing (set EINVOICE_DIR)`);

(present ? describe : describe.skip)('item table of a real text-layer PDF', () => {
  let engine: OcrEngine;
  beforeAll(async () => {
    engine = await OcrEngine.create({ concurrency: 1 });
  });
  afterAll(async () => {
    await engine?.terminate();
  });

  it('reads the printed lines as labelled, through readItemTable and extractInvoice', async () => {
    const label = JSON.parse(readFileSync(path.join(DATASET, `${ID}.json`), 'utf8')) as { labelsPrinted: { lineItems: unknown[] } };
    const document = await engine.recognizeDocument(readFileSync(PDF));
    expect(document.sources.every((s) => s === 'text-layer')).toBe(true);
    const words = document.pages.flatMap((p, index) => p.words.map((w) => ({ ...w, page: index })));
    const items = readItemTable(buildRows(words))?.items.map(({ description, quantity, unitPrice, amount }) => ({
      description,
      quantity,
      unitPrice,
      amount,
    }));
    expect(items).toEqual(label.labelsPrinted.lineItems);
    expect(extractInvoice(document.pages).lineItems).toEqual(label.labelsPrinted.lineItems);
  });
});
