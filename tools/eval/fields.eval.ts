/**
 * npm run eval:fields -- --report FILE [--report FILE...] [--labels DIR]
 *
 * Measures the document type, the issuer's VAT id, the amount due and the tax lines on readings saved by
 * `npm run eval -- --json FILE` (the pages as read: text layer or OCR, never an e-invoice's XML), extracted
 * again with the current extraction. Labels come from each document's `<ID>.json` in the data set
 * (`labelsPrinted` when present: only what the page prints). Prints per data set and per group (producer
 * or issuer) the counts right / wrong / missed / extra, and the share of documents where the IBAN, the
 * order number and the tax lines were read (those have no labels).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ExtractedInvoice, OcrPageResult } from '@invoice/contracts';
import { extractInvoice } from '@invoice/extraction';
import {
  DOCUMENT_FIELDS,
  documentTypeOfCode,
  fieldOutcome,
  tally,
  type DocumentField,
  type DocumentFieldTruth,
  type Outcome,
} from './fields.score.js';

const { values } = parseArgs({ options: { report: { type: 'string', multiple: true }, labels: { type: 'string' } } });
if (!values.report?.length) {
  console.error('usage: npm run eval:fields -- --report FILE [--report FILE...] [--labels DIR]');
  process.exit(2);
}

interface SavedDocument {
  id: string;
  group?: string;
  page?: OcrPageResult | null;
  pages?: OcrPageResult[];
}

function truthOf(dir: string, id: string): DocumentFieldTruth {
  const label = JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')) as Record<string, unknown>;
  const printed = (label.labelsPrinted ?? label) as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return {
    documentType: typeof label.documentType === 'string' ? documentTypeOfCode(label.documentType) : null,
    vendorVatId: typeof printed.vendorVatId === 'string' ? printed.vendorVatId : null,
    amountDue: num(printed.amountDue),
    taxAmount: num(printed.taxAmount),
  };
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(0)}%` : '-');

for (const file of values.report) {
  const report = JSON.parse(readFileSync(file, 'utf8')) as { dataset: string; documents: SavedDocument[] };
  const dir = values.labels ?? report.dataset;
  const rows: { group: string; outcomes: Record<DocumentField, Outcome>; x: ExtractedInvoice }[] = [];
  const started = performance.now();
  for (const d of report.documents) {
    const pages = d.pages ?? (d.page ? [d.page] : []);
    if (!pages.length) continue;
    const x = extractInvoice(pages);
    const truth = truthOf(dir, d.id);
    rows.push({
      group: d.group ?? '-',
      x,
      outcomes: Object.fromEntries(DOCUMENT_FIELDS.map((f) => [f, fieldOutcome(f, truth, x)])) as Record<DocumentField, Outcome>,
    });
  }
  const ms = (performance.now() - started) / Math.max(rows.length, 1);
  console.log(`\n${report.dataset}: ${rows.length} documents, ${ms.toFixed(1)} ms per document to extract`);
  const print = (name: string, subset: typeof rows) => {
    const t = tally(subset.map((r) => r.outcomes));
    const cells = DOCUMENT_FIELDS.map(
      (f) => `${f} ${t[f].right}/${t[f].right + t[f].wrong + t[f].missed} (wrong ${t[f].wrong}, extra ${t[f].extra})`,
    );
    console.log(`  ${name.padEnd(28)} ${cells.join(' | ')}`);
  };
  print('all', rows);
  for (const group of [...new Set(rows.map((r) => r.group))].sort())
    print(
      group,
      rows.filter((r) => r.group === group),
    );
  const share = (pick: (x: ExtractedInvoice) => boolean) => pct(rows.filter((r) => pick(r.x)).length, rows.length);
  console.log(
    `  read (no labels): IBAN ${share((x) => x.iban !== null)}, order number ${share((x) => x.orderNumber !== null)}, tax lines ${share((x) => x.taxLines.length > 0)}, customer VAT id ${share((x) => x.customerVatId !== null)}`,
  );
  const types = new Map<string, number>();
  for (const r of rows) types.set(String(r.x.documentType), (types.get(String(r.x.documentType)) ?? 0) + 1);
  console.log(`  document types read: ${[...types].map(([k, v]) => `${k} ${v}`).join(', ')}`);
}
