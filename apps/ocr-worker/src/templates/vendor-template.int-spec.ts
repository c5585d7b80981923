import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import type { OcrWord } from '@invoice/contracts';
import { saveVendorTemplate } from '@invoice/database';
import { learnFromPage, vendorKey, type VendorTemplate } from '@invoice/extraction';
import { generateInvoiceData, renderVendorLayoutInvoice, VENDOR_LAYOUTS, type InvoiceGroundTruth } from '@invoice/invoice-generator';
import { seedDocument, type TestDatabase } from '@invoice/testing';
import { startTestWorker, type TestWorker } from '../testing/worker.harness.js';
import { DocumentProcessingService } from '../processing/document-processing.service.js';

/**
 * Real tesseract.js on invoices of a vendor layout the generic extraction does not know ("Reference",
 * "Dated", "Customer", "Amount payable", no QR code, a shipping date before the invoice date). A person's
 * correction of one invoice is learned as the gateway does (the stored OCR words and the corrected values,
 * learnFromPage, saved in vendor_templates; the gateway side is tested in vendor-templates.int-spec.ts of
 * the gateway), and the worker reads the next invoice of the layout with it.
 */
describe('OCR worker with learned vendor templates (real OCR and Postgres)', () => {
  let harness: TestWorker;
  let db: TestDatabase;
  let worker: INestApplicationContext;
  let service: DocumentProcessingService;
  const layout = VENDOR_LAYOUTS.columns;
  const truths = [5000, 5001, 5002].map((seed) => ({ seed, truth: generateInvoiceData(seed, { language: 'en' }) }));

  beforeAll(async () => {
    // One review threshold for every field: this test is about what templates learn, not about the scorer's per-field thresholds.
    harness = await startTestWorker('worker_templates', { REVIEW_THRESHOLD: '0.91' });
    ({ db, worker } = harness);
    service = worker.get(DocumentProcessingService);
  });

  afterAll(() => harness?.close());

  async function processInvoice(index: number, organizationName = 'Template org') {
    const { seed, truth } = truths[index]!;
    const doc = await seedDocument(db.dataSource, await renderVendorLayoutInvoice(truth, layout, seed), { organizationName });
    const outcome = await service.process({ documentId: doc.documentId, organizationId: doc.organizationId });
    const [invoice] = await db.dataSource.query(
      `SELECT invoice_number, issue_date::text AS issue_date, customer_name, total, issues, ocr_words, vendor_key, template_fields, field_evidence FROM invoices WHERE document_id = $1`,
      [doc.documentId],
    );
    return { ...doc, outcome, invoice, truth };
  }

  /** What the gateway does after a PATCH: the corrected values, found in the stored words, update the layout's template. */
  async function correct(
    doc: { organizationId: string; documentId: string },
    words: OcrWord[],
    truth: InvoiceGroundTruth,
    previous: { key: string; template: VendorTemplate } | null,
  ) {
    const corrected = {
      invoiceNumber: truth.invoiceNumber,
      issueDate: truth.issueDate,
      customerName: truth.customerName,
      total: truth.total,
    };
    const { template, learned } = learnFromPage(words, corrected, previous?.template ?? null, doc.documentId);
    expect(learned).toEqual(['invoiceNumber', 'issueDate', 'customerName', 'total']);
    const key = previous?.key ?? vendorKey(words);
    await saveVendorTemplate(db.dataSource, doc.organizationId, key, template, Object.keys(template.tokens), template.examples);
    return { key, template };
  }

  const normalizeNumber = (value: string | null) => value?.replace(/[\s_]+/g, '_') ?? null;

  it('a correction of one invoice fixes the next invoice of the layout; two agreeing corrections overrule the generic date', async () => {
    const first = await processInvoice(0);
    // The generic extraction alone: the scorer reads the number, the customer and the total of this unknown layout, but
    // takes the shipping date for the issue date.
    expect(first.outcome.status).toBe('needs_review');
    expect(first.invoice).toMatchObject({ customer_name: first.truth.customerName, vendor_key: null, template_fields: [] });
    expect(normalizeNumber(first.invoice.invoice_number)).toBe(first.truth.invoiceNumber);
    expect(Number(first.invoice.total)).toBe(first.truth.total);
    expect(first.invoice.issue_date).not.toBe(first.truth.issueDate);

    const learned = await correct(first, first.invoice.ocr_words, first.truth, null);
    const second = await processInvoice(1);
    expect(normalizeNumber(second.invoice.invoice_number)).toBe(second.truth.invoiceNumber);
    expect(second.invoice.customer_name).toBe(second.truth.customerName);
    expect(Number(second.invoice.total)).toBe(second.truth.total);
    expect(second.invoice.vendor_key).toBe(learned.key);
    // The scorer reads the number, the customer and the total of the second invoice itself, where the template reads them
    // too: both readings agree, so these fields are the template's (confirmed), with both readings' confidence.
    expect(second.invoice.template_fields).toEqual(expect.arrayContaining(['invoiceNumber', 'customerName', 'total']));
    expect(second.invoice.field_evidence.customerName.source).toBe('template');
    // One example does not overrule a date the extraction read without complaint, but the disagreement goes to review
    // (and values learned from one example only, with no check to confirm them, stay under the review threshold).
    expect(second.invoice.template_fields).not.toContain('issueDate');
    expect(second.invoice.issues).toContain('template_mismatch:issueDate');
    for (const issue of second.invoice.issues.filter((i: string) => i !== 'template_mismatch:issueDate'))
      expect(issue).toMatch(/^low_confidence:/);
    expect(second.outcome.status).toBe('needs_review');

    await correct(second, second.invoice.ocr_words, second.truth, learned);
    const third = await processInvoice(2);
    expect(third.invoice.issue_date).toBe(third.truth.issueDate);
    expect(third.invoice.template_fields).toContain('issueDate');
    expect(normalizeNumber(third.invoice.invoice_number)).toBe(third.truth.invoiceNumber);
    // Nothing the template learned is doubted. This layout prints no due date: the scorer's due date is the issue
    // date's own word, under the review threshold, so the invoice still goes to a person for that one field.
    expect(third.invoice.issues).toEqual(['low_confidence:dueDate']);
    expect(third.outcome.status).toBe('needs_review');
  });

  it("does not use another organization's templates", async () => {
    const outsider = await processInvoice(2, 'Another org');
    expect(outsider.invoice).toMatchObject({ vendor_key: null, template_fields: [] });
    // The first organization's template gives this invoice its issue date; without it the shipping date is read.
    expect(outsider.invoice.issue_date).not.toBe(outsider.truth.issueDate);
  });
});
