import { stringify } from 'csv-stringify/sync';
import type { DocumentStatus, InvoiceResponse } from '@invoice/contracts';

/** One file's outcome once the gateway is done with it. */
export interface FileResult {
  path: string;
  sha256: string;
  documentId: string;
  jobId: string;
  status: DocumentStatus;
  error: string | null;
  /** The gateway's answer for the document (absent when the job failed or could not be read). */
  document?: InvoiceResponse;
}

export const CSV_COLUMNS = [
  'path',
  'documentId',
  'status',
  'error',
  'invoiceNumber',
  'issueDate',
  'issueTime',
  'dueDate',
  'vendorName',
  'customerName',
  'customerEmail',
  'customerId',
  'customerAddressLine1',
  'customerAddressLine2',
  'currency',
  'subtotal',
  'taxAmount',
  'taxRate',
  'total',
  'lineItems',
  'issues',
  'meanConfidence',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** One CSV row per file: the invoice's main fields, issues joined with `;`, empty cells for nulls. */
export function csvRow(result: FileResult): Record<CsvColumn, string | number | null> {
  const invoice = result.document?.invoice ?? null;
  return {
    path: result.path,
    documentId: result.documentId,
    status: result.status,
    error: result.error,
    invoiceNumber: invoice?.invoiceNumber ?? null,
    issueDate: invoice?.issueDate ?? null,
    issueTime: invoice?.issueTime ?? null,
    dueDate: invoice?.dueDate ?? null,
    vendorName: invoice?.vendorName ?? null,
    customerName: invoice?.customerName ?? null,
    customerEmail: invoice?.customerEmail ?? null,
    customerId: invoice?.customerId ?? null,
    customerAddressLine1: invoice?.customerAddressLine1 ?? null,
    customerAddressLine2: invoice?.customerAddressLine2 ?? null,
    currency: invoice?.currency ?? null,
    subtotal: invoice?.subtotal ?? null,
    taxAmount: invoice?.taxAmount ?? null,
    taxRate: invoice?.taxRate ?? null,
    total: invoice?.total ?? null,
    lineItems: invoice ? invoice.lineItems.length : null,
    issues: invoice ? invoice.issues.join(';') : null,
    meanConfidence: invoice ? invoice.ocr.meanConfidence : null,
  };
}

/** The whole CSV document: a header row, then one row per file (RFC 4180 quoting by csv-stringify). */
export function toCsv(results: FileResult[]): string {
  return stringify(results.map(csvRow), { header: true, columns: [...CSV_COLUMNS], cast: { number: (value) => String(value) } });
}

/** One JSON object per line: the file, its job and the gateway's full invoice answer. */
export function toJsonLines(results: FileResult[]): string {
  return results
    .map((r) =>
      JSON.stringify({
        path: r.path,
        sha256: r.sha256,
        documentId: r.documentId,
        jobId: r.jobId,
        status: r.status,
        error: r.error,
        invoice: r.document?.invoice ?? null,
      }),
    )
    .map((line) => `${line}\n`)
    .join('');
}
