/**
 * Labelled folders, format detected from the files:
 * - generated: `<name>.png|jpg` + `<name>.json` with the invoice generator's ground truth (ExtractedInvoice field names);
 * - sroie: `<ID>.jpg` + `<ID>.json` `{company, date, address, total}` (+ `<ID>.box.txt` line transcripts);
 * - einvoice, invoices: the real invoices of `../shared/datasets` (PDFs and scans, `real-dataset.ts`).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { InvoiceGroundTruth } from '@invoice/invoice-generator';
import {
  einvoiceDocument,
  invoicesDocument,
  isEinvoiceLabel,
  isInvoicesLabel,
  readManifest,
  type ReadMode,
  type RealDocument,
  type RealLoad,
} from './real-dataset.js';

export type DatasetFormat = 'generated' | 'sroie' | 'einvoice' | 'invoices';

/** The fields of the generator's ground truth that the evaluation compares. */
export type GeneratedTruth = Pick<
  InvoiceGroundTruth,
  | 'invoiceNumber'
  | 'issueDate'
  | 'issueTime'
  | 'customerName'
  | 'customerEmail'
  | 'customerAddressLine1'
  | 'customerAddressLine2'
  | 'total'
  | 'lineItems'
  | 'dueDate'
  | 'vendorName'
  | 'vendorAddress'
  | 'subtotal'
  | 'taxAmount'
  | 'taxRate'
> & { currency?: string };

export interface SroieLabel {
  company: string;
  date: string;
  address: string;
  total: string;
}

export type DatasetDocument =
  | { id: string; format: 'generated'; imagePath: string; truth: GeneratedTruth; transcript: null }
  | { id: string; format: 'sroie'; imagePath: string; truth: SroieLabel; transcript: string[] | null }
  | RealDocument;

export interface LoadedDataset {
  format: DatasetFormat;
  documents: DatasetDocument[];
  /** Files that were not used, with why. */
  skipped: { file: string; reason: string }[];
}

const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'];

/** Which format a label file is in, from its keys; null when neither. */
export function detectFormat(label: unknown): DatasetFormat | null {
  if (typeof label !== 'object' || label === null || Array.isArray(label)) return null;
  if (isEinvoiceLabel(label)) return 'einvoice';
  if (isInvoicesLabel(label)) return 'invoices';
  const keys = new Set(Object.keys(label));
  if (keys.has('invoiceNumber') && keys.has('lineItems') && keys.has('total')) return 'generated';
  if (['company', 'date', 'address', 'total'].every((k) => keys.has(k))) return 'sroie';
  return null;
}

/** Transcripts of a SROIE `.box.txt`: everything after the 8th comma of each line (it may contain commas). */
export function parseBoxFile(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:-?\d+\s*,\s*){8}(.*)$/.exec(line);
    if (m) out.push(m[1]!.trim());
  }
  return out;
}

/** Files of the folder and of its `scans/` subfolder (as `scans/<name>`). */
async function listFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  const scans = join(dir, 'scans');
  if (existsSync(scans)) names.push(...(await readdir(scans)).map((n) => `scans/${n}`));
  return names.sort();
}

async function readLabel(dir: string, name: string): Promise<{ label: unknown } | { error: string }> {
  try {
    return { label: JSON.parse(await readFile(join(dir, name), 'utf8')) as unknown };
  } catch (err) {
    return { error: `unreadable JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/**
 * Reads a folder's labelled documents, sorted by name, the first `limit` if given. One format per folder.
 * `mode` (einvoice, invoices): `text` reads the original PDF (its text layer where a page has one), `scan` the
 * page scans under `scans/`; the generated and SROIE images are read as they are.
 */
export async function loadDataset(dir: string, limit?: number, mode: ReadMode = 'text'): Promise<LoadedDataset> {
  const names = await listFiles(dir);
  const files = new Set(names);
  const manifest = await readManifest(dir);
  const visualGroups = new Map<string, string>();
  const skipped: LoadedDataset['skipped'] = [];
  const documents: DatasetDocument[] = [];
  for (const name of names) {
    if (extname(name) !== '.json' || name.includes('/')) continue;
    const id = name.slice(0, -'.json'.length);
    const read = await readLabel(dir, name);
    if ('error' in read) {
      skipped.push({ file: name, reason: read.error });
      continue;
    }
    const { label } = read;
    const format = detectFormat(label);
    if (format === 'einvoice' || format === 'invoices') {
      const json = label as Record<string, unknown>;
      const real: RealLoad =
        format === 'einvoice'
          ? einvoiceDocument(dir, id, json, mode, files, visualGroups)
          : invoicesDocument(dir, id, json, mode, files, manifest);
      if (real.document) documents.push(real.document);
      else skipped.push({ file: name, reason: real.skipReason ?? 'not used' });
      continue;
    }
    const image = IMAGE_EXTENSIONS.map((ext) => id + ext).find((n) => files.has(n));
    if (!image) {
      skipped.push({ file: name, reason: 'no image beside it' });
      continue;
    }
    const imagePath = join(dir, image);
    if (format === 'generated') {
      documents.push({ id, format, imagePath, truth: label as GeneratedTruth, transcript: null });
    } else if (format === 'sroie') {
      const box = `${id}.box.txt`;
      const transcript = files.has(box) ? parseBoxFile(await readFile(join(dir, box), 'utf8')) : null;
      documents.push({ id, format, imagePath, truth: label as SroieLabel, transcript });
    } else {
      skipped.push({ file: name, reason: 'neither a generator ground truth nor a SROIE label' });
    }
  }
  const formats = [...new Set(documents.map((d) => d.format))];
  if (formats.length > 1) throw new Error(`${dir} mixes formats (${formats.join(', ')}); evaluate them separately`);
  if (documents.length === 0) throw new Error(`${dir} holds no labelled document (image + .json)`);
  return { format: formats[0]!, documents: limit === undefined ? documents : documents.slice(0, limit), skipped };
}
