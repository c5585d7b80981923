import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateInvoice } from '@invoice/invoice-generator';
import {
  createTestDatabase,
  deleteRedisPrefix,
  startService,
  uniqueQueuePrefix,
  type ServiceProcess,
  type TestDatabase,
} from '@invoice/testing';
import type { JobStatusResponse, UploadResponse } from '@invoice/contracts';
import { HEALTH } from '../deploy-checks/app-contract.js';

const WORKERS = 3;
const INVOICES = 9;
const FINISHED = ['done', 'needs_review', 'failed'];

/** A metric's value summed over its series, from a Prometheus text exposition. */
function metricValue(text: string, name: string, labels = ''): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && line.includes(labels))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/**
 * Scaling out, shown with processes: one gateway and three OCR workers (one OCR job at a time
 * each, each on its own health port) share one database and one queue prefix. A batch uploaded
 * over HTTP is spread over the workers; one worker is SIGKILLed while it OCRs, its job is taken
 * over once its lock expires, and every upload ends with exactly one document and one invoice.
 */
describe('scale: one gateway, three OCR workers, one killed mid-job (processes, real Postgres, Redis, tesseract.js)', () => {
  let db: TestDatabase;
  let prefix: string;
  let gateway: ServiceProcess;
  let workers: ServiceProcess[] = [];
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase('scale');
    prefix = uniqueQueuePrefix('scale');
    const env = {
      DATABASE_URL: db.url,
      QUEUE_PREFIX: prefix,
      JWT_SECRET: 'scale-secret-scale-secret-scale-secret-0123',
      OCR_CONCURRENCY: '1',
      // A dead worker's job is handed to another worker after 4 s instead of 30 s.
      OCR_LOCK_DURATION_MS: '4000',
      LOG_LEVEL: 'info',
    };
    // startService gives every process its own free port (the workers' health/metrics servers).
    [gateway, ...workers] = await Promise.all([
      startService('gateway', env),
      ...Array.from({ length: WORKERS }, (_, i) => startService('ocr-worker', env, { name: `worker-${i + 1}` })),
    ]);
    const res = await fetch(`http://127.0.0.1:${gateway.port}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'admin' }),
    });
    token = ((await res.json()) as { access_token: string }).access_token;
  }, 90_000);

  afterAll(async () => {
    await Promise.all([gateway, ...workers].filter(Boolean).map((service) => service.stop('SIGKILL')));
    await db?.drop();
    if (prefix) await deleteRedisPrefix(prefix);
  });

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`http://127.0.0.1:${gateway.port}${path}`, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } });
  // One connection per scrape (agent: false). A worker's event loop can be busy for seconds on a loaded
  // machine (its first French invoice loads the word lists, about 0.5 s of CPU); a kept-alive connection
  // that its server times out meanwhile would reset the next request sent on it.
  const metricsOf = (worker: ServiceProcess) =>
    new Promise<string>((resolve, reject) => {
      get({ host: '127.0.0.1', port: worker.port, path: '/metrics', agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(body) : reject(new Error(`${worker.name} /metrics answered ${res.statusCode}`)),
        );
        res.on('error', reject);
      }).on('error', reject);
    });

  it('serves the probe and scrape paths the compose file and the k8s manifests use, on every process', async () => {
    for (const service of [gateway, ...workers]) {
      const get = (path: string) => fetch(`http://127.0.0.1:${service.port}${path}`);
      expect((await get(HEALTH.live)).status).toBe(200);
      const ready = await get(HEALTH.ready);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ checks: { postgres: 'up', redis: 'up' } });
      const metrics = await get(HEALTH.metrics);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('invoice_ocr_queue_jobs{queue="ocr",state="waiting"');
    }
  });

  it('spreads a batch over the workers, survives a SIGKILLed worker, and stores every invoice exactly once', async () => {
    const started = Date.now();
    const generated = await Promise.all(
      Array.from({ length: INVOICES }, (_, i) => generateInvoice(9100 + i, { language: i % 2 ? 'fr' : 'en' })),
    );
    const form = new FormData();
    generated.forEach(({ image }, i) => form.append('files', new Blob([new Uint8Array(image)], { type: 'image/png' }), `scale-${i}.png`));
    const upload = await api('/api/invoices', { method: 'POST', body: form });
    expect(upload.status).toBe(202);
    const { jobs, rejected } = (await upload.json()) as UploadResponse;
    expect(rejected).toEqual([]);
    expect(jobs).toHaveLength(INVOICES);
    expect(jobs.every((job) => job.status === 'queued' && !job.duplicate)).toBe(true);
    expect(new Set(jobs.map((job) => job.documentId)).size).toBe(INVOICES); // one document per upload

    // SIGKILL the first worker seen with its tesseract worker busy: a job in hand, mid-OCR.
    let victim: ServiceProcess | undefined;
    const peakRss = new Map<string, number>();
    for (const deadline = Date.now() + 30_000; !victim && Date.now() < deadline;) {
      for (const worker of workers) {
        const text = await metricsOf(worker);
        peakRss.set(worker.name, Math.max(peakRss.get(worker.name) ?? 0, metricValue(text, 'invoice_ocr_process_resident_memory_bytes')));
        if (metricValue(text, 'invoice_ocr_tesseract_workers', 'state="busy"') >= 1) {
          victim = worker;
          break;
        }
      }
      if (!victim) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(victim).toBeDefined();
    expect(await victim!.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    const survivors = workers.filter((worker) => worker !== victim);

    // Every job ends done or needs_review, none failed, polled over HTTP like a client.
    const statuses = new Map<string, JobStatusResponse>();
    for (const deadline = Date.now() + 120_000; statuses.size < INVOICES && Date.now() < deadline;) {
      for (const job of jobs.filter((j) => !statuses.has(j.jobId))) {
        const status = (await (await api(`/api/jobs/${job.jobId}`)).json()) as JobStatusResponse;
        if (FINISHED.includes(status.status)) statuses.set(job.jobId, status);
      }
      for (const worker of survivors) {
        const rss = metricValue(await metricsOf(worker), 'invoice_ocr_process_resident_memory_bytes');
        peakRss.set(worker.name, Math.max(peakRss.get(worker.name) ?? 0, rss));
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect([...statuses.values()].map((s) => s.status).filter((s) => s !== 'done' && s !== 'needs_review')).toEqual([]);
    expect(statuses.size).toBe(INVOICES);

    // Exactly once: one document per upload, one invoice per document.
    const [counts] = await db.dataSource.query(
      `SELECT (SELECT count(*)::int FROM documents) AS documents,
              (SELECT count(*)::int FROM invoices) AS invoices,
              (SELECT count(DISTINCT document_id)::int FROM invoices) AS "invoicedDocuments"`,
    );
    expect(counts).toEqual({ documents: INVOICES, invoices: INVOICES, invoicedDocuments: INVOICES });
    const rows: { id: string; status: string; attempts: number }[] = await db.dataSource.query(
      'SELECT id, status, attempts FROM documents',
    );
    expect(rows.map((row) => row.id).sort()).toEqual(jobs.map((job) => job.documentId).sort());
    // The killed worker's document was started twice: by the victim, then by the worker that took it over.
    expect(rows.filter((row) => row.attempts >= 2).length).toBeGreaterThanOrEqual(1);

    // The work was spread: at least two surviving workers finished invoices.
    const finishedBy = await Promise.all(
      survivors.map(async (worker) => metricValue(await metricsOf(worker), 'invoice_ocr_invoices_processed_total')),
    );
    expect(finishedBy.filter((count) => count > 0).length).toBe(survivors.length);
    // One OCR job at a time stays within the 1 GiB a worker pod requests (k8s/ocr-worker.yaml).
    expect(Math.max(...peakRss.values())).toBeLessThan(1024 ** 3);
    expect(Date.now() - started).toBeLessThan(90_000);
  }, 150_000);
});
