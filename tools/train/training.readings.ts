/**
 * Training documents from saved eval reports (`npm run eval -- --json`): each document's OCR page readings with
 * its label, so the scorer learns and is measured on tesseract's readings as well as on text layers. Groups match
 * those of the text-layer documents (`training.data.ts`), so a document's text layer and its scan share a fold.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { OcrPageResult } from '@invoice/contracts';
import type { HeaderTruth } from '@invoice/extraction';
import { headerTruth, sroieGroup, sroieTruth, type TrainingDoc } from './training.data.js';

interface ReportDocument {
  id: string;
  group?: string;
  error?: string | null;
  source: { format: string; truth: Record<string, unknown> };
  page?: OcrPageResult | null;
  pages?: OcrPageResult[] | null;
}

/** The fields of a page reading the scorer uses (reports also carry timings and rereads). */
function slimPage(p: OcrPageResult): OcrPageResult {
  return {
    text: p.text,
    words: p.words,
    meanConfidence: p.meanConfidence,
    width: p.width,
    height: p.height,
    durationMs: 0,
    engineVersion: p.engineVersion,
    qrPayload: p.qrPayload ?? null,
  };
}

/** The fields with a value. */
const printedOnly = (truth: HeaderTruth): Partial<HeaderTruth> =>
  Object.fromEntries(Object.entries(truth).filter(([, value]) => value !== null)) as Partial<HeaderTruth>;

/** One report document as a training document with `reading: 'ocr'`, or null when it has no page reading. */
export function readingDoc(doc: ReportDocument): TrainingDoc | null {
  const pages = (doc.pages?.length ? doc.pages : doc.page ? [doc.page] : [])
    .filter((p) => p.words.length > 0)
    .slice(0, 4)
    .map(slimPage);
  if (doc.error || !pages.length) return null;
  const { format, truth } = doc.source;
  const base = { id: `${doc.id}#ocr`, reading: 'ocr' as const, pages };
  if (format === 'sroie')
    return {
      ...base,
      dataset: 'sroie',
      group: sroieGroup(truth as Record<string, string>, doc.id),
      truth: sroieTruth(truth as Record<string, string>),
    };
  // An e-invoice report's truth is the label's `labelsPrinted`: null there is unknown (not printed, or not in the
  // XML), not "not printed", as its text layer is scored (knownTruth).
  if (format === 'einvoice')
    return { ...base, dataset: 'einvoice-dev', group: `einvoice:${doc.group ?? 'unknown'}`, truth: printedOnly(headerTruth(truth)) };
  if (format === 'invoices')
    return { ...base, dataset: 'invoices-dev', group: `issuer:${(doc.group ?? 'unknown').toUpperCase()}`, truth: headerTruth(truth) };
  return null;
}

/** The generated invoices' OCR readings, recorded by `npm run record:generated-ocr` and committed. */
export const GENERATED_OCR_FILE = path.resolve(import.meta.dirname, 'generated-ocr.readings.json');

export async function loadGeneratedOcr(): Promise<TrainingDoc[]> {
  return JSON.parse(await readFile(GENERATED_OCR_FILE, 'utf8')) as TrainingDoc[];
}

/** The OCR readings (mode scan, or SROIE) of the saved reports in `dir`, those that exist. */
export async function loadReadingDocs(dir: string, files: readonly string[]): Promise<TrainingDoc[]> {
  const out: TrainingDoc[] = [];
  for (const file of files) {
    const text = await readFile(path.join(dir, file), 'utf8').catch(() => null);
    if (text === null) {
      process.stderr.write(`readings: ${file} not found in ${dir}, skipped\n`);
      continue;
    }
    const report = JSON.parse(text) as { documents: ReportDocument[] };
    for (const doc of report.documents) {
      const training = readingDoc(doc);
      if (training) out.push(training);
    }
  }
  return out;
}
