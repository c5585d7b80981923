/**
 * npm run record:generated-ocr
 *
 * Records the product's OCR reading (`@invoice/ocr`, as the worker reads a page) of generated invoices, with their
 * printed truth, into `tools/train/generated-ocr.readings.json`. `train:extraction` scores them beside the text
 * layers, calibrates on them and raises the review thresholds of an invoice read by OCR on them (`invoiceOcr`), so
 * that a threshold also holds where the page was read by OCR (a logo tesseract cannot read leaves only wrong vendor
 * candidates: an address or an item line must stay under the vendor's threshold). Committed, so that the model check
 * reads the same words on every machine. Run it again only when the OCR itself changes (engine, preprocessing), then
 * `npm run train:extraction`.
 */
import { writeFile } from 'node:fs/promises';
import type { OcrPageResult } from '@invoice/contracts';
import { INVOICE_LAYOUTS, generateInvoice, printedTruth, type GenerateInvoiceOptions } from '@invoice/invoice-generator';
import { OcrEngine } from '@invoice/ocr';
import { headerTruth, type TrainingDoc } from './training.data.js';
import { GENERATED_OCR_FILE } from './training.readings.js';

const COUNT = 48;
/** Apart from the seeds of the text-layer training invoices (700000…), the tests' and the extraction fixture's. */
const FIRST_SEED = 720000;

/** The i-th invoice's options: every layout in both languages, PNG and JPEG, with and without tax and email, one in four scanned. */
function recordedOptions(i: number): GenerateInvoiceOptions {
  const layout = INVOICE_LAYOUTS[i % INVOICE_LAYOUTS.length];
  return {
    language: i % 2 ? 'fr' : 'en',
    layout,
    withTax: i % 4 !== 3,
    withEmail: i % 5 < 2,
    format: i % 4 < 2 ? 'png' : 'jpeg',
    degrade: i % 4 === 2 ? { dpi: 150, rotationDeg: i % 8 === 2 ? 1.5 : -1, blurSigma: 0.6, lighting: 0.3 } : undefined,
  };
}

/** Times vary from run to run: recorded as 0 so a re-recording differs only where the reading does. */
const stable = (page: OcrPageResult): OcrPageResult => ({ ...page, durationMs: 0, timings: undefined, rereads: undefined });

async function main(): Promise<void> {
  const engine = await OcrEngine.create({ concurrency: 1 });
  const docs: TrainingDoc[] = [];
  try {
    for (let i = 0; i < COUNT; i++) {
      const seed = FIRST_SEED + i;
      const options = recordedOptions(i);
      const { truth, image, variation } = await generateInvoice(seed, options);
      const page = await engine.recognize(image);
      docs.push({
        id: `gen-ocr-${seed}`,
        dataset: 'generated',
        group: `generated:${options.layout}`,
        pages: [stable(page)],
        truth: headerTruth({ ...printedTruth(truth, variation) }),
        reading: 'ocr',
      });
      process.stderr.write(`gen-ocr-${seed} (${options.layout}, ${options.language}): ${page.words.length} words\n`);
    }
  } finally {
    await engine.terminate();
  }
  await writeFile(GENERATED_OCR_FILE, `${JSON.stringify(docs)}\n`);
  process.stderr.write(`written ${GENERATED_OCR_FILE}\n`);
}

await main();
