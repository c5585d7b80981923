/**
 * npm run record:extraction-fixture
 *
 * Records the product's OCR reading (`@invoice/ocr`, as the worker reads a page, item columns reread when
 * doubtful) of a few generated invoices into `libs/extraction/src/__fixtures__/generated-ocr.json`, the input of
 * the extraction's snapshot test (`extraction.snapshot.spec.ts`). Run it again only when the OCR itself changes
 * (engine, preprocessing), then `npm run test:unit -- extraction.snapshot -u` and read the snapshot's diff.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { OcrPageResult } from '@invoice/contracts';
import { itemRereadRegions } from '@invoice/extraction';
import { generateInvoice, type GenerateInvoiceOptions } from '@invoice/invoice-generator';
import { OcrEngine } from '@invoice/ocr';
import { EXTRACTION_FIXTURE_CASES, type RecordedReading } from '../../libs/extraction/src/__fixtures__/generated-ocr.fixture.js';

const OUT = resolve(import.meta.dirname, '../../libs/extraction/src/__fixtures__/generated-ocr.json');

/** Times vary from run to run: recorded as 0 so a re-recording differs only where the reading does. */
const stable = (page: OcrPageResult): OcrPageResult => ({ ...page, durationMs: 0, timings: undefined });

const engine = await OcrEngine.create({ concurrency: 1 });
const readings: RecordedReading[] = [];
try {
  for (const c of EXTRACTION_FIXTURE_CASES) {
    const { image } = await generateInvoice(c.seed, c.options as GenerateInvoiceOptions);
    const page = await engine.recognize(image, { reread: (p) => itemRereadRegions(p, { always: c.rereadAlways ?? false }) });
    readings.push({ name: c.name, seed: c.seed, options: c.options, pages: [stable(page)] });
    process.stderr.write(`${c.name}: ${page.words.length} words\n`);
  }
} finally {
  await engine.terminate();
}
await writeFile(OUT, `${JSON.stringify(readings)}\n`);
process.stderr.write(`written ${OUT}\n`);
