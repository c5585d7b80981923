/**
 * Runs the real OCR engine (pool of `concurrency` tesseract.js workers, no queue) and the real extraction over a
 * labelled folder and scores the result. Pages per second: wall time from the first page handed to the pool to
 * the last extraction, images already in memory and the engine already started (its start is reported apart).
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { ExtractedInvoice, OcrPageResult } from '@invoice/contracts';
import { extractInvoice } from '@invoice/extraction';
import { OcrEngine } from '@invoice/ocr';
import { loadDataset, type DatasetFormat } from './dataset.js';
import { scoreDocument, summarize, type DocumentResult, type Summary } from './score.js';

export interface EvaluationOptions {
  dataset: string;
  limit?: number;
  concurrency?: number;
  /** Called after each document (progress). */
  onDocument?: (done: number, total: number, result: DocumentResult) => void;
}

export interface EvaluationReport {
  dataset: string;
  format: DatasetFormat;
  engineStartSeconds: number;
  skipped: { file: string; reason: string }[];
  summary: Summary;
  documents: (DocumentResult & { extracted: ExtractedInvoice | null })[];
}

export async function runEvaluation(options: EvaluationOptions): Promise<EvaluationReport> {
  const concurrency = options.concurrency ?? 2;
  const dataset = await loadDataset(options.dataset, options.limit);
  const images = await Promise.all(dataset.documents.map((doc) => readFile(doc.imagePath)));

  const engineStart = performance.now();
  const engine = await OcrEngine.create({ concurrency });
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
          page = await engine.recognize(images[index]!);
          extracted = extractInvoice([page]);
        } catch (err) {
          error = err instanceof Error ? err.message : String(err);
        }
        const result = { ...scoreDocument(doc, page, extracted, error), extracted };
        results[index] = result;
        options.onDocument?.(++finished, dataset.documents.length, result);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
  } finally {
    await engine.terminate();
  }
  const wallSeconds = (performance.now() - start) / 1000;
  return {
    dataset: options.dataset,
    format: dataset.format,
    engineStartSeconds,
    skipped: dataset.skipped,
    summary: summarize(dataset.format, results, wallSeconds, concurrency),
    documents: results,
  };
}
