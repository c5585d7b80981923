/**
 * Labelled folders, format detected from the files:
 * - generated: `<name>.png|jpg` + `<name>.json` with the invoice generator's ground truth (ExtractedInvoice field names);
 * - sroie: `<ID>.jpg` + `<ID>.json` `{company, date, address, total}` (+ `<ID>.box.txt` line transcripts).
 */
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { InvoiceGroundTruth } from '@invoice/invoice-generator';

export type DatasetFormat = 'generated' | 'sroie';

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
  | { id: string; format: 'sroie'; imagePath: string; truth: SroieLabel; transcript: string[] | null };

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

/** Reads a folder's labelled documents, sorted by name, the first `limit` if given. One format per folder. */
export async function loadDataset(dir: string, limit?: number): Promise<LoadedDataset> {
  const names = (await readdir(dir)).sort();
  const files = new Set(names);
  const skipped: LoadedDataset['skipped'] = [];
  const documents: DatasetDocument[] = [];
  for (const name of names) {
    if (extname(name) !== '.json') continue;
    const id = name.slice(0, -'.json'.length);
    const image = IMAGE_EXTENSIONS.map((ext) => id + ext).find((n) => files.has(n));
    if (!image) {
      skipped.push({ file: name, reason: 'no image beside it' });
      continue;
    }
    let label: unknown;
    try {
      label = JSON.parse(await readFile(join(dir, name), 'utf8'));
    } catch (err) {
      skipped.push({ file: name, reason: `unreadable JSON: ${err instanceof Error ? err.message : String(err)}` });
      continue;
    }
    const format = detectFormat(label);
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
