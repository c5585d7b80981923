import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import sharp from 'sharp';
import {
  generateWebhookSecret,
  verifyWebhook,
  type JobStatusStreamEvent,
  type WebhookDeliveryListResponse,
  type WebhookEventBody,
} from '@invoice/contracts';
import { generateInvoice } from '@invoice/invoice-generator';
import { OpsServerHost } from '@invoice/monitoring';
import {
  createTestDatabase,
  deleteRedisPrefix,
  freePort,
  uniqueQueuePrefix,
  waitForDocumentStatus,
  type TestDatabase,
} from '@invoice/testing';
import { JobStatusFeedService } from '../../apps/gateway/src/events/job-status-feed.service.js';
import { startGateway, testGatewayConfig, userToken } from '../../apps/gateway/src/testing/gateway.harness.js';
import { createWorker } from '../../apps/ocr-worker/src/bootstrap.js';
import { testWorkerConfig } from '../../apps/ocr-worker/src/testing/worker.harness.js';
import { DocumentLifecycle } from '../../apps/ocr-worker/src/lifecycle/document-lifecycle.service.js';
import { WebhookReconcilerService } from '../../apps/ocr-worker/src/webhooks/webhook-reconciler.service.js';

/*
 * Push (job status events over SSE, webhooks) across the two apps it spans: the real gateway and
 * the real OCR worker (real tesseract.js on generated invoices) in this process, on their own
 * database and Redis prefix. It lives in tools/ because an app may not import another app.
 */

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  verified: boolean;
}

/** A webhook receiver on 127.0.0.1: verifies each request with the endpoint's secret; `/flaky` answers 500 twice per event id, then 200. */
async function startReceiver(secretOf: (path: string) => string | undefined) {
  const received: Received[] = [];
  const failuresLeft = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => void answer());
    const answer = async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '';
      const secret = secretOf(path);
      const headers = {
        id: req.headers['webhook-id'] as string,
        timestamp: req.headers['webhook-timestamp'] as string,
        signature: req.headers['webhook-signature'] as string,
      };
      const verified = !!secret && (await verifyWebhook(secret, headers, body));
      received.push({ path, headers: req.headers, body, verified });
      if (path === '/flaky') {
        const left = failuresLeft.get(headers.id) ?? 2;
        failuresLeft.set(headers.id, left - 1);
        if (left > 0) {
          res.writeHead(500).end('not now');
          return;
        }
      }
      res.writeHead(verified ? 200 : 401).end();
    };
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Reads a server-sent event stream to its end: the JSON data of each event, and the number of comment lines. */
async function readEventStream(response: Response): Promise<{ events: JobStatusStreamEvent[]; comments: number }> {
  const text = await response.text(); // resolves only once the server closes the stream
  const events: JobStatusStreamEvent[] = [];
  let comments = 0;
  for (const block of text.split('\n\n')) {
    const lines = block.split('\n').filter(Boolean);
    comments += lines.filter((line) => line.startsWith(':')).length;
    const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice(6));
    if (data.length) events.push(JSON.parse(data.join('\n')));
  }
  return { events, comments };
}

/** A PNG cut in half: accepted at upload (the bytes say PNG), unreadable by the worker, so the document ends `failed`. */
async function truncatedPng(seed: number): Promise<Buffer> {
  const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: seed % 256, g: 90, b: 30 } } })
    .png({ compressionLevel: 0 })
    .toBuffer();
  return png.subarray(0, Math.floor(png.length / 2));
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('push: job status events and webhooks (real gateway, worker, Postgres, Redis and tesseract.js)', () => {
  let db: TestDatabase;
  let prefix: string;
  let gateway: INestApplication;
  let worker: INestApplicationContext;
  let base: string;
  let admin: string;
  const secrets = new Map<string, string>();
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    db = await createTestDatabase('push');
    prefix = uniqueQueuePrefix('push');
    receiver = await startReceiver((path) => secrets.get(path));
    gateway = await startGateway(
      testGatewayConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix, SSE_HEARTBEAT_MS: '500', WEBHOOK_ALLOWED_TARGETS: '127.0.0.1/32' }),
    );
    await gateway.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(gateway.getHttpServer().address() as AddressInfo).port}`;
    await gateway.get(JobStatusFeedService).waitUntilReady();
    const config = testWorkerConfig({
      DATABASE_URL: db.url,
      QUEUE_PREFIX: prefix,
      WEBHOOK_ATTEMPTS: '4',
      WEBHOOK_BACKOFF_MS: '200',
      WEBHOOK_TIMEOUT_MS: '2000',
      // The receiver is on loopback, which webhooks may reach only as a listed exception.
      WEBHOOK_ALLOWED_TARGETS: '127.0.0.1/32',
      // The push paths are under test, not the review decision: every extracted invoice is done.
      REVIEW_THRESHOLD: '0',
      REVIEW_NEW_LAYOUTS: 'off',
    });
    worker = await createWorker(config);
    admin = await userToken(gateway, 'Push organization', 'push-admin', 'admin');
  });

  afterAll(async () => {
    await worker?.close();
    await gateway?.close();
    await receiver?.close();
    await db?.drop();
    await deleteRedisPrefix(prefix);
  });

  const api = (path: string, init: RequestInit & { token?: string } = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${init.token ?? admin}`);
    return fetch(`${base}${path}`, { ...init, headers });
  };
  const json = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

  async function upload(image: Buffer, name: string, token = admin): Promise<{ jobId: string; documentId: string }> {
    const form = new FormData();
    form.append('files', new Blob([new Uint8Array(image)]), name);
    const res = await api('/api/invoices', { method: 'POST', body: form, token });
    expect(res.status).toBe(202);
    return ((await res.json()) as { jobs: { jobId: string; documentId: string }[] }).jobs[0]!;
  }

  describe('GET /api/jobs/:jobId/events', () => {
    it('streams the status from Postgres, then processing and done as the worker goes, then closes', async () => {
      // What the gateway's one subscription receives (from the gateway's upload and the worker), whatever the streams do with it.
      const live: { jobId: string; status: string; progress: number }[] = [];
      const subscription = gateway.get(JobStatusFeedService).events$.subscribe((event) => live.push(event));
      const { image } = await generateInvoice(1001, { language: 'fr', withEmail: true, format: 'jpeg' });
      const { jobId, documentId } = await upload(image, 'stream.jpg');
      // EventSource style: the token in the query string.
      const res = await fetch(`${base}/api/jobs/${jobId}/events?access_token=${admin}`, { headers: { accept: 'text/event-stream' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const { events } = await readEventStream(res);

      const statuses = events.map((e) => e.status);
      expect(['queued', 'processing']).toContain(statuses[0]);
      expect(statuses.at(-1)).toBe('done');
      // In order: never back to an earlier status, progress never down while processing, then done once.
      const rank = { queued: 0, processing: 1, done: 2, needs_review: 2, failed: 2, rejected: 2 } as const;
      for (let i = 1; i < events.length; i++) {
        expect(rank[events[i]!.status]).toBeGreaterThanOrEqual(rank[events[i - 1]!.status]);
        if (events[i]!.status === 'processing' && events[i - 1]!.status === 'processing')
          expect(events[i]?.progress).toBeGreaterThan(events[i - 1]!.progress);
      }
      expect(events.filter((e) => e.status === 'processing' && e.progress < 100).length).toBeGreaterThanOrEqual(1);
      expect(statuses.filter((s) => s === 'done')).toHaveLength(1);
      for (const event of events) expect(event).toMatchObject({ jobId, documentId, error: null, at: expect.any(String) });
      expect(events.at(-1)!.progress).toBe(100);

      // Every change reached the gateway as a live event, in order: queued at upload, then the worker's.
      subscription.unsubscribe();
      expect(live.filter((e) => e.jobId === jobId).map((e) => `${e.status}:${e.progress}`)).toEqual([
        'queued:0',
        'processing:5',
        'processing:15',
        'processing:80',
        'done:100',
      ]);

      // A stream opened once the job is over: the final status alone, then the end.
      const after = await readEventStream(await api(`/api/jobs/${jobId}/events`));
      expect(after.events).toEqual([expect.objectContaining({ jobId, status: 'done', progress: 100 })]);
    });

    it('streams a batch: its counts first, the status changes of its files, and the completed batch last', async () => {
      const form = new FormData();
      for (const seed of [1011, 1012]) {
        const { image } = await generateInvoice(seed, { format: 'png' });
        form.append('files', new Blob([new Uint8Array(image)]), `batch-${seed}.png`);
      }
      const uploaded = await api('/api/invoices', { method: 'POST', body: form });
      expect(uploaded.status).toBe(202);
      const { batchId, jobs } = (await uploaded.json()) as { batchId: string; jobs: { jobId: string }[] };

      const res = await fetch(`${base}/api/batches/${batchId}/events?access_token=${admin}`, { headers: { accept: 'text/event-stream' } });
      expect(res.status).toBe(200);
      const text = await res.text(); // resolves once the server closes the stream
      const events = text
        .split('\n\n')
        .map((block) => block.split('\n'))
        .filter((lines) => lines.some((line) => line.startsWith('data: ')))
        .map((lines) => ({
          type: lines.find((line) => line.startsWith('event: '))?.slice(7),
          data: JSON.parse(lines.find((line) => line.startsWith('data: '))!.slice(6)) as Record<string, unknown>,
        }));
      const batches = events
        .filter((e) => e.type === 'batch')
        .map((e) => e.data as { batchId: string; progress: number; completedAt: string | null; counts: Record<string, number> });
      const jobEvents = events.filter((e) => e.type === 'job').map((e) => e.data as { jobId: string; status: string });
      expect(batches[0]).toMatchObject({ batchId, completedAt: null });
      const last = batches.at(-1)!;
      expect(last).toMatchObject({ batchId, progress: 100, completedAt: expect.any(String) });
      expect(last.counts.done! + last.counts.needs_review!).toBe(2);
      // Progress never goes down, and both files' final statuses (done or needs_review) came as job events.
      for (let i = 1; i < batches.length; i++) expect(batches[i]!.progress).toBeGreaterThanOrEqual(batches[i - 1]!.progress);
      for (const { jobId } of jobs)
        expect(jobEvents.filter((e) => e.jobId === jobId).map((e) => e.status)).toContainEqual(
          expect.stringMatching(/^(done|needs_review)$/),
        );
      expect(new Set(jobEvents.map((e) => e.jobId))).toEqual(new Set(jobs.map((j) => j.jobId)));

      // Another organization's batch is a 404 before any event.
      const other = await userToken(gateway, 'Other push organization', 'push-other-batch', 'admin');
      expect((await api(`/api/batches/${batchId}/events`, { token: other })).status).toBe(404);
    });

    it('sends heartbeats while nothing changes, and stops listening when the client leaves', async () => {
      const { image } = await generateInvoice(1005, { format: 'png' });
      // Straight into Postgres, never queued: the job stays queued while the stream is open.
      const organizationId = (await db.dataSource.query(`SELECT organization_id FROM users WHERE username = 'push-admin'`))[0]
        .organization_id;
      const jobId = crypto.randomUUID();
      await db.dataSource.query(
        `INSERT INTO documents (id, organization_id, job_id, filename, mime_type, size_bytes, sha256, status) VALUES ($1, $2, $3, 'idle.png', 'image/png', $4, $5, 'queued')`,
        [crypto.randomUUID(), organizationId, jobId, image.length, 'f'.repeat(64)],
      );
      const controller = new AbortController();
      const res = await api(`/api/jobs/${jobId}/events`, { signal: controller.signal });
      const reader = res.body!.getReader();
      let text = '';
      while ((text.match(/: heartbeat/g) ?? []).length < 2) text += new TextDecoder().decode((await reader.read()).value);
      expect(text).toContain('"status":"queued"');
      const events = gateway.get(JobStatusFeedService);
      const subscribers = () => (events as unknown as { subject: { observers: unknown[] } }).subject.observers.length;
      expect(subscribers()).toBe(1);
      controller.abort();
      await until('the stream to be released', async () => subscribers() === 0, 5_000);
    });

    it("streams a retry back to queued with its error, then the final failure, from the worker's failure paths", async () => {
      const organizationId = (await db.dataSource.query(`SELECT organization_id FROM users WHERE username = 'push-admin'`))[0]
        .organization_id;
      const [documentId, jobId] = [crypto.randomUUID(), crypto.randomUUID()];
      await db.dataSource.query(
        `INSERT INTO documents (id, organization_id, job_id, filename, mime_type, size_bytes, sha256, status, progress) VALUES ($1, $2, $3, 'retry.png', 'image/png', 1, $4, 'processing', 80)`,
        [documentId, organizationId, jobId, 'e'.repeat(64)],
      );
      const res = await api(`/api/jobs/${jobId}/events`);
      const reader = res.body!.getReader();
      let text = '';
      const readUntil = async (needle: string) => {
        while (!text.includes(needle)) text += new TextDecoder().decode((await reader.read()).value);
      };
      await readUntil('"progress":80');
      const lifecycle = worker.get(DocumentLifecycle);
      await lifecycle.retry(documentId, 'tesseract timed out');
      await readUntil('Retrying after: tesseract timed out');
      await lifecycle.fail(documentId, 'tesseract timed out (last attempt)');
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += new TextDecoder().decode(chunk.value);
      const events = text
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => JSON.parse(line.slice(6)) as JobStatusStreamEvent);
      expect(events.map((e) => [e.status, e.progress, e.error])).toEqual([
        ['processing', 80, null],
        ['queued', 0, 'Retrying after: tesseract timed out'],
        ['failed', 0, 'tesseract timed out (last attempt)'],
      ]);
    });

    it("answers 404 for another organization's job, 401 without a token, and takes ?access_token= on event streams only", async () => {
      const { jobId } = await upload((await generateInvoice(1006)).image, 'other.png');
      const stranger = await userToken(gateway, 'Other organization', 'push-stranger', 'viewer');
      const notFound = await api(`/api/jobs/${jobId}/events`, { token: stranger });
      expect(notFound.status).toBe(404);
      expect(await notFound.json()).toMatchObject({ code: 'NOT_FOUND' });
      const anonymous = await fetch(`${base}/api/jobs/${jobId}/events`);
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.json()) as { message: string }).message).toMatch(/access_token/);
      // The query token is not a way in anywhere else.
      expect((await fetch(`${base}/api/jobs/${jobId}?access_token=${admin}`)).status).toBe(401);
      expect((await fetch(`${base}/api/jobs/${jobId}/events?access_token=not-a-token`)).status).toBe(401);
      await waitForDocumentStatus(db.dataSource, (await db.dataSource.query(`SELECT id FROM documents WHERE job_id = $1`, [jobId]))[0].id, [
        'done',
        'needs_review',
        'failed',
      ]);
    });
  });

  describe('webhooks', () => {
    const ids: Record<string, string> = {};

    it('refuses bad registrations with a clear 400, and non-admins with a 403', async () => {
      const ftp = await api('/api/webhooks', json({ url: 'ftp://example.com/hook' }));
      expect(ftp.status).toBe(400);
      expect(((await ftp.json()) as { message: string }).message).toMatch(/url must be an absolute http:\/\/ or https:\/\/ URL/);
      const events = await api('/api/webhooks', json({ url: 'https://example.com/hook', events: ['invoice.paid'] }));
      expect(events.status).toBe(400);
      expect(((await events.json()) as { message: string }).message).toMatch(/events/);
      const uploader = await userToken(gateway, 'Push organization', 'push-uploader', 'uploader');
      expect((await api('/api/webhooks', { ...json({ url: 'https://example.com/hook' }), token: uploader })).status).toBe(403);
    });

    it('registers endpoints: the secret is shown once', async () => {
      const ok = await api('/api/webhooks', json({ url: `${receiver.url}/ok` }));
      expect(ok.status).toBe(201);
      const created = (await ok.json()) as { id: string; secret: string; events: string[] };
      expect(created.secret).toMatch(/^whsec_/);
      expect(created.events).toEqual(['invoice.done', 'invoice.needs_review', 'invoice.failed']);
      secrets.set('/ok', created.secret);
      ids.ok = created.id;

      const own = generateWebhookSecret();
      const flaky = await api(
        '/api/webhooks',
        json({ url: `${receiver.url}/flaky`, secret: own, events: ['invoice.failed', 'invoice.done'] }),
      );
      expect(flaky.status).toBe(201);
      const flakyBody = (await flaky.json()) as { id: string; secret: string; events: string[] };
      expect(flakyBody).toMatchObject({ secret: own, events: ['invoice.done', 'invoice.failed'] });
      secrets.set('/flaky', own);
      ids.flaky = flakyBody.id;

      const failedOnly = (await (
        await api('/api/webhooks', json({ url: `${receiver.url}/failed-only`, events: ['invoice.failed'] }))
      ).json()) as { id: string; secret: string };
      secrets.set('/failed-only', failedOnly.secret);
      ids.failedOnly = failedOnly.id;

      const list = (await (await api('/api/webhooks')).json()) as { id: string; secret?: string }[];
      expect(list.map((w) => w.id)).toEqual([ids.ok, ids.flaky, ids.failedOnly]);
      for (const endpoint of list) expect(endpoint).not.toHaveProperty('secret');
    });

    it('delivers signed events of a done invoice, retrying an endpoint that fails twice', async () => {
      const { truth, image } = await generateInvoice(1007, { language: 'en', format: 'png' });
      const { documentId, jobId } = await upload(image, 'hooked.png');
      await waitForDocumentStatus(db.dataSource, documentId, ['done', 'needs_review', 'failed']);
      const status = ((await db.dataSource.query(`SELECT status FROM documents WHERE id = $1`, [documentId]))[0] as { status: string })
        .status;
      expect(status).toBe('done');

      const forDocument = (path: string) =>
        receiver.received.filter((r) => r.path === path && (JSON.parse(r.body) as WebhookEventBody).data.documentId === documentId);
      await until(
        'the flaky endpoint to get its third attempt',
        async () => forDocument('/flaky').length >= 3 && forDocument('/ok').length >= 1,
      );
      const [ok] = forDocument('/ok');
      expect(ok!.verified).toBe(true);
      const body = JSON.parse(ok!.body) as WebhookEventBody;
      expect(body).toMatchObject({
        id: ok!.headers['webhook-id'],
        type: 'invoice.done',
        data: {
          documentId,
          jobId,
          status: 'done',
          error: null,
          filename: 'hooked.png',
          invoice: { invoiceNumber: truth.invoiceNumber, total: truth.total, issues: [] },
        },
      });
      expect(ok!.headers['content-type']).toBe('application/json');
      const flaky = forDocument('/flaky');
      expect(flaky.every((r) => r.verified)).toBe(true);
      // The same event id on every attempt (receivers deduplicate on it).
      expect(new Set(flaky.map((r) => r.headers['webhook-id'])).size).toBe(1);
      expect(forDocument('/failed-only')).toHaveLength(0);

      const deliveries = await until('the flaky delivery to be recorded as succeeded', async () => {
        const page = (await (await api(`/api/webhooks/${ids.flaky}/deliveries`)).json()) as WebhookDeliveryListResponse;
        return page.items[0]?.status === 'succeeded' ? page : undefined;
      });
      expect(deliveries.items).toHaveLength(1);
      expect(deliveries.items[0]).toMatchObject({
        eventType: 'invoice.done',
        documentId,
        status: 'succeeded',
        attempts: 3,
        responseCode: 200,
        deliveredAt: expect.any(String),
      });
      const okDeliveries = (await (await api(`/api/webhooks/${ids.ok}/deliveries`)).json()) as WebhookDeliveryListResponse;
      expect(okDeliveries.items[0]).toMatchObject({
        id: ok!.headers['webhook-id'],
        status: 'succeeded',
        attempts: 1,
        responseCode: 200,
        lastError: null,
      });

      const metrics = await (await fetch(`http://127.0.0.1:${worker.get(OpsServerHost).port}/metrics`)).text();
      const sample = (outcome: string) =>
        Number(metrics.match(new RegExp(`invoice_ocr_webhook_deliveries_total\\{outcome="${outcome}"[^}]*\\} (\\d+)`))?.[1] ?? NaN);
      expect(sample('retried')).toBe(2);
      expect(sample('succeeded')).toBe(2);
      expect(sample('failed')).toBe(0);
    });

    it('records a delivery that keeps failing as failed after the last attempt, with the error', async () => {
      const stubborn = await api(
        '/api/webhooks',
        json({ url: `http://127.0.0.1:${await freePort()}/nobody-listens`, events: ['invoice.failed'] }),
      );
      ids.stubborn = ((await stubborn.json()) as { id: string }).id;
      const { documentId } = await upload(await truncatedPng(1), 'corrupt.png');
      await waitForDocumentStatus(db.dataSource, documentId, ['failed']);
      const page = await until('the last attempt', async () => {
        const list = (await (await api(`/api/webhooks/${ids.stubborn}/deliveries`)).json()) as WebhookDeliveryListResponse;
        return list.items[0]?.status === 'failed' ? list : undefined;
      });
      expect(page.items[0]).toMatchObject({
        eventType: 'invoice.failed',
        documentId,
        attempts: 4,
        responseCode: null,
        lastError: expect.stringMatching(/ECONNREFUSED/),
      });
      const failed = receiver.received.filter(
        (r) => r.path === '/failed-only' && (JSON.parse(r.body) as WebhookEventBody).data.documentId === documentId,
      );
      expect(failed).toHaveLength(1);
      expect(JSON.parse(failed[0]!.body)).toMatchObject({
        type: 'invoice.failed',
        data: { status: 'failed', error: expect.stringMatching(/image/i), invoice: null },
      });
    });

    it('re-queues a pending delivery that Redis lost', async () => {
      const [{ id: documentId, organization_id: organizationId }] = await db.dataSource.query(
        `SELECT id, organization_id FROM documents WHERE filename = 'hooked.png'`,
      );
      const deliveryId = crypto.randomUUID();
      const payload = {
        id: deliveryId,
        type: 'invoice.needs_review',
        createdAt: new Date().toISOString(),
        data: { documentId, jobId: 'x', status: 'needs_review', error: null, filename: 'hooked.png', invoice: null },
      };
      await db.dataSource.query(
        `INSERT INTO webhook_deliveries (id, organization_id, endpoint_id, document_id, event_type, payload, updated_at) VALUES ($1, $2, $3, $4, 'invoice.needs_review', $5, now() - interval '5 minutes')`,
        [deliveryId, organizationId, ids.ok, documentId, JSON.stringify(payload)],
      );
      const report = await worker.get(WebhookReconcilerService).reconcile({ graceMs: 60_000 });
      expect(report).toMatchObject({ skipped: false, requeued: 1 });
      const received = await until('the re-queued delivery', async () =>
        receiver.received.find((r) => r.headers['webhook-id'] === deliveryId),
      );
      expect(received.verified).toBe(true);
    });

    it('deletes an endpoint: gone from the list, its deliveries a 404, and nothing more sent to it', async () => {
      expect((await api(`/api/webhooks/${ids.ok}`, { method: 'DELETE' })).status).toBe(204);
      expect((await api(`/api/webhooks/${ids.ok}`, { method: 'DELETE' })).status).toBe(404);
      expect((await api(`/api/webhooks/${ids.ok}/deliveries`)).status).toBe(404);
      const list = (await (await api('/api/webhooks')).json()) as { id: string }[];
      expect(list.map((w) => w.id)).not.toContain(ids.ok);
      const stranger = await userToken(gateway, 'Other organization', 'push-other-admin', 'admin');
      expect((await api(`/api/webhooks/${ids.flaky}/deliveries`, { token: stranger })).status).toBe(404);
      expect((await api(`/api/webhooks/${ids.flaky}`, { method: 'DELETE', token: stranger })).status).toBe(404);

      const before = receiver.received.filter((r) => r.path === '/ok').length;
      const { documentId } = await upload(await truncatedPng(2), 'after-delete.png');
      await waitForDocumentStatus(db.dataSource, documentId, ['failed']);
      await until('the remaining endpoints to get the event', async () =>
        receiver.received.some((r) => r.path === '/failed-only' && (JSON.parse(r.body) as WebhookEventBody).data.documentId === documentId),
      );
      expect(receiver.received.filter((r) => r.path === '/ok').length).toBe(before);
    });
  });
});
