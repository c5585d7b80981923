/**
 * npm run bench:ocr [-- --generated N] [--receipts N] [--lanes 2] [--second ppocr|off] [--text-height PX] [--preprocess rules,-contrast]
 *
 * Where the OCR time goes, and how the product's engine compares with native `tesseract` in the same run. Two
 * sets: N generated invoices (the evaluation set's seeds, from 500000) and the first N development receipts
 * (../shared/datasets/sroie-dev, or EVAL_SROIE_DIR; skipped with a message when missing).
 * 1. Product, throughput: the engine (tesseract.js, `lanes` workers, item columns reread as the worker does) reads
 *    every page, `lanes` at a time: pages/s and CPU s/page of the whole process (extraction and scoring after).
 * 2. Product, stages: the same pages one at a time, the QR search before recognition, so that the process's CPU
 *    time of each stage is that stage's: decode, preprocess, qr, recognize, second (PP-OCR on the pages tesseract
 *    reads poorly, as the worker does by default; `--second off`: tesseract alone), reread.
 * 3. Native: `tesseract <page> stdout -l eng+fra --psm 4 tsv`, `lanes` processes at a time (OMP_THREAD_LIMIT=1),
 *    on each page scaled beforehand to the size the product reads it at (grey PNG, the product's plan for the
 *    page, so the same scale by the short side or by the print): pages/s, CPU s/page and peak
 *    memory from /usr/bin/time. Said so, and skipped, when `tesseract` is not installed.
 * Accuracy of each side (and the QR codes the product read): the extraction's fields (generated invoices: every field of the ground truth; receipts:
 * company, date, address, total) and, on the receipts, the order-free character error rate, case-free and not.
 * Memory per lane of the product: the process's peak resident memory over its resident memory before the
 * engine started, divided by the lanes. The ratio is what counts on a shared machine: both sides run in the
 * same minutes, under the same load (printed).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import type { OcrPageResult } from '@invoice/contracts';
import { extractInvoice, itemRereadRegions } from '@invoice/extraction';
import { OcrEngine, parseStepList, preprocessImage, type StageTimes } from '@invoice/ocr';
import sharp from 'sharp';
import { loadDataset, type DatasetDocument } from '../eval/dataset.js';
import { writeGeneratedSet } from '../eval/evaluate.js';
import { scoreDocument, type DocumentResult } from '../eval/score.js';
import { parseTesseractTsv } from '../eval/tesseract-cli.js';
import { printTable, round } from './bench.support.js';

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    generated: { type: 'string', default: '12' },
    receipts: { type: 'string', default: '12' },
    lanes: { type: 'string', default: '2' },
    second: { type: 'string', default: 'ppocr' },
    'text-height': { type: 'string', default: '0' },
    preprocess: { type: 'string', default: '' },
  },
});
const count = (name: string, raw: string, min = 0) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min} (got ${raw})`);
  return n;
};
const lanes = count('lanes', values.lanes, 1);
if (values.second !== 'off' && values.second !== 'ppocr') throw new Error(`--second must be off or ppocr (got ${values.second})`);
/** The engine's targetTextHeight: 0 scales pages by their short side (the default), else by the size of their print. */
const textHeight = count('text-height', values['text-height']);
const limits = { targetTextHeight: textHeight };
const STAGES = ['decode', 'preprocess', 'qr', 'recognize', 'second', 'reread'] as const;

interface Page {
  set: 'generated' | 'receipts';
  doc: DatasetDocument;
  image: Buffer;
}

async function loadPages(): Promise<{ pages: Page[]; cleanup: () => Promise<void> }> {
  const pages: Page[] = [];
  const generated = count('generated', values.generated);
  const dir = generated > 0 ? await writeGeneratedSet(generated, 500_000) : null;
  if (dir)
    for (const doc of (await loadDataset(dir)).documents) pages.push({ set: 'generated', doc, image: await readFile(doc.imagePath) });
  const receipts = count('receipts', values.receipts);
  const sroie = resolve(process.env.EVAL_SROIE_DIR ?? '../shared/datasets/sroie-dev');
  if (receipts > 0 && !existsSync(sroie)) console.log(`Receipts skipped: ${sroie} is missing (see the datasets README).`);
  else if (receipts > 0)
    for (const doc of (await loadDataset(sroie, receipts)).documents)
      pages.push({ set: 'receipts', doc, image: await readFile(doc.imagePath) });
  return { pages, cleanup: async () => void (dir && (await rm(dir, { recursive: true, force: true }))) };
}

/** Runs `work` over the pages, `lanes` at a time, in page order. */
async function inLanes<T>(pages: readonly Page[], work: (page: Page, index: number) => Promise<T>, width = lanes): Promise<T[]> {
  const out: T[] = new Array(pages.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < pages.length) {
        const index = next++;
        out[index] = await work(pages[index]!, index);
      }
    }),
  );
  return out;
}

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function score(page: Page, ocr: OcrPageResult | null, error: string | null): DocumentResult {
  let extracted = null;
  try {
    extracted = ocr ? extractInvoice([ocr]) : null;
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  return scoreDocument(page.doc, ocr, extracted, error);
}

async function product(pages: readonly Page[]) {
  const rssBefore = process.memoryUsage().rss;
  const engine = await OcrEngine.create({
    concurrency: lanes,
    preprocess: limits,
    // Steps switched from the product's defaults (`-rules`: without the ruling-line step), as OCR_PREPROCESS does.
    preprocessSteps: parseStepList(values.preprocess),
    secondRecognizer: values.second === 'ppocr' ? { engine: 'ppocr' } : undefined,
  });
  const reread = (page: OcrPageResult) => itemRereadRegions(page);
  try {
    await inLanes(pages.slice(0, lanes), (p) => engine.recognize(p.image, { reread })); // warm-up, one page per lane
    const cpu0 = cpuSeconds();
    const t0 = performance.now();
    const read = await inLanes(pages, (p) =>
      engine.recognize(p.image, { reread }).then(
        (page) => ({ page, error: null }),
        (err: unknown) => ({ page: null, error: err instanceof Error ? err.message : String(err) }),
      ),
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu = cpuSeconds() - cpu0;
    // Scored after the clock stops (extraction and the CER are not OCR time), as on the native side.
    const results = read.map((r, i) => score(pages[i]!, r.page, r.error));
    process.stderr.write(`product: ${pages.length} pages in ${round(seconds, 1)} s; stage pass...\n`);
    const peakRss = process.resourceUsage().maxRSS * 1024;
    const stages: StageTimes[] = [];
    for (const p of pages)
      await engine.recognize(p.image, { reread, serialStages: true, onStages: (s) => stages.push(s) }).catch(() => undefined);
    const qrRead = read.map((r) => r.page !== null && r.page.qrPayload !== null);
    return { results, seconds, cpu, stages, qrRead, memoryPerLaneMb: (peakRss - rssBefore) / lanes / 2 ** 20 };
  } finally {
    await engine.terminate();
  }
}

/** The page as a careful user hands it to tesseract: grey PNG at the size the product reads it, made beforehand (not timed). */
async function scaledForNative(image: Buffer, dir: string, index: number): Promise<{ file: string; scale: number }> {
  const prepared = await preprocessImage(image, { limits, steps: { contrast: false, adapt: false } });
  const plan = prepared.plan;
  const file = join(dir, `page-${index}.png`);
  await writeFile(
    file,
    await sharp(image)
      .rotate()
      .greyscale()
      .resize(plan.targetWidth, plan.targetHeight, { fit: 'fill' })
      .png({ compressionLevel: 1 })
      .toBuffer(),
  );
  return { file, scale: plan.scaleX };
}

async function native(pages: readonly Page[]) {
  const dir = await mkdtemp(join(tmpdir(), 'bench-ocr-native-'));
  try {
    const inputs = await inLanes(pages, (p, i) => scaledForNative(p.image, dir, i));
    const t0 = performance.now();
    let cpu = 0;
    let peakKb = 0;
    const results = await inLanes(pages, async (p, i) => {
      const { file, scale } = inputs[i]!;
      const timeFile = `${file}.time`;
      const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
      const { stdout } = await run(
        '/usr/bin/time',
        ['-f', '%U %S %M', '-o', timeFile, 'tesseract', file, 'stdout', '-l', 'eng+fra', '--psm', '4', 'tsv'],
        { env, maxBuffer: 64 * 2 ** 20 },
      );
      const [user, sys, kb] = (await readFile(timeFile, 'utf8')).trim().split(/\s+/).slice(-3).map(Number) as [number, number, number];
      cpu += user + sys;
      peakKb = Math.max(peakKb, kb);
      const { words, text } = parseTesseractTsv(stdout);
      const back = words.map((w) => ({
        ...w,
        bbox: { x0: w.bbox.x0 / scale, y0: w.bbox.y0 / scale, x1: w.bbox.x1 / scale, y1: w.bbox.y1 / scale },
      }));
      const meanConfidence = back.length ? back.reduce((a, w) => a + w.confidence, 0) / back.length : 0;
      const ocr: OcrPageResult = {
        text,
        words: back,
        meanConfidence,
        width: 0,
        height: 0,
        durationMs: 0,
        engineVersion: 'tesseract-cli',
        qrPayload: null,
      };
      return ocr;
    });
    const seconds = (performance.now() - t0) / 1000;
    const scored = results.map((ocr, i) => score(pages[i]!, ocr, null));
    process.stderr.write(`native: ${pages.length} pages in ${round(seconds, 1)} s\n`);
    return { results: scored, seconds, cpu, memoryPerLaneMb: peakKb / 1024 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function accuracy(results: readonly DocumentResult[]): string {
  const fields = results.flatMap((r) => r.fields.filter((f) => f.outcome !== 'label_unusable'));
  const right = fields.filter((f) => f.outcome === 'correct').length;
  const cer = (pick: (r: DocumentResult) => { chars: number; errorsWindow: number } | null | undefined) => {
    const parts = results.map(pick).filter((c): c is { chars: number; errorsWindow: number } => !!c);
    const chars = parts.reduce((a, c) => a + c.chars, 0);
    return chars ? `${round((parts.reduce((a, c) => a + c.errorsWindow, 0) / chars) * 100, 1)}%` : '-';
  };
  return `fields ${right}/${fields.length} (${round((right / Math.max(1, fields.length)) * 100, 1)}%), CER ${cer((r) => r.cer)}, case-free ${cer((r) => r.cerCaseFree)}`;
}

const hasNative = await run('tesseract', ['--version']).then(
  () => true,
  () => false,
);
const { pages, cleanup } = await loadPages();
const load0 = loadavg()[0]!;
console.log(`scale: ${textHeight ? `by the print, ${textHeight} px` : 'by the short side'}`);
console.log(
  `${pages.length} pages (${pages.filter((p) => p.set === 'generated').length} generated, ${pages.filter((p) => p.set === 'receipts').length} receipts), ${lanes} lanes, load average ${round(load0, 1)} at the start`,
);
try {
  const ours = await product(pages);
  const theirs = hasNative ? await native(pages) : null;
  if (!theirs) console.log('Native tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-fra): product side only.');
  console.log(
    `\nLoad average at the end: ${round(loadavg()[0]!, 1)} (a loaded machine stretches both sides' wall times; the ratio is measured in the same run)\n`,
  );
  for (const set of ['all', 'generated', 'receipts'] as const) {
    const keep = (i: number) => set === 'all' || pages[i]!.set === set;
    const n = pages.filter((_, i) => keep(i)).length;
    if (n === 0) continue;
    console.log(`${set}: ${n} pages`);
    console.log(`  product: ${accuracy(ours.results.filter((_, i) => keep(i)))}`);
    if (theirs) console.log(`  native:  ${accuracy(theirs.results.filter((_, i) => keep(i)))}`);
  }
  const qrOf = (set: Page['set']) =>
    `${pages.filter((p, i) => p.set === set && ours.qrRead[i]).length} of ${pages.filter((p) => p.set === set).length}`;
  console.log(`QR codes read by the product: generated ${qrOf('generated')} (each carries one), receipts ${qrOf('receipts')}\n`);
  const row = (side: string, seconds: number, cpu: number, memory: number) => ({
    side,
    pages: pages.length,
    seconds: round(seconds, 1),
    'pages/s': round(pages.length / seconds, 3),
    'CPU s/page': round(cpu / pages.length, 2),
    'MB per lane': round(memory, 0),
  });
  const rows = [row('product (tesseract.js)', ours.seconds, ours.cpu, ours.memoryPerLaneMb)];
  if (theirs) rows.push(row('native tesseract', theirs.seconds, theirs.cpu, theirs.memoryPerLaneMb));
  printTable(rows);
  if (theirs)
    console.log(
      `\nratio product / native: ${round(theirs.seconds / ours.seconds, 3)} in pages/s, ${round(theirs.cpu / ours.cpu, 3)} in CPU per page`,
    );
  console.log('\nProduct, CPU seconds per page by stage (pages read one at a time):');
  const perStage = Object.fromEntries(
    STAGES.map((s) => [s, ours.stages.reduce((a, t) => a + (t[s]?.cpuMs ?? 0), 0) / 1000 / Math.max(1, ours.stages.length)]),
  );
  const total = Object.values(perStage).reduce((a, b) => a + b, 0);
  printTable(
    STAGES.map((s) => ({
      stage: s,
      'CPU s/page': round(perStage[s]!, 3),
      share: `${round((perStage[s]! / Math.max(1e-9, total)) * 100, 1)}%`,
    })),
  );
  const ocrCpu = perStage.recognize! + perStage.second! + perStage.reread!;
  console.log(
    `decode + preprocess + QR = ${round(((perStage.decode! + perStage.preprocess! + perStage.qr!) / Math.max(1e-9, ocrCpu)) * 100, 1)}% of the OCR time (recognize + second + reread; goal at most 10%)`,
  );
} finally {
  await cleanup();
}
