import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type { InvoiceResponse } from '@invoice/contracts';
import { CSV_COLUMNS, csvRow, toCsv, toJsonLines, type FileResult } from './invoice.rows.js';

function documentWith(invoice: Partial<NonNullable<InvoiceResponse['invoice']>>): InvoiceResponse {
  return {
    documentId: 'd1',
    jobId: 'j1',
    status: 'needs_review',
    error: null,
    filename: 'a.png',
    mimeType: 'image/png',
    sizeBytes: 10,
    sha256: 'h1',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    completedAt: '2026-01-01T00:00:01.000Z',
    pageCount: 1,
    invoice: {
      invoiceNumber: 'INV-1',
      issueDate: '2026-01-02',
      issueTime: '10:00:00',
      dueDate: null,
      vendorName: null,
      vendorAddress: null,
      customerName: 'Dupont, "le grand"\nSARL',
      customerEmail: null,
      customerAddressLine1: '1 rue X',
      customerAddressLine2: '75001 Paris',
      customerId: '12345',
      customerCategory: 'A',
      currency: 'EUR',
      subtotal: null,
      taxAmount: null,
      taxRate: null,
      total: 1234.5,
      documentType: 'invoice',
      vendorVatId: null,
      customerVatId: null,
      iban: null,
      orderNumber: null,
      amountDue: null,
      taxLines: [],
      language: 'fr',
      issues: ['missing:dueDate', 'total_mismatch'],
      fieldEvidence: {},
      reviewThreshold: 0.6,
      lineItems: [{ description: 'x', quantity: 1, unitPrice: 1234.5, amount: 1234.5 }],
      corrections: [],
      originalExtraction: null,
      reviewAcceptance: null,
      reviewRejection: null,
      ocr: { text: 'text', meanConfidence: 91.5, durationMs: 500, engineVersion: 't', qrPayload: null, words: [] },
      ...invoice,
    },
  };
}

const done: FileResult = {
  path: 'sub/a.png',
  sha256: 'h1',
  documentId: 'd1',
  jobId: 'j1',
  status: 'needs_review',
  error: null,
  document: documentWith({}),
};
const failed: FileResult = {
  path: 'b.pdf',
  sha256: 'h2',
  documentId: 'd2',
  jobId: 'j2',
  status: 'failed',
  error: 'image cannot be decoded',
};

describe('csvRow', () => {
  it('flattens the main fields; issues joined with ;, nulls empty', () => {
    expect(csvRow(done)).toMatchObject({
      path: 'sub/a.png',
      invoiceNumber: 'INV-1',
      total: 1234.5,
      currency: 'EUR',
      issues: 'missing:dueDate;total_mismatch',
      lineItems: 1,
      dueDate: null,
    });
  });

  it('gives a failed file its error and no invoice fields', () => {
    expect(csvRow(failed)).toMatchObject({
      path: 'b.pdf',
      status: 'failed',
      error: 'image cannot be decoded',
      invoiceNumber: null,
      total: null,
      issues: null,
    });
  });
});

describe('toCsv', () => {
  it('writes a header row and quotes commas, quotes and new lines so that a CSV parser reads the values back', () => {
    const text = toCsv([done, failed]);
    expect(text.split('\n')[0]).toBe(CSV_COLUMNS.join(','));
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ customerName: 'Dupont, "le grand"\nSARL', total: '1234.5', invoiceNumber: 'INV-1', dueDate: '' });
    expect(rows[1]).toMatchObject({ status: 'failed', error: 'image cannot be decoded', total: '' });
  });
});

describe('toJsonLines', () => {
  it('writes one JSON object per line with the full invoice', () => {
    const lines = toJsonLines([done, failed])
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ path: 'sub/a.png', documentId: 'd1', invoice: { invoiceNumber: 'INV-1', total: 1234.5 } });
    expect(lines[1]).toMatchObject({ path: 'b.pdf', status: 'failed', invoice: null });
  });
});
