/**
 * Runs the real OCR engine (pool of `concurrency` tesseract.js workers, no queue) and the real extraction over a
 * labelled folder and scores the result. Pages per second: wall time from the first page handed to the pool to
 * the last extraction, images already in memory and the engine already started (its start is reported apart).
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ExtractedInvoice, OcrPageResult } from '@invoice/contracts';
import { extractInvoice, itemRereadRegions } from '@invoice/extraction';
import { DEFAULT_REVIEW_THRESHOLD } from '@invoice/config';
import { createRng, generateInvoice, mixedLayout } from '@invoice/invoice-generator';
import { OcrEngine, type RecognizeOptions } from '@invoice/ocr';
import { recognizeWithCli } from './tesseract-cli.js';
import { recognizeFromTranscript } from './transcript-engine.js';
import { loadDataset, type DatasetDocument, type DatasetFormat } from './dataset.js';
import { scoreDocument, summarize, type DocumentResult, type Summary } from './score.js';

/** `transcript`: SROIE only, the data set's own line transcripts as the OCR (a diagnostic, "oracle OCR"). */
export type EngineName = 'tesseract.js' | 'tesseract-cli' | 'transcript';

export interface EvaluationOptions {
  dataset: string;
  limit?: number;
  concurrency?: number;
  /** The product's engine (default), or plain tesseract CLI text for the comparison. */
  engine?: EngineName;
  /** REVIEW_THRESHOLD for the review decision; defaults to the worker's default. */
  threshold?: number;
  /** Per-page options of the product's engine (experiments: preprocessing steps, scale, page segmentation). */
  ocrOptions?: RecognizeOptions;
  /** Item columns reread as the worker does (default true), never (false), or on every invoice ('always'). */
  reread?: boolean | 'always';
  /** Called after each document (progress). */
  onDocument?: (done: number, total: number, result: DocumentResult) => void;
}

export interface EvaluationReport {
  dataset: string;
  engine: EngineName;
  format: DatasetFormat;
  engineStartSeconds: number;
  skipped: { file: string; reason: string }[];
  summary: Summary;
  documents: (DocumentResult & { extracted: ExtractedInvoice | null; source: DatasetDocument; page: OcrPageResult | null })[];
}

export async function runEvaluation(options: EvaluationOptions): Promise<EvaluationReport> {
  const concurrency = options.concurrency ?? 2;
  const engineName = options.engine ?? 'tesseract.js';
  const threshold = options.threshold ?? DEFAULT_REVIEW_THRESHOLD;
  const dataset = await loadDataset(options.dataset, options.limit);
  const images = await Promise.all(dataset.documents.map((doc) => readFile(doc.imagePath)));

  const engineStart = performance.now();
  const engine = engineName === 'tesseract.js' ? await OcrEngine.create({ concurrency }) : null;
  if (engineName === 'transcript' && dataset.format !== 'sroie') throw new Error('--engine transcript needs a SROIE folder (the .box.txt transcripts)');
  // As the worker reads a page: item columns reread when the first reading of the line items is doubtful.
  const reread = options.reread === false ? undefined : (page: OcrPageResult) => itemRereadRegions(page, { always: options.reread === 'always' });
  const recognize = (image: Buffer, doc: DatasetDocument) =>
    engine ? engine.recognize(image, { ...options.ocrOptions, reread }) : engineName === 'transcript' ? recognizeFromTranscript(doc.imagePath) : recognizeWithCli(image);
  const engineStartSeconds = (performance.now() - engineStart) / 1000;

  const results: EvaluationReport['documents'] = new Array(dataset.documents.length);
  let next = 0;
  let finished = 0;
  const start = performance.now();
  try {
    // As many lanes as tesseract workers: each takes the next page, OCRs it, extracts, scores.
    const lane = async () => {
      while (next < dataset.documents.length) {
        const index = next++;
        const doc = dataset.documents[index]!;
        let page: OcrPageResult | null = null;
        let extracted: ExtractedInvoice | null = null;
        let error: string | null = null;
        try {
          page = await recognize(images[index]!, doc);
          extracted = extractInvoice([page]);
        } catch (err) {
          error = err instanceof Error ? err.message : String(err);
        }
        const result = { ...scoreDocument(doc, page, extracted, error, threshold), extracted, source: doc, page };
        results[index] = result;
        options.onDocument?.(++finished, dataset.documents.length, result);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
  } finally {
    await engine?.terminate();
  }
  const wallSeconds = (performance.now() - start) / 1000;
  return {
    dataset: options.dataset,
    engine: engineName,
    format: dataset.format,
    engineStartSeconds,
    skipped: dataset.skipped,
    summary: summarize(dataset.format, results, wallSeconds, concurrency, threshold),
    documents: results,
  };
}

/**
 * The fixed generated evaluation set: `count` invoices from seed `seed` on, written to a temp folder as the
 * generator's CLI writes them (image + ground truth). Deterministic: layouts in turn (classic, modern,
 * compact), language, email, tax line and format from the seed. Returns the folder.
 */
export async function writeGeneratedSet(count: number, seed: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `eval-set-${seed}-`));
  for (let s = seed; s < seed + count; s++) {
    const choice = createRng((s ^ 0x3c6ef372) >>> 0);
    const language = choice.bool() ? 'fr' : 'en';
    const withEmail = choice.bool();
    const format = choice.bool(0.3) ? 'jpeg' : 'png';
    const { truth, image } = await generateInvoice(s, { language, withEmail, format, layout: mixedLayout(s) });
    const name = `invoice_${String(s).padStart(6, '0')}`;
    await writeFile(join(dir, `${name}.${format === 'jpeg' ? 'jpg' : 'png'}`), image);
    await writeFile(join(dir, `${name}.json`), `${JSON.stringify(truth, null, 2)}\n`);
  }
  return dir;
}

/**
 * Scores a saved report again with the current extraction, from the OCR pages it holds (no OCR run): for
 * tuning the extraction and the threshold on the same reading. Throughput is the saved run's.
 */
export function rescoreReport(report: EvaluationReport, threshold = DEFAULT_REVIEW_THRESHOLD): EvaluationReport {
  const documents = report.documents.map((d) => {
    let extracted: ExtractedInvoice | null = null;
    let error = d.error;
    if (d.page) {
      try {
        extracted = extractInvoice([d.page]);
        error = null;
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
    }
    return { ...scoreDocument(d.source, d.page, extracted, error, threshold), extracted, source: d.source, page: d.page };
  });
  const { wallSeconds, concurrency } = report.summary;
  return { ...report, summary: summarize(report.format, documents, wallSeconds, concurrency, threshold), documents };
}
