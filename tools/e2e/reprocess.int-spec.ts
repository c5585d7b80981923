import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import type { InvoiceResponse, JobStatusResponse, UploadResponse } from '@invoice/contracts';
import { generateInvoiceData, renderInvoicePdf } from '@invoice/invoice-generator';
import { createTestDatabase, deleteRedisPrefix, uniqueQueuePrefix, waitForDocumentStatus, type TestDatabase } from '@invoice/testing';
import { login, startGateway, testGatewayConfig, userToken } from '../../apps/gateway/src/testing/gateway.harness.js';
import { createWorker } from '../../apps/ocr-worker/src/bootstrap.js';
import { testWorkerConfig } from '../../apps/ocr-worker/src/testing/worker.harness.js';

jest.setTimeout(120_000);

/**
 * Upload a PDF, then reprocess it with other OCR settings: the gateway and an OCR worker in this
 * process, on a database and a queue prefix of their own, with real Postgres, Redis and tesseract.js.
 */
describe('reprocess (gateway + OCR worker, real Postgres, Redis and tesseract.js)', () => {
  let db: TestDatabase;
  let prefix: string;
  let app: INestApplication;
  let worker: INestApplicationContext;
  let http: ReturnType<typeof request>;
  let admin: string;

  beforeAll(async () => {
    db = await createTestDatabase('reprocess');
    prefix = uniqueQueuePrefix('reprocess');
    app = await startGateway(testGatewayConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix }));
    http = request(app.getHttpServer());
    admin = await login(app, 'admin', 'admin');
    // Reprocessing is under test, not the review of a layout's first invoice, nor the per-field thresholds the
    // training script chooses (they move with every refit; the classic layout's logo name reads at about 0.75).
    worker = await createWorker(
      testWorkerConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix, REVIEW_NEW_LAYOUTS: 'off', REVIEW_THRESHOLD: '0.7' }),
    );
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await db?.drop();
    await deleteRedisPrefix(prefix);
  });

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  it('queues a new job, keeps the earlier invoice readable until the new result is stored, and refuses a second one while pending', async () => {
    const truth = generateInvoiceData(3001, { language: 'en', withEmail: true });
    const pdf = await renderInvoicePdf(truth, {
      pdf: 'text',
      seed: 3001,
      extraPages: [['Terms and conditions', 'Payment due within 30 days']],
    });
    const upload = await http.post('/api/invoices').set(auth(admin)).attach('files', pdf, 'invoice.pdf').expect(202);
    const { documentId, jobId: firstJob } = (upload.body as UploadResponse).jobs[0]!;
    await waitForDocumentStatus(db.dataSource, documentId, ['done', 'needs_review', 'failed']);
    const first = (await http.get(`/api/invoices/${documentId}`).set(auth(admin)).expect(200)).body as InvoiceResponse;
    expect(first).toMatchObject({ status: 'done', pageCount: 2, mimeType: 'application/pdf' });
    expect(first.invoice?.ocr.engineVersion).toMatch(/^pdfjs-dist@/);
    expect([first.invoice?.invoiceNumber, first.invoice?.total]).toEqual([truth.invoiceNumber, truth.total]);

    // Bad settings, unknown documents and viewers are refused.
    const bad = await http.post(`/api/invoices/${documentId}/reprocess`).set(auth(admin)).send({ psm: 99 }).expect(400);
    expect(bad.body.message).toMatch(/psm/);
    await http.post(`/api/invoices/${documentId}/reprocess`).set(auth(admin)).send({ languages: 'deu' }).expect(400);
    await http.post('/api/invoices/00000000-0000-4000-8000-000000000000/reprocess').set(auth(admin)).expect(404);
    const viewer = await userToken(app, 'Default organization', 'reprocess-viewer', 'viewer');
    await http.post(`/api/invoices/${documentId}/reprocess`).set(auth(viewer)).expect(403);
    const stranger = await userToken(app, 'Another organization', 'reprocess-stranger', 'admin');
    await http.post(`/api/invoices/${documentId}/reprocess`).set(auth(stranger)).expect(404);

    // OCR every page this time, ignoring the text layer.
    const queued = (await http.post(`/api/invoices/${documentId}/reprocess`).set(auth(admin)).send({ textLayer: false }).expect(202))
      .body as JobStatusResponse;
    expect(queued).toEqual({ jobId: expect.any(String), documentId, status: 'queued', progress: 0, error: null });
    expect(queued.jobId).not.toBe(firstJob);
    const pending = (await http.get(`/api/invoices/${documentId}`).set(auth(admin)).expect(200)).body as InvoiceResponse;
    expect(['queued', 'processing']).toContain(pending.status);
    expect(pending.jobId).toBe(queued.jobId);
    expect(pending.invoice?.ocr.engineVersion).toMatch(/^pdfjs-dist@/);
    expect(pending.invoice?.invoiceNumber).toBe(truth.invoiceNumber);
    const conflict = await http.post(`/api/invoices/${documentId}/reprocess`).set(auth(admin)).expect(409);
    expect(conflict.body.message).toMatch(/already (queued|processing)/);

    await waitForDocumentStatus(db.dataSource, documentId, ['done', 'needs_review', 'failed'], 90_000);
    const job = (await http.get(`/api/jobs/${queued.jobId}`).set(auth(admin)).expect(200)).body as JobStatusResponse;
    expect(job).toMatchObject({ documentId, progress: 100, error: null });
    const second = (await http.get(`/api/invoices/${documentId}`).set(auth(admin)).expect(200)).body as InvoiceResponse;
    expect(second.pageCount).toBe(2);
    expect(second.invoice?.ocr.engineVersion).toMatch(/^tesseract\.js@/);
    expect(second.invoice?.invoiceNumber).toBe(truth.invoiceNumber);
    expect(second.invoice?.ocr.words.some((w) => w.page === 1)).toBe(true);
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM invoices WHERE document_id = $1`, [documentId]);
    expect(count).toBe(1);
  });
});
