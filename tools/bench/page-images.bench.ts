/**
 * npm run bench:page-images [-- --rounds N]
 *
 * What the page viewer's images cost the OCR worker: rendering each page of a two-page PDF (with a text
 * layer, and image-only as a scanner writes it) and encoding it as the worker stores it, against reading
 * the same document with `recognizeDocument` (the job's own work), measured in the same run, warm. Also
 * the stored size per page against the PNG the renderer gives, and the encoders that were weighed for it
 * (WebP at libwebp's default effort 4 and at effort 1, JPEG) on the first scanned page.
 */
import { performance } from 'node:perf_hooks';
import sharp, { type Sharp } from 'sharp';
import { generateInvoiceData, renderInvoicePdf } from '@invoice/invoice-generator';
import { OcrEngine } from '@invoice/ocr';
import { encodePageImage } from '../../apps/ocr-worker/src/pages/page-images.store.js';
import { firstOf, intOption, printTable, round } from './bench.support.js';

const rounds = intOption('rounds', 3);
const engine = await OcrEngine.create({ concurrency: 1 });
const rows: Record<string, string | number>[] = [];

for (const kind of ['text', 'image'] as const) {
  const truth = generateInvoiceData(7001, { language: 'en' });
  const pdf = await renderInvoicePdf(truth, {
    pdf: kind,
    seed: 7001,
    extraPages: [['Terms and conditions', 'Payment due within 30 days']],
  });
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
printTable(rows);

// The encoders weighed for the stored image, on page 1 of the scanned PDF.
const scanned = await renderInvoicePdf(generateInvoiceData(7001, { language: 'en' }), { pdf: 'image', seed: 7001 });
const first = (await engine.pageImages(scanned).next()).value!;
await engine.terminate();
const encoders: [string, (image: Sharp) => Sharp][] = [
  ['WebP q80 effort 4 (default)', (image) => image.webp({ quality: 80 })],
  ['WebP q80 effort 1 (stored)', (image) => image.webp({ quality: 80, effort: 1 })],
  ['JPEG q80', (image) => image.jpeg({ quality: 80 })],
];
const encoded: Record<string, string | number>[] = [];
for (const [name, encode] of encoders) {
  await encode(sharp(first.png)).toBuffer(); // warm-up
  const started = performance.now();
  let bytes = 0;
  for (let round = 0; round < rounds; round++) bytes = (await encode(sharp(first.png)).toBuffer()).length;
  encoded.push({ encoder: name, ms: Math.round((performance.now() - started) / rounds), KB: Math.round(bytes / 1024) });
}
const reference = Number(firstOf(encoded, 'encoding').ms);
printTable(encoded.map((row) => ({ ...row, 'time / default': round(Number(row.ms) / reference) })));
