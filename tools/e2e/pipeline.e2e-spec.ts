import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { generateInvoice, type InvoiceGroundTruth } from '@invoice/invoice-generator';
import {
  createTestDatabase,
  deleteRedisPrefix,
  startService,
  uniqueQueuePrefix,
  waitForDocumentStatus,
  type ServiceProcess,
  type TestDatabase,
} from '@invoice/testing';
import type { InvoiceListResponse, InvoiceResponse, JobStatusResponse, UploadResponse } from '@invoice/contracts';

/**
 * The whole system as it runs: the built gateway and OCR worker entry points as separate
 * processes, on a database and a queue prefix of their own, driven only through HTTP.
 */
describe('pipeline end to end (processes, real Postgres, Redis and tesseract.js)', () => {
  let db: TestDatabase;
  let prefix: string;
  let env: Record<string, string>;
  let gateway: ServiceProcess;
  let token: string;
  const workers: ServiceProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('e2e');
    prefix = uniqueQueuePrefix('e2e');
    env = {
      DATABASE_URL: db.url,
      QUEUE_PREFIX: prefix,
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123',
      OCR_CONCURRENCY: '1',
      OCR_LOCK_DURATION_MS: '4000',
      // This file follows documents through the processes; the review decision is the worker int-tests' and the
      // evaluation's subject: at 0, and no new-layout review, the status depends on the checks alone, as the
      // assertions on `done` below expect.
      REVIEW_THRESHOLD: '0',
      REVIEW_NEW_LAYOUTS: 'off',
      RECONCILE_GRACE_MS: '0',
      RECONCILE_INTERVAL_MS: '2000',
      LOG_LEVEL: 'info',
    };
    gateway = await startService('gateway', env);
    const res = await api('/api/auth/token', {
      method: 'POST',
      body: JSON.stringify({ username: 'admin', password: 'admin' }),
      headers: { 'content-type': 'application/json' },
    });
    token = ((await res.json()) as { access_token: string }).access_token;
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop('SIGKILL')));
  });

  afterAll(async () => {
    await gateway?.stop();
    await db?.drop();
    await deleteRedisPrefix(prefix);
  });

  function api(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(`http://127.0.0.1:${gateway.port}${path}`, { ...init, headers });
  }

  async function startWorker(name: string): Promise<ServiceProcess> {
    const worker = await startService('ocr-worker', env, { name });
    workers.push(worker);
    return worker;
  }

  async function upload(...invoices: { image: Buffer; mimeType: string; name: string; requestId?: string }[]): Promise<UploadResponse> {
    const form = new FormData();
    for (const inv of invoices) form.append('files', new Blob([new Uint8Array(inv.image)], { type: inv.mimeType }), inv.name);
    const requestId = invoices.find((inv) => inv.requestId)?.requestId;
    const res = await api('/api/invoices', { method: 'POST', body: form, headers: requestId ? { 'x-request-id': requestId } : {} });
    if (requestId) expect(res.headers.get('x-request-id')).toBe(requestId);
    expect(res.status).toBe(202);
    return (await res.json()) as UploadResponse;
  }

  async function pollJob(jobId: string, until: (s: JobStatusResponse) => boolean, timeoutMs = 120_000): Promise<JobStatusResponse> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = (await (await api(`/api/jobs/${jobId}`)).json()) as JobStatusResponse;
      if (until(status)) return status;
      if (Date.now() > deadline) throw new Error(`job ${jobId} still ${JSON.stringify(status)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  const finished = (s: JobStatusResponse) => ['done', 'needs_review', 'failed'].includes(s.status);

  function expectMatchesTruth(invoice: InvoiceResponse['invoice'], truth: InvoiceGroundTruth) {
    expect(invoice).toMatchObject({
      invoiceNumber: truth.invoiceNumber,
      issueDate: truth.issueDate,
      issueTime: truth.issueTime,
      customerName: truth.customerName,
      customerEmail: truth.customerEmail,
      customerAddressLine1: truth.customerAddressLine1,
      customerAddressLine2: truth.customerAddressLine2,
      currency: 'EUR',
      total: truth.total,
      lineItems: truth.lineItems,
      issues: [],
    });
  }

  it('uploads generated invoices over HTTP, polls them to done, and reads the extracted invoices', async () => {
    await startWorker('worker-a');
    const en = await generateInvoice(7001, { language: 'en', format: 'png' });
    const fr = await generateInvoice(7002, { language: 'fr', withEmail: true, format: 'jpeg' });
    const { jobs } = await upload(
      { image: en.image, mimeType: 'image/png', name: 'en.png', requestId: 'e2e-upload-0001' },
      { image: fr.image, mimeType: 'image/jpeg', name: 'fr.jpg' },
    );
    expect(jobs.map((j) => j.status)).toEqual(['queued', 'queued']);
    const seen = new Set<string>();
    const statuses = await Promise.all(jobs.map((j) => pollJob(j.jobId, (s) => (seen.add(s.status), finished(s)))));
    expect(statuses.map((s) => s.status)).toEqual(['done', 'done']);
    expect(statuses.every((s) => s.progress === 100 && s.error === null)).toBe(true);
    expect(seen.has('processing')).toBe(true);

    for (const [job, { truth }] of [
      [jobs[0]!, en],
      [jobs[1]!, fr],
    ] as const) {
      const body = (await (await api(`/api/invoices/${job.documentId}`)).json()) as InvoiceResponse;
      expect(body.status).toBe('done');
      expectMatchesTruth(body.invoice, truth);
      expect(body.invoice!.ocr.meanConfidence).toBeGreaterThan(60);
      expect(body.invoice!.ocr.qrPayload).toContain(`INVOICE:${truth.invoiceNumber}`);
      // The threshold the worker judged by, and each field's evidence, come back with the invoice.
      expect(body.invoice!.reviewThreshold).toBe(0);
      expect(body.invoice!.fieldEvidence.invoiceNumber).toMatchObject({ source: 'qr' });
      expect(body.invoice!.fieldEvidence.total?.wordIndexes.length).toBeGreaterThan(0);
    }
    const list = (await (await api('/api/invoices?status=done')).json()) as InvoiceListResponse;
    expect(list.items.map((i: { documentId: string }) => i.documentId).sort()).toEqual(jobs.map((j) => j.documentId).sort());

    // The monitoring summary sees the live worker (heartbeat) and what it did (from Postgres).
    const summary = (await (await api('/api/monitoring/summary')).json()) as {
      workers: { alive: number; list: { processed: number; concurrency: number }[] };
      throughput: { perMinute: { done: number }[] };
      ocrLatencyMs: { p50: number; samples: number };
      reviewRate: number;
      errorRate: number;
    };
    expect(summary.workers.alive).toBe(1);
    expect(summary.workers.list[0]).toMatchObject({ concurrency: 1 });
    expect(summary.throughput.perMinute.reduce((sum, m) => sum + m.done, 0)).toBe(2);
    expect(summary.ocrLatencyMs.samples).toBe(2);
    expect(summary.ocrLatencyMs.p50).toBeGreaterThan(100);
    expect(summary).toMatchObject({ reviewRate: 0, errorRate: 0 });

    // Structured JSON logs: the upload's request id follows it into the worker's job log.
    const lines = (service: ServiceProcess) =>
      service
        .logs()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    const stored = lines(gateway).find((l) => l.msg === 'upload stored and queued' && l.requestId === 'e2e-upload-0001');
    expect(stored).toMatchObject({ service: 'gateway', documentIds: jobs.map((j) => j.documentId) });
    for (const job of jobs) {
      expect(lines(workers[0]!)).toContainEqual(
        expect.objectContaining({
          service: 'ocr-worker',
          msg: 'invoice done',
          requestId: 'e2e-upload-0001',
          documentId: job.documentId,
          jobId: job.jobId,
        }),
      );
    }
  });

  it('hands the job of a worker killed mid-job to another worker, and stores the invoice exactly once', async () => {
    const doomed = await startWorker('worker-doomed');
    const { truth, image } = await generateInvoice(7003);
    const { jobs } = await upload({ image, mimeType: 'image/png', name: 'killed.png' });
    await pollJob(jobs[0]!.jobId, (s) => s.status === 'processing', 30_000);
    expect(await doomed.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });

    await startWorker('worker-rescuer');
    const status = await pollJob(jobs[0]!.jobId, finished);
    expect(status.status).toBe('done');
    const [{ count }] = await db.dataSource.query('SELECT count(*)::int AS count FROM invoices WHERE document_id = $1', [
      jobs[0]!.documentId,
    ]);
    expect(count).toBe(1);
    const body = (await (await api(`/api/invoices/${jobs[0]!.documentId}`)).json()) as InvoiceResponse;
    expectMatchesTruth(body.invoice, truth);

    // The killed worker stops beating: the summary shows it gone within the heartbeat's expiry.
    const deadline = Date.now() + 45_000;
    for (;;) {
      const summary = (await (await api('/api/monitoring/summary')).json()) as { workers: { alive: number; list: { pid: number }[] } };
      if (!summary.workers.list.some((w) => w.pid === doomed.child.pid)) {
        expect(summary.workers.alive).toBe(1);
        break;
      }
      if (Date.now() > deadline) throw new Error('the killed worker still shows as alive');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  });

  it('finishes the job in hand on SIGTERM before exiting', async () => {
    const worker = await startWorker('worker-graceful');
    const { image } = await generateInvoice(7004);
    const { jobs } = await upload({ image, mimeType: 'image/png', name: 'graceful.png' });
    await pollJob(jobs[0]!.jobId, (s) => s.status === 'processing', 30_000);
    const stopping = Date.now();
    const exit = await worker.stop('SIGTERM');
    // A clean shutdown: not killed by the harness's SIGKILL fallback, and the job finished before exit.
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    expect(Date.now() - stopping).toBeLessThan(60_000);
    const [row] = await db.dataSource.query('SELECT status, progress FROM documents WHERE id = $1', [jobs[0]!.documentId]);
    expect(row).toEqual({ status: 'done', progress: 100 });
  });

  it('loses no invoice when Redis loses everything: the reconciler queues it again from Postgres', async () => {
    const { truth, image } = await generateInvoice(7005, { language: 'fr' });
    const { jobs } = await upload({ image, mimeType: 'image/png', name: 'lost.png' });
    // No worker is running: the job waits in Redis. Then Redis loses every key (a restart without persistence).
    expect(await deleteRedisPrefix(prefix)).toBeGreaterThan(0);
    await startWorker('worker-after-redis-loss');
    const final = await waitForDocumentStatus(db.dataSource, jobs[0]!.documentId, ['done', 'needs_review', 'failed']);
    expect(final.status).toBe('done');
    const body = (await (await api(`/api/invoices/${jobs[0]!.documentId}`)).json()) as InvoiceResponse;
    expectMatchesTruth(body.invoice, truth);
  });
});
