import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { seedDocument, textLayerPdf, type PdfLine, type TestDatabase } from '@invoice/testing';
import { startTestWorker, type TestWorker } from '../testing/worker.harness.js';
import { DocumentProcessingService } from './document-processing.service.js';

/** A made-up German invoice printing VAT ids, an IBAN, an order number, a tax line and the amount due. */
const RECHNUNG: PdfLine[] = [
  ['Muster Bürobedarf GmbH, Hauptstraße 1, 10115 Berlin', 40, 40],
  ['Rechnung Nr. 2026-0042', 360, 90],
  ['Bill to Beispiel AG', 40, 130],
  ['USt-IdNr. des Kunden: ATU13585627', 40, 150],
  ['Bestellnummer: PO-7781', 40, 190],
  ['Invoice date 2026-03-02', 360, 190],
  ['Kopierpapier A4', 40, 260],
  ['2 x 50.00 EUR', 420, 260],
  ['Subtotal 100.00', 400, 330],
  ['MwSt 19 % auf 100,00 EUR 19,00', 330, 350],
  ['Total 119.00 EUR', 400, 370],
  ['Zahlbetrag: 119,00 EUR', 400, 390],
  ['Muster Bürobedarf GmbH - USt-IdNr. DE136695976', 40, 780],
  ['IBAN DE89 3704 0044 0532 0130 00 - BIC COBADEFFXXX', 40, 795],
];

describe('worker: the new invoice fields stored from a text-layer PDF (real Postgres)', () => {
  let harness: TestWorker;
  let db: TestDatabase;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    harness = await startTestWorker('docfields');
    ({ db, worker } = harness);
  });

  afterAll(() => harness?.close());

  it('reads, checks and stores document type, VAT ids, IBAN, order number, amount due and tax lines with their evidence', async () => {
    const doc = await seedDocument(db.dataSource, await textLayerPdf(RECHNUNG), { mimeType: 'application/pdf' });
    await worker.get(DocumentProcessingService).process({ documentId: doc.documentId, organizationId: doc.organizationId });
    const [row] = await db.dataSource.query(
      `SELECT document_type, vendor_vat_id, customer_vat_id, iban, order_number, amount_due::float AS amount_due, tax_lines, field_evidence, ocr_words
         FROM invoices WHERE document_id = $1`,
      [doc.documentId],
    );
    expect(row).toMatchObject({
      document_type: 'invoice',
      vendor_vat_id: 'DE136695976',
      customer_vat_id: 'ATU13585627',
      iban: 'DE89370400440532013000',
      order_number: 'PO-7781',
      amount_due: 119,
      tax_lines: [{ rate: 19, base: 100, amount: 19 }],
    });
    const evidence = row.field_evidence as Record<string, { wordIndexes: number[]; confidence: number }>;
    const words = (field: string) => evidence[field]!.wordIndexes.map((i) => (row.ocr_words as { text: string }[])[i]!.text).join(' ');
    expect(words('documentType')).toBe('Rechnung');
    expect(words('orderNumber')).toBe('PO-7781');
    expect(words('iban')).toBe('DE89 3704 0044 0532 0130 00');
    for (const field of ['documentType', 'vendorVatId', 'customerVatId', 'iban', 'amountDue', 'taxLines'])
      expect(evidence[field]?.confidence).toBeGreaterThan(0.9);
  });
});
