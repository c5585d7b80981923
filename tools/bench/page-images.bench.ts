/**
 * npm run bench:page-images [-- --rounds N]
 *
 * What the page viewer's images cost the OCR worker: rendering each page of a two-page PDF (with a text
 * layer, and image-only as a scanner writes it) and encoding it as the worker stores it, against reading
 * the same document with `recognizeDocument` (the job's own work), measured in the same run, warm. Also
 * the stored size per page against the PNG the renderer gives.
 */
import { performance } from 'node:perf_hooks';
import { generateInvoiceData, renderInvoicePdf } from '@invoice/invoice-generator';
import { OcrEngine } from '@invoice/ocr';
import { encodePageImage } from '../../apps/ocr-worker/src/pages/page-images.store.js';
import { intOption, printTable, round } from './bench.support.js';

const rounds = intOption('rounds', 3);
const engine = await OcrEngine.create({ concurrency: 1 });
const rows: Record<string, string | number>[] = [];

for (const kind of ['text', 'image'] as const) {
  const truth = generateInvoiceData(7001, { language: 'en' });
  const pdf = await renderInvoicePdf(truth, { pdf: kind, seed: 7001, extraPages: [['Terms and conditions', 'Payment due within 30 days']] });
  await engine.recognizeDocument(pdf); // warm-up: pdf.js, fonts, tesseract
  let readMs = 0;
  let imagesMs = 0;
  let pngBytes = 0;
  let storedBytes = 0;
  let pages = 0;
  for (let round = 0; round < rounds; round++) {
    const readStart = performance.now();
    await engine.recognizeDocument(pdf);
    readMs += performance.now() - readStart;
    const imagesStart = performance.now();
    for await (const page of engine.pageImages(pdf)) {
      const stored = await encodePageImage(page);
      if (round === 0) {
        pngBytes += page.png.length;
        storedBytes += stored.content.length;
        pages += 1;
      }
    }
    imagesMs += performance.now() - imagesStart;
  }
  rows.push({
    pdf: kind === 'text' ? 'text layer' : 'image only',
    pages,
    'read ms': Math.round(readMs / rounds),
    'page images ms': Math.round(imagesMs / rounds),
    'images / read': round(imagesMs / readMs),
    'PNG KB/page': Math.round(pngBytes / pages / 1024),
    'stored KB/page': Math.round(storedBytes / pages / 1024),
  });
}
await engine.terminate();
printTable(rows);
