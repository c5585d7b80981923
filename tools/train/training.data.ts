/**
 * Training documents for the field scorer: OCR-like page readings with their labels, from the development
 * data sets (read from `../shared/datasets`, never copied into the repository) and from generated invoices.
 * Readings are cached outside the repository (`SCORER_CACHE`, default `../cache/scorer`).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OcrPageResult } from '@invoice/contracts';
import { INVOICE_LAYOUTS, deriveVariation, generateInvoiceData, printedTruth, renderInvoicePdf } from '@invoice/invoice-generator';
import { PdfDocument } from '../../libs/ocr/src/pdf.document.js';
import { parseBoxLines, pageFromBoxLines } from '../eval/transcript-engine.js';
import type { HeaderTruth } from '@invoice/extraction';

export interface TrainingDoc {
  id: string;
  dataset: string;
  /** Producer / issuer: folds never split one group. */
  group: string;
  pages: OcrPageResult[];
  /** A field left out is unknown: neither trained on nor scored (an e-invoice whose XML lacks it may still print one). */
  truth: Partial<HeaderTruth>;
  /** How the pages were read: a PDF text layer or a line transcript ('text', the default), or OCR ('ocr'). */
  reading?: 'text' | 'ocr';
}

const DATASETS = process.env['DATASETS_DIR'] ?? path.resolve('../shared/datasets');
const CACHE = process.env['SCORER_CACHE'] ?? path.resolve('../cache/scorer');

async function pdfPages(file: string): Promise<OcrPageResult[]> {
  const pdf = await PdfDocument.open(await readFile(file), { maxPages: 10, maxRenderPixels: 40e6, maxImagePixels: 40e6, renderDpi: 200 });
  const pages: OcrPageResult[] = [];
  try {
    for (let i = 0; i < Math.min(pdf.pageCount, 4); i++) {
      const page = await pdf.textPage(i);
      if (!page) continue;
      pages.push({
        text: page.text,
        words: page.words,
        meanConfidence: 100,
        width: page.width,
        height: page.height,
        durationMs: 0,
        engineVersion: 'pdf-text',
        qrPayload: null,
      });
    }
  } finally {
    await pdf.close();
  }
  return pages;
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

export function headerTruth(label: Record<string, unknown>): HeaderTruth {
  return {
    invoiceNumber: str(label['invoiceNumber']),
    issueDate: str(label['issueDate']),
    dueDate: str(label['dueDate']),
    currency: str(label['currency']),
    vendorName: str(label['vendorName']),
    customerName: str(label['customerName']),
    subtotal: num(label['subtotal']),
    taxAmount: num(label['taxAmount']),
    total: num(label['total']),
  };
}

/**
 * An e-invoice's fields whose value the page prints (`printed` true), as the data set's README scores them: a field
 * the XML lacks may be printed all the same ("Zahlbar … bis 04.04.2013" with no due date in the XML), and one whose
 * XML value is not printed may show another ("Bei Spiel GmbH" over an XML seller "usegroup …", a test file's
 * altered date), so neither is "not printed": their truth is unknown.
 */
export function knownTruth(truth: HeaderTruth, printed: Record<string, unknown>): Partial<HeaderTruth> {
  return Object.fromEntries(Object.entries(truth).filter(([field]) => printed[field] === true));
}

async function manifest(dir: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(path.join(dir, 'manifest.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** einvoice-dev text layers, one document per visual group (identical page text is one document), grouped by producer. */
async function einvoiceDocs(): Promise<TrainingDoc[]> {
  const dir = path.join(DATASETS, 'einvoice-dev');
  const seen = new Set<string>();
  const out: TrainingDoc[] = [];
  for (const entry of await manifest(dir)) {
    const visual = String(entry['visualGroup']);
    if (seen.has(visual)) continue;
    seen.add(visual);
    const id = String(entry['id']);
    const label = JSON.parse(await readFile(path.join(dir, `${id}.json`), 'utf8')) as {
      labelsPrinted: Record<string, unknown>;
      printed: Record<string, unknown>;
    };
    const pages = await pdfPages(path.join(dir, `${id}.pdf`));
    if (pages.length)
      out.push({
        id,
        dataset: 'einvoice-dev',
        group: `einvoice:${String(entry['producer'])}`,
        pages,
        truth: knownTruth(headerTruth(label.labelsPrinted), label.printed),
      });
  }
  return out;
}

/** invoices-dev documents with a text layer, grouped by issuer. */
async function invoicesDevDocs(): Promise<TrainingDoc[]> {
  const dir = path.join(DATASETS, 'invoices-dev');
  const out: TrainingDoc[] = [];
  for (const entry of await manifest(dir)) {
    if (!entry['has_text_layer'] || !String(entry['file']).endsWith('.pdf')) continue;
    const id = String(entry['id']);
    const label = JSON.parse(await readFile(path.join(dir, `${id}.json`), 'utf8')) as Record<string, unknown>;
    const pages = await pdfPages(path.join(dir, String(entry['file'])));
    if (pages.length)
      out.push({ id, dataset: 'invoices-dev', group: `issuer:${String(entry['issuer']).toUpperCase()}`, pages, truth: headerTruth(label) });
  }
  return out;
}

/** The header truth of a SROIE label (company, date and total). */
export function sroieTruth(label: Record<string, string>): HeaderTruth {
  const total = Number(String(label['total'] ?? '').replace(/[^0-9.-]/g, ''));
  return {
    invoiceNumber: null,
    issueDate: label['date'] ?? null,
    dueDate: null,
    currency: null,
    vendorName: label['company'] ?? null,
    customerName: null,
    subtotal: null,
    taxAmount: null,
    total: Number.isFinite(total) && label['total'] ? total : null,
  };
}

/** A SROIE receipt's group: its company's name, letters only, first 12. */
export const sroieGroup = (label: Record<string, string>, id: string): string =>
  `sroie:${(label['company'] ?? id)
    .toUpperCase()
    .replace(/[^A-Z]/g, '')
    .slice(0, 12)}`;

/** SROIE receipts (dev + train) from their line transcripts; each receipt is its own group, the company's name being unknown before labels. */
async function sroieDocs(): Promise<TrainingDoc[]> {
  const out: TrainingDoc[] = [];
  for (const set of ['sroie-dev', 'sroie-train']) {
    const dir = path.join(DATASETS, set);
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.box.txt'))) {
      const id = file.replace(/\.box\.txt$/, '');
      const label = JSON.parse(await readFile(path.join(dir, `${id}.json`), 'utf8')) as Record<string, string>;
      const page = pageFromBoxLines(parseBoxLines(await readFile(path.join(dir, file), 'utf8')));
      out.push({ id, dataset: 'sroie', group: sroieGroup(label, id), pages: [page], truth: sroieTruth(label) });
    }
  }
  return out;
}

/** Generated invoices of every layout and both languages, as text-layer PDFs; one group per layout. */
async function generatedDocs(count: number, seed: number): Promise<TrainingDoc[]> {
  const out: TrainingDoc[] = [];
  for (let i = 0; i < count; i++) {
    const s = seed + i;
    const layout = INVOICE_LAYOUTS[i % INVOICE_LAYOUTS.length];
    const truth = generateInvoiceData(s, { language: i % 2 ? 'fr' : 'en', layout, withTax: i % 4 !== 3, withEmail: i % 3 === 0 });
    const file = path.join(CACHE, `gen-${s}.pdf`);
    await writeFile(file, await renderInvoicePdf(truth, { pdf: 'text', seed: s }));
    const pages = await pdfPages(file);
    out.push({
      id: `gen-${s}`,
      dataset: 'generated',
      group: `generated:${layout}`,
      pages,
      truth: headerTruth({ ...printedTruth(truth, deriveVariation(s)) }),
    });
  }
  return out;
}

/** Every training document, read once and cached as JSON. */
export async function loadTrainingDocs(): Promise<TrainingDoc[]> {
  await mkdir(CACHE, { recursive: true });
  const cacheFile = path.join(CACHE, 'training-docs.v5.json');
  if (existsSync(cacheFile)) return JSON.parse(await readFile(cacheFile, 'utf8')) as TrainingDoc[];
  const docs = [...(await einvoiceDocs()), ...(await invoicesDevDocs()), ...(await sroieDocs()), ...(await generatedDocs(60, 700000))];
  await writeFile(cacheFile, JSON.stringify(docs));
  return docs;
}
