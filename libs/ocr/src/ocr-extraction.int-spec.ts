/**
 * End to end on real OCR: synthetic invoices from @invoice/invoice-generator, read by the tesseract
 * engine of @invoice/ocr, turned into fields by extractInvoice and compared with the ground truth.
 * The seeds were chosen among those read correctly both with the engine's defaults and with other
 * settings (fra+eng, 2.5x), so the test tracks the extraction, not a lucky OCR run. English and French,
 * with and without an email line, PNG and JPEG.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ExtractedInvoice } from '@invoice/contracts';
import { generateInvoice, type GenerateInvoiceOptions, type InvoiceGroundTruth } from '@invoice/invoice-generator';
import { extractInvoice, reviewThresholdsFor } from '@invoice/extraction';
import { OcrEngine } from './ocr.engine.js';

const CASES: { seed: number; options: GenerateInvoiceOptions }[] = [
  { seed: 1, options: { language: 'en', format: 'jpeg' } },
  { seed: 7, options: { language: 'en', format: 'png' } },
  { seed: 15, options: { language: 'en', withEmail: true, format: 'png' } },
  { seed: 21, options: { language: 'en', withEmail: true, format: 'jpeg' } },
  { seed: 20, options: { language: 'fr', format: 'png' } },
  { seed: 12, options: { language: 'fr', withEmail: true, format: 'png' } },
  { seed: 44, options: { language: 'fr', format: 'jpeg' } },
  { seed: 42, options: { language: 'fr', withEmail: true, format: 'jpeg' } },
];

const spaces = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** What the extraction should return for a ground truth (issues aside). */
function expected(truth: InvoiceGroundTruth): Omit<ExtractedInvoice, 'issues' | 'fieldEvidence' | 'lineItemsEvidence' | 'vendorName'> {
  return {
    invoiceNumber: truth.invoiceNumber,
    issueDate: truth.issueDate,
    issueTime: truth.issueTime,
    customerName: truth.customerName,
    customerEmail: truth.customerEmail,
    customerAddressLine1: truth.customerAddressLine1,
    customerAddressLine2: truth.customerAddressLine2,
    customerId: truth.customerId,
    customerCategory: truth.customerCategory,
    currency: truth.currency,
    total: truth.total,
    lineItems: truth.lineItems.map((item) => ({ ...item, description: spaces(item.description) })),
    language: truth.language,
    // The classic layout names its vendor only by its logo (checked apart), and prints no due date or tax line.
    dueDate: null,
    vendorAddress: null,
    subtotal: null,
    taxAmount: null,
    taxRate: null,
    // Titled "INVOICE"/"FACTURE", with a customer block; no VAT id, IBAN, order number, amount due or tax line.
    documentType: 'invoice',
    vendorVatId: null,
    customerVatId: null,
    iban: null,
    orderNumber: null,
    amountDue: null,
    taxLines: [],
  };
}

describe('extractInvoice on real OCR of generated invoices', () => {
  let engine: OcrEngine;

  beforeAll(async () => {
    engine = await OcrEngine.create({ concurrency: 1 });
  }, 120_000);

  afterAll(async () => {
    await engine?.terminate();
  }, 60_000);

  it.each(CASES)(
    'seed $seed $options',
    async ({ seed, options }) => {
      const { truth, image, variation } = await generateInvoice(seed, options);
      const page = await engine.recognize(image);
      expect(page.qrPayload).not.toBeNull();

      const { issues, fieldEvidence, lineItemsEvidence, vendorName, ...fields } = extractInvoice([page]);
      fields.lineItems = fields.lineItems.map((item) => ({ ...item, description: spaces(item.description) }));
      expect(fields).toEqual(expected(truth));
      // The vendor is the logo's company name, or (a coloured logo tesseract cannot read) another value the worker
      // sends to a person: never a wrong name it would take as read, nor none at all.
      if (vendorName !== variation.companyName) {
        expect(vendorName).not.toBeNull();
        expect(fieldEvidence.vendorName?.confidence).toBeLessThan(
          reviewThresholdsFor('invoice', 0.91, { reading: 'ocr' }).fields['vendorName'] ?? 0,
        );
      }
      expect(issues.filter((issue) => issue.startsWith('missing:') || issue === 'total_mismatch')).toEqual([]);
      // Every extracted field carries evidence: a confidence and the words it was read from (the QR's fields: none needed).
      expect(fieldEvidence.total?.wordIndexes.length).toBeGreaterThan(0);
      expect(fieldEvidence.customerName?.confidence).toBeGreaterThan(0.5);
      expect(lineItemsEvidence?.wordIndexes.length).toBeGreaterThan(0);
    },
    60_000,
  );
});
