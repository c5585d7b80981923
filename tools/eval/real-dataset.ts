/**
 * The two folders of real invoices (read from `../shared/datasets`, never copied into the repository):
 * - einvoice: `<ID>.pdf` + `scans/<ID>.tiff` + `<ID>.json` whose `labelsPrinted` holds the values printed on the
 *   page (from the e-invoice XML); one document scored per `meta.visualGroup` (identical page text);
 * - invoices: `<ID>.pdf|.jpg` + `scans/<ID>.png` (page 1 of the text-layer PDFs) + `<ID>.json` hand labels,
 *   with `manifest.jsonl` naming each document's issuer.
 * `text` mode reads the original file through the product's document path (text layer where a page has one,
 * OCR elsewhere); `scan` mode reads the rendered scan (OCR only).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export type ReadMode = 'text' | 'scan';

/** A line as labelled: a value is null when it is not printed (or, for invoices-dev, absent). */
export interface LabelLine {
  description: string | null;
  quantity: number | null;
  unitPrice: number | null;
  amount: number | null;
}

export interface EinvoiceTruth {
  invoiceNumber: string | null;
  issueDate: string | null;
  dueDate: string | null;
  currency: string | null;
  vendorName: string | null;
  vendorVatId: string | null;
  customerName: string | null;
  subtotal: number | null;
  taxAmount: number | null;
  total: number | null;
  amountDue: number | null;
  documentType: string | null;
  lineItems: LabelLine[] | null;
}

export interface InvoicesTruth {
  invoiceNumber: string | null;
  issueDate: string | null;
  dueDate: string | null;
  currency: string | null;
  /** The likely currency when none is printed. */
  currencyInferred?: string | null;
  vendorName: string | null;
  customerName: string | null;
  subtotal: number | null;
  taxAmount: number | null;
  total: number | null;
  amountDue: number | null;
  lineItems: LabelLine[] | null;
  /** The label's notes flag an ambiguous day/month order: both orders are accepted. */
  ambiguousDayMonth: boolean;
}

export interface RealDocumentBase {
  id: string;
  /** The file read: PDF, multi-page TIFF, PNG or JPEG. */
  imagePath: string;
  mode: ReadMode;
  /** Producer (einvoice) or issuer (invoices). */
  group: string;
  transcript: null;
}

export type RealDocument =
  | (RealDocumentBase & { format: 'einvoice'; truth: EinvoiceTruth; layout: string; visualGroup: string })
  | (RealDocumentBase & { format: 'invoices'; truth: InvoicesTruth });

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An e-invoice label file (einvoice-dev): it has `labelsPrinted` and `meta`. */
export const isEinvoiceLabel = (label: unknown): boolean => isObject(label) && isObject(label.labelsPrinted) && isObject(label.meta);

/** A hand label of invoices-dev: the invoice fields plus the annotator's `checks` and `notes`. */
export const isInvoicesLabel = (label: unknown): boolean =>
  isObject(label) && 'checks' in label && 'notes' in label && 'invoiceNumber' in label && 'total' in label;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function lines(v: unknown): LabelLine[] | null {
  if (!Array.isArray(v)) return null;
  return v
    .filter(isObject)
    .map((l) => ({ description: str(l.description), quantity: num(l.quantity), unitPrice: num(l.unitPrice), amount: num(l.amount) }));
}

/** The printed values of an einvoice-dev label (`labelsPrinted`). */
export function einvoiceTruth(label: Json): EinvoiceTruth {
  const p = label.labelsPrinted as Json;
  return {
    invoiceNumber: str(p.invoiceNumber),
    issueDate: str(p.issueDate),
    dueDate: str(p.dueDate),
    currency: str(p.currency),
    vendorName: str(p.vendorName),
    vendorVatId: str(p.vendorVatId),
    customerName: str(p.customerName),
    subtotal: num(p.subtotal),
    taxAmount: num(p.taxAmount),
    total: num(p.total),
    amountDue: num(p.amountDue),
    documentType: str(p.documentType),
    lineItems: lines(p.lineItems),
  };
}

/** The notes call the day/month order ambiguous, or say the date was read day first by choice. */
const AMBIGUOUS_DATE_NOTE = /ambiguous D\/M|read D\/M\b/i;

export function invoicesTruth(label: Json): InvoicesTruth {
  return {
    invoiceNumber: str(label.invoiceNumber),
    issueDate: str(label.issueDate),
    dueDate: str(label.dueDate),
    currency: str(label.currency),
    currencyInferred: str(label.currencyInferred),
    vendorName: str(label.vendorName),
    customerName: str(label.customerName),
    subtotal: num(label.subtotal),
    taxAmount: num(label.taxAmount),
    total: num(label.total),
    amountDue: num(label.amountDue),
    lineItems: lines(label.lineItems),
    ambiguousDayMonth: AMBIGUOUS_DATE_NOTE.test(typeof label.notes === 'string' ? label.notes : JSON.stringify(label.notes ?? '')),
  };
}

/** `manifest.jsonl` as id -> record (empty when the folder has none). */
export async function readManifest(dir: string): Promise<Map<string, Json>> {
  const path = join(dir, 'manifest.jsonl');
  const out = new Map<string, Json>();
  if (!existsSync(path)) return out;
  for (const line of (await readFile(path, 'utf8')).split('\n')) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as unknown;
    if (isObject(record) && typeof record.id === 'string') out.set(record.id, record);
  }
  return out;
}

export interface RealLoad {
  document: RealDocument | null;
  /** Why the label was not used (no file to read, a duplicate page). */
  skipReason: string | null;
}

/** One einvoice-dev label to a document; `seenGroups` maps each visualGroup to the first id scored for it. */
export function einvoiceDocument(
  dir: string,
  id: string,
  label: Json,
  mode: ReadMode,
  files: ReadonlySet<string>,
  seenGroups: Map<string, string>,
): RealLoad {
  const meta = label.meta as Json;
  const visualGroup = str(meta.visualGroup) ?? id;
  const first = seenGroups.get(visualGroup);
  if (first !== undefined)
    return { document: null, skipReason: `same page text as ${first} (visualGroup ${visualGroup}): one document scored per group` };
  const file = mode === 'scan' ? `scans/${id}.tiff` : `${id}.pdf`;
  if (!files.has(file)) return { document: null, skipReason: `no ${file}` };
  seenGroups.set(visualGroup, id);
  return {
    document: {
      id,
      format: 'einvoice',
      imagePath: join(dir, file),
      mode,
      transcript: null,
      truth: einvoiceTruth(label),
      group: str(meta.producer) ?? 'unknown',
      layout: str(meta.layout) ?? 'unknown',
      visualGroup,
    },
    skipReason: null,
  };
}

/** One invoices-dev label to a document: the original file in text mode, its page scan (when there is one) in scan mode. */
export function invoicesDocument(
  dir: string,
  id: string,
  label: Json,
  mode: ReadMode,
  files: ReadonlySet<string>,
  manifest: ReadonlyMap<string, Json>,
): RealLoad {
  const record = manifest.get(id);
  const original = str(label.file) ?? str(record?.file) ?? [`${id}.pdf`, `${id}.jpg`, `${id}.png`].find((f) => files.has(f)) ?? null;
  const scan = `scans/${id}.png`;
  const file = mode === 'scan' && files.has(scan) ? scan : original;
  if (file === null || !files.has(file)) return { document: null, skipReason: `no file to read for ${id}` };
  const group = str(record?.issuer) ?? str(label.vendorName) ?? 'unknown';
  return {
    document: { id, format: 'invoices', imagePath: join(dir, file), mode, transcript: null, truth: invoicesTruth(label), group },
    skipReason: null,
  };
}
