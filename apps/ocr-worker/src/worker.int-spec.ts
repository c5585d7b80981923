import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { redisConnectionFromUrl } from '@invoice/config';
import { OpsServerHost } from '@invoice/monitoring';
import { ocrJob, QUEUES } from '@invoice/contracts';
import { generateInvoice, generateInvoiceData, renderInvoicePdf } from '@invoice/invoice-generator';
import { PDFDocument } from 'pdf-lib';
import {
  createTestDatabase,
  deleteRedisPrefix,
  seedDocument,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  waitForDocumentStatus,
  type TestDatabase,
} from '@invoice/testing';
import { createWorker } from './bootstrap.js';
import { testWorkerConfig } from './testing/worker.harness.js';
import { DocumentProcessingService } from './processing/document-processing.service.js';
import { ReconcilerService } from './reconcile/reconciler.service.js';

/** A development receipt photo (../shared/datasets, not in the repository): the test that needs it is skipped without it. */
const SROIE_RECEIPT = resolve(process.cwd(), process.env.EVAL_SROIE_DIR ?? '../shared/datasets/sroie-dev', 'X51005361950.jpg');
const withReceipt = existsSync(SROIE_RECEIPT) ? it : it.skip;

describe('OCR worker (real tesseract.js, Postgres and Redis)', () => {
  let db: TestDatabase;
  let prefix: string;
  let queue: Queue;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    db = await createTestDatabase('worker');
    prefix = uniqueQueuePrefix('worker');
    queue = new Queue(QUEUES.OCR, { connection: redisConnectionFromUrl(TEST_REDIS_URL), prefix });
    // The periodic reconcile pass is off (testWorkerConfig): it is driven by hand below.
    const config = testWorkerConfig({
      DATABASE_URL: db.url,
      QUEUE_PREFIX: prefix,
      SEGMENTATION_TRIGGER_INVOICES: '2',
      SEGMENTATION_DEBOUNCE_MS: '600000',
      // One threshold for every field, low: this file tests the pipeline (the classic layout's logo name is read at
      // 0.7-0.85), the threshold is read from here and stored.
      REVIEW_THRESHOLD: '0.7',
      // Each invoice here is the first of its layout: the pipeline is under test, not the new-layout review.
      REVIEW_NEW_LAYOUTS: 'off',
    });
    worker = await createWorker(config);
  });

  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await db?.drop();
    await deleteRedisPrefix(prefix);
  });

  const enqueue = (doc: { documentId: string; organizationId: string; jobId: string }) => {
    const { name, data, opts } = ocrJob(doc);
    return queue.add(name, data, opts);
  };

  it('turns a queued invoice image into a stored invoice that matches its ground truth', async () => {
    const { truth, image, variation } = await generateInvoice(1001, { language: 'fr', withEmail: true, format: 'jpeg' });
    const doc = await seedDocument(db.dataSource, image, { mimeType: 'image/jpeg' });
    await enqueue(doc);
    const final = await waitForDocumentStatus(db.dataSource, doc.documentId, ['done', 'needs_review', 'failed']);
    expect(final).toMatchObject({ status: 'done', error: null, attempts: 1 });

    const [invoice] = await db.dataSource.query(`SELECT *, issue_date::text AS issue_date FROM invoices WHERE document_id = $1`, [
      doc.documentId,
    ]);
    expect(invoice).toMatchObject({
      invoice_number: truth.invoiceNumber,
      issue_time: truth.issueTime,
      customer_name: truth.customerName,
      customer_email: truth.customerEmail,
      customer_address_line1: truth.customerAddressLine1,
      customer_address_line2: truth.customerAddressLine2,
      customer_ref: truth.customerId,
      customer_category: truth.customerCategory,
      customer_key: `id:${Number(truth.customerId)}`,
      currency: 'EUR',
      total: truth.total.toFixed(2),
      language: 'fr',
      engine_version: expect.stringMatching(/^tesseract\.js@/),
    });
    // PP-OCR is on by default, but a page tesseract reads well keeps tesseract's reading.
    expect(invoice.engine_version).not.toContain('ppocr');
    expect(invoice.issue_date).toBe(truth.issueDate);
    expect(invoice.ocr_confidence).toBeGreaterThan(60);
    expect(invoice.ocr_words.length).toBeGreaterThan(10);
    // Each field's evidence points at the OCR words it was read from, and the threshold it was judged by is kept.
    expect(invoice.field_evidence.customerName).toMatchObject({ source: 'ocr', confidence: expect.any(Number) });
    expect(invoice.field_evidence.customerName.wordIndexes.map((i: number) => invoice.ocr_words[i].text).join(' ')).toBe(
      truth.customerName,
    );
    expect(invoice.field_evidence.invoiceNumber).toMatchObject({ source: 'qr', confidence: 0.99 });
    expect(invoice.review_threshold).toBeCloseTo(0.7, 5);
    // The classic layout names its vendor by its logo.
    expect(invoice.vendor_name).toBe(variation.companyName);
    const items = await db.dataSource.query(
      `SELECT description, quantity::float AS quantity, unit_price::float AS "unitPrice", amount::float AS amount
         FROM invoice_line_items WHERE invoice_id = $1 ORDER BY position`,
      [invoice.id],
    );
    expect(items).toEqual(truth.lineItems);
    const [progress] = await db.dataSource.query(`SELECT progress, completed_at FROM documents WHERE id = $1`, [doc.documentId]);
    expect(progress.progress).toBe(100);
    expect(progress.completed_at).not.toBeNull();
  });

  it('writes the result idempotently: processing a document twice leaves one invoice', async () => {
    const { truth, image } = await generateInvoice(1002);
    const doc = await seedDocument(db.dataSource, image);
    const service = worker.get(DocumentProcessingService);
    const first = await service.process({ documentId: doc.documentId, organizationId: doc.organizationId });
    const second = await service.process({ documentId: doc.documentId, organizationId: doc.organizationId });
    expect(second.invoiceId).toBe(first.invoiceId);
    const [{ invoices }] = await db.dataSource.query(`SELECT count(*)::int AS invoices FROM invoices WHERE document_id = $1`, [
      doc.documentId,
    ]);
    const [{ items }] = await db.dataSource.query(`SELECT count(*)::int AS items FROM invoice_line_items WHERE invoice_id = $1`, [
      first.invoiceId,
    ]);
    expect(invoices).toBe(1);
    expect(items).toBe(truth.lineItems.length);
  });

  it('fails a file that can never be read at once, with the reason visible', async () => {
    const corrupt = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(2000, 7)]);
    const doc = await seedDocument(db.dataSource, corrupt);
    await enqueue(doc);
    const final = await waitForDocumentStatus(db.dataSource, doc.documentId, ['failed', 'done', 'needs_review'], 60_000);
    expect(final.status).toBe('failed');
    expect(final.error).toMatch(/image/i);
    expect(final.attempts).toBe(1);
    const job = await queue.getJob(doc.jobId);
    expect(await job?.getState()).toBe('failed');
  });

  it('serves health and Prometheus metrics that reflect the jobs processed above', async () => {
    const port = worker.get(OpsServerHost).port;
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { postgres: 'up', redis: 'up' } });
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const sample = (pattern: RegExp) => Number(text.match(pattern)?.[1] ?? NaN);
    // Two documents done (one through the queue, one processed twice by hand = 3 runs), one failed.
    expect(sample(/invoice_ocr_invoices_processed_total\{outcome="done"[^}]*\} (\d+)/)).toBe(3);
    expect(sample(/invoice_ocr_invoices_processed_total\{outcome="failed"[^}]*\} (\d+)/)).toBe(1);
    for (const stage of ['download', 'preprocess', 'ocr', 'extraction', 'save']) {
      expect(
        sample(new RegExp(`invoice_ocr_ocr_stage_duration_seconds_count\\{[^}]*stage="${stage}"[^}]*\\} (\\d+)`)),
      ).toBeGreaterThanOrEqual(3);
    }
    expect(sample(/invoice_ocr_ocr_confidence_count\{[^}]*\} (\d+)/)).toBe(3);
    expect(sample(/invoice_ocr_queue_wait_seconds_count\{[^}]*\} (\d+)/)).toBe(2);
    expect(sample(/invoice_ocr_tesseract_workers\{state="idle"[^}]*\} (\d+)/)).toBe(1);
    expect(sample(/invoice_ocr_queue_jobs\{queue="ocr",state="failed"[^}]*\} (\d+)/)).toBe(1);
  });

  it('asks for one debounced segmentation run once enough invoices were accepted', async () => {
    const segmentation = new Queue(QUEUES.SEGMENTATION, { connection: redisConnectionFromUrl(TEST_REDIS_URL), prefix });
    const delayed = await segmentation.getDelayed();
    await segmentation.close();
    // Three invoices were accepted above (threshold 2, an organization never segmented: each asked) and got one job.
    expect(delayed).toHaveLength(1);
    expect(delayed[0]?.data).toEqual({ organizationId: expect.any(String), trigger: 'invoices' });
    expect(delayed[0]?.opts.delay).toBe(600_000);
  });

  it('re-queues documents that Postgres has as pending but Redis lost, once across replicas', async () => {
    const reconciler = worker.get(ReconcilerService);
    const { image } = await generateInvoice(1003);
    const lost = await seedDocument(db.dataSource, image, { status: 'processing', updatedSecondsAgo: 120 });
    const fresh = await seedDocument(db.dataSource, (await generateInvoice(1004)).image, { status: 'queued', updatedSecondsAgo: 0 });

    const report = await reconciler.reconcile({ graceMs: 60_000 });
    expect(report).toMatchObject({ skipped: false, requeued: 1 });
    expect(await queue.getJobState(lost.jobId)).not.toBe('unknown');
    // Re-queued with its fair-queueing priority: the first of its organization's pending documents.
    expect((await queue.getJob(lost.jobId))?.opts.priority).toBe(1);
    // The fresh upload is inside the grace period: its own request may still be queueing it.
    expect(await queue.getJobState(fresh.jobId)).toBe('unknown');
    // Processed again (done, or needs_review when a field is under REVIEW_THRESHOLD: this test is about the re-queue).
    await waitForDocumentStatus(db.dataSource, lost.documentId, ['done', 'needs_review']);

    // A second reconciler (another replica) does nothing while the first one holds the lock.
    const holder = db.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('SELECT pg_advisory_xact_lock(7412002)');
    expect(await reconciler.reconcile({ graceMs: 0 })).toMatchObject({ skipped: true });
    await holder.rollbackTransaction();
    await holder.release();

    const again = await reconciler.reconcile({ graceMs: 0 });
    expect(again.skipped).toBe(false);
    expect(again.requeued).toBe(1); // the fresh one, now past a zero grace period
    expect((await queue.getJob(fresh.jobId))?.opts.priority).toBe(1);
    await waitForDocumentStatus(db.dataSource, fresh.documentId, ['done', 'needs_review']);
  });

  it('reads every page of a PDF (text layer, no OCR) and stores the page count', async () => {
    const truth = generateInvoiceData(1005, { language: 'en', withEmail: true });
    const pdf = await renderInvoicePdf(truth, {
      pdf: 'text',
      seed: 1005,
      extraPages: [['Terms and conditions', 'Payment due within 30 days']],
    });
    const doc = await seedDocument(db.dataSource, pdf, { mimeType: 'application/pdf' });
    await enqueue(doc);
    const final = await waitForDocumentStatus(db.dataSource, doc.documentId, ['done', 'needs_review', 'failed']);
    expect(final).toMatchObject({ status: 'done', error: null });
    const [row] = await db.dataSource.query(
      `SELECT d.page_count AS document_pages, i.page_count AS invoice_pages, i.invoice_number, i.total::float AS total, i.engine_version, i.ocr_text, i.ocr_words
         FROM documents d JOIN invoices i ON i.document_id = d.id WHERE d.id = $1`,
      [doc.documentId],
    );
    expect(row).toMatchObject({
      document_pages: 2,
      invoice_pages: 2,
      invoice_number: truth.invoiceNumber,
      total: truth.total,
      engine_version: expect.stringMatching(/^pdfjs-dist@/),
    });
    expect(row.ocr_text).toMatch(/Payment due within 30 days$/);
    expect(new Set(row.ocr_words.map((w: { page: number }) => w.page))).toEqual(new Set([0, 1]));
  });

  it('fails a PDF over the page limit at once, naming the limit', async () => {
    const many = await PDFDocument.create();
    for (let i = 0; i < 100; i++) many.addPage([612, 792]);
    const doc = await seedDocument(db.dataSource, Buffer.from(await many.save()), { mimeType: 'application/pdf' });
    await enqueue(doc);
    const final = await waitForDocumentStatus(db.dataSource, doc.documentId, ['failed', 'done', 'needs_review'], 60_000);
    expect(final).toMatchObject({ status: 'failed', attempts: 1, error: 'PDF has 100 pages, more than the 50 accepted (MAX_PAGES)' });
  });

  withReceipt('rereads the doubtful lines of a receipt photo tesseract reads poorly with PP-OCR (the default)', async () => {
    const image = readFileSync(SROIE_RECEIPT);
    const doc = await seedDocument(db.dataSource, image, { mimeType: 'image/jpeg' });
    await enqueue(doc);
    await waitForDocumentStatus(db.dataSource, doc.documentId, ['done', 'needs_review', 'failed']);
    const [invoice] = await db.dataSource.query(`SELECT engine_version, ocr_confidence, total FROM invoices WHERE document_id = $1`, [
      doc.documentId,
    ]);
    expect(invoice.ocr_confidence).toBeLessThan(85);
    expect(invoice.engine_version).toMatch(/^tesseract\.js@.*\+ppocr-v4-rec$/);
    expect(invoice.total).toBe('2.50');
  });
});
