import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import request from 'supertest';
import { redisConnectionFromUrl } from '@invoice/config';
import { QUEUES } from '@invoice/contracts';
import { finishRun, saveRunResults, startRun } from '@invoice/database';
import { seedInvoice, TEST_REDIS_URL, type TestDatabase } from '@invoice/testing';
import {
  distinctPng,
  handMadeToken,
  login,
  startAdminGateway,
  TEST_JWT_SECRET,
  userToken,
  type AdminGateway,
} from './testing/gateway.harness.js';

describe('gateway (real Postgres and Redis)', () => {
  let gateway: AdminGateway;
  let db: TestDatabase;
  let app: INestApplication;
  let queue: Queue;
  let prefix: string;
  let admin: string;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    gateway = await startAdminGateway('gateway', { MAX_UPLOAD_BYTES: '60000', MAX_FILES_PER_REQUEST: '3' });
    ({ db, app, prefix, admin, http } = gateway);
    queue = new Queue(QUEUES.OCR, { connection: redisConnectionFromUrl(TEST_REDIS_URL), prefix });
  });

  afterAll(async () => {
    await queue?.close();
    await gateway?.close();
  });

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  describe('auth', () => {
    it('issues a bearer token for the bootstrapped admin, and 401 for a wrong password', async () => {
      const ok = await http.post('/api/auth/token').send({ username: 'admin', password: 'admin' }).expect(200);
      expect(ok.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
      const bad = await http.post('/api/auth/token').send({ username: 'admin', password: 'nope' }).expect(401);
      expect(bad.body).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Invalid username or password' });
      await http.post('/api/auth/token').send({ username: 'ghost', password: 'nope' }).expect(401);
    });

    it('stores the admin with an argon2 hash, never the password', async () => {
      const [row] = await db.dataSource.query(`SELECT password_hash FROM users WHERE username = 'admin'`);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.password_hash).not.toContain('admin');
    });

    it('answers 400 with the offending field for a malformed body', async () => {
      const res = await http.post('/api/auth/token').send({ username: 'admin' }).expect(400);
      expect(res.body.message).toContain('password');
    });

    it('refuses missing, tampered, unsigned and expired tokens', async () => {
      await http.get('/api/invoices').expect(401);
      const [header, payload] = admin.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin', org: 'x' })).toString('base64url')}.${admin.split('.')[2]}`;
      await http.get('/api/invoices').set(auth(tampered)).expect(401);
      await http
        .get('/api/invoices')
        .set(auth(handMadeToken(claims, null)))
        .expect(401);
      await http
        .get('/api/invoices')
        .set(auth(handMadeToken({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, TEST_JWT_SECRET)))
        .expect(401);
      await http
        .get('/api/invoices')
        .set(auth(handMadeToken(claims, 'another-secret-another-secret-1234')))
        .expect(401);
      await http
        .get('/api/invoices')
        .set(auth(handMadeToken(claims, TEST_JWT_SECRET)))
        .expect(200);
    });

    it('lets an admin create users of its organization; a viewer cannot upload', async () => {
      await http.post('/api/users').set(auth(admin)).send({ username: 'vera', password: 'viewer-password', role: 'viewer' }).expect(201);
      await http.post('/api/users').set(auth(admin)).send({ username: 'vera', password: 'viewer-password', role: 'viewer' }).expect(409);
      const viewer = await login(app, 'vera', 'viewer-password');
      await http.post('/api/users').set(auth(viewer)).send({ username: 'x2', password: 'whatever-123', role: 'admin' }).expect(403);
      const res = await http
        .post('/api/invoices')
        .set(auth(viewer))
        .attach('files', await distinctPng(1), 'a.png')
        .expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
      await http.get('/api/invoices').set(auth(viewer)).expect(200);
    });
  });

  describe('upload', () => {
    it('stores the file with its document, then queues a job that carries ids only', async () => {
      const png = await distinctPng(2);
      const res = await http.post('/api/invoices').set(auth(admin)).attach('files', png, '../../etc/ré sumé.png').expect(202);
      expect(res.body.rejected).toEqual([]);
      expect(res.body.jobs).toEqual([
        { jobId: expect.any(String), documentId: expect.any(String), filename: 'ré sumé.png', status: 'queued', duplicate: false },
      ]);
      const { jobId, documentId } = res.body.jobs[0];
      const [row] = await db.dataSource.query(
        `SELECT d.status, d.mime_type, d.size_bytes, d.sha256, d.job_id, f.content
           FROM documents d JOIN document_files f ON f.document_id = d.id WHERE d.id = $1`,
        [documentId],
      );
      expect(row).toMatchObject({ status: 'queued', mime_type: 'image/png', size_bytes: png.length, job_id: jobId });
      expect(Buffer.compare(row.content, png)).toBe(0);
      const job = await queue.getJob(jobId);
      expect(job?.data).toEqual({ documentId, organizationId: expect.any(String), requestId: expect.any(String) });
      expect(job?.opts.attempts).toBe(3);
    });

    it('answers the same bytes again as a duplicate of the first document, with no second job', async () => {
      const png = await distinctPng(3);
      const first = await http.post('/api/invoices').set(auth(admin)).attach('files', png, 'one.png').expect(202);
      const countBefore = await queue.count();
      const again = await http.post('/api/invoices').set(auth(admin)).attach('files', png, 'renamed.png').expect(202);
      expect(again.body.jobs[0]).toMatchObject({
        documentId: first.body.jobs[0].documentId,
        jobId: first.body.jobs[0].jobId,
        duplicate: true,
      });
      expect(await queue.count()).toBe(countBefore);
    });

    it('sniffs the type from the bytes: a text file named .png is refused with 415 and a reason', async () => {
      const res = await http
        .post('/api/invoices')
        .set(auth(admin))
        .attach('files', Buffer.from('not an image at all'), { filename: 'fake.png', contentType: 'image/png' })
        .expect(415);
      expect(res.body.details.rejected).toEqual([
        { filename: 'fake.png', code: 'UNSUPPORTED_TYPE', reason: expect.stringContaining('Accepted types') },
      ]);
    });

    it('accepts the good files of a mixed request and lists the rejected ones', async () => {
      const res = await http
        .post('/api/invoices')
        .set(auth(admin))
        .attach('files', await distinctPng(4), 'good.png')
        .attach('files', Buffer.alloc(0), 'empty.png')
        .attach('files', Buffer.from('%!PS-Adobe'), 'doc.ps')
        .expect(202);
      expect(res.body.jobs).toHaveLength(1);
      expect(res.body.rejected.map((r: { code: string }) => r.code)).toEqual(['EMPTY_FILE', 'UNSUPPORTED_TYPE']);
    });

    it('refuses an empty request, an oversized file (413) and too many files, naming the limit', async () => {
      const none = await http.post('/api/invoices').set(auth(admin)).field('note', 'x').expect(400);
      expect(none.body.message).toContain('"files"');
      const big = await http.post('/api/invoices').set(auth(admin)).attach('files', Buffer.alloc(70_000, 1), 'big.png').expect(413);
      expect(big.body.message).toContain('MAX_UPLOAD_BYTES');
      let many = http.post('/api/invoices').set(auth(admin));
      for (let i = 0; i < 4; i++) many = many.attach('files', await distinctPng(100 + i), `f${i}.png`);
      const tooMany = await many.expect(400);
      expect(tooMany.body).toMatchObject({ code: 'TOO_MANY_FILES', message: expect.stringContaining('at most 3') });
      const json = await http.post('/api/invoices').set(auth(admin)).send({ files: [] }).expect(400);
      expect(json.body.message).toContain('multipart/form-data');
    });
  });

  describe('reading', () => {
    it('polls a job and reads its document; unknown ids are 404', async () => {
      const up = await http
        .post('/api/invoices')
        .set(auth(admin))
        .attach('files', await distinctPng(5), 'poll.png')
        .expect(202);
      const { jobId, documentId } = up.body.jobs[0];
      const status = await http.get(`/api/jobs/${jobId}`).set(auth(admin)).expect(200);
      expect(status.body).toEqual({ jobId, documentId, status: 'queued', progress: 0, error: null });
      const doc = await http.get(`/api/invoices/${documentId}`).set(auth(admin)).expect(200);
      expect(doc.body).toMatchObject({ documentId, jobId, status: 'queued', filename: 'poll.png', invoice: null });
      await http.get('/api/jobs/00000000-0000-4000-8000-000000000000').set(auth(admin)).expect(404);
      await http.get('/api/jobs/not-a-uuid').set(auth(admin)).expect(400);
      await http.get('/api/invoices/00000000-0000-4000-8000-000000000000').set(auth(admin)).expect(404);
    });

    it("never shows one organization's data to another (404, not 403)", async () => {
      const up = await http
        .post('/api/invoices')
        .set(auth(admin))
        .attach('files', await distinctPng(6), 'secret.png')
        .expect(202);
      const { jobId, documentId } = up.body.jobs[0];
      const outsider = await userToken(app, 'Other org', 'olga', 'admin');
      await http.get(`/api/jobs/${jobId}`).set(auth(outsider)).expect(404);
      await http.get(`/api/invoices/${documentId}`).set(auth(outsider)).expect(404);
      const list = await http.get('/api/invoices').set(auth(outsider)).expect(200);
      expect(list.body.items).toEqual([]);
      // The same bytes in another organization are a new document there, not a duplicate.
      const theirs = await http
        .post('/api/invoices')
        .set(auth(outsider))
        .attach('files', await distinctPng(6), 'mine.png')
        .expect(202);
      expect(theirs.body.jobs[0]).toMatchObject({ duplicate: false });
      expect(theirs.body.jobs[0].documentId).not.toBe(documentId);
    });

    it('lists newest first with a cursor, and filters by status, date and text', async () => {
      const page1 = await http.get('/api/invoices?limit=2').set(auth(admin)).expect(200);
      expect(page1.body.items).toHaveLength(2);
      const page2 = await http.get(`/api/invoices?limit=2&cursor=${page1.body.nextCursor}`).set(auth(admin)).expect(200);
      const all = await http.get('/api/invoices?limit=200').set(auth(admin)).expect(200);
      expect([...page1.body.items, ...page2.body.items].map((i: { documentId: string }) => i.documentId)).toEqual(
        all.body.items.slice(0, 4).map((i: { documentId: string }) => i.documentId),
      );
      const times = all.body.items.map((i: { createdAt: string }) => i.createdAt);
      expect([...times].sort().reverse()).toEqual(times);
      const byName = await http.get('/api/invoices?q=poll').set(auth(admin)).expect(200);
      expect(byName.body.items.map((i: { filename: string }) => i.filename)).toEqual(['poll.png']);
      const done = await http.get('/api/invoices?status=done').set(auth(admin)).expect(200);
      expect(done.body.items).toEqual([]);
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const future = await http.get(`/api/invoices?from=${tomorrow}`).set(auth(admin)).expect(200);
      expect(future.body.items).toEqual([]);
      await http.get('/api/invoices?status=bogus').set(auth(admin)).expect(400);
      await http.get('/api/invoices?cursor=garbage').set(auth(admin)).expect(400);
    });
  });

  it('exports Prometheus metrics that reflect the requests served, by route template', async () => {
    const res = await http.get('/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text: string = res.text;
    const sample = (pattern: RegExp) => Number(text.match(pattern)?.[1] ?? NaN);
    // Polls of many job ids are one series: the template, not the raw path.
    expect(
      sample(/invoice_ocr_http_request_duration_seconds_count\{[^}]*route="\/api\/jobs\/:jobId",status_code="200"[^}]*\} (\d+)/),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(/invoice_ocr_http_request_duration_seconds_count\{[^}]*route="\/api\/jobs\/:jobId",status_code="404"[^}]*\} (\d+)/),
    ).toBeGreaterThanOrEqual(2);
    expect(text).not.toMatch(/route="\/api\/jobs\/[0-9a-f]{8}-/);
    expect(sample(/invoice_ocr_http_errors_total\{code="UNSUPPORTED_MEDIA_TYPE",status_code="415"[^}]*\} (\d+)/)).toBe(1);
    expect(sample(/invoice_ocr_http_errors_total\{code="UNAUTHENTICATED",status_code="401"[^}]*\} (\d+)/)).toBeGreaterThanOrEqual(5);
    // Queue depth read from BullMQ at scrape time: the jobs uploaded above wait (no worker here),
    // in BullMQ's prioritized set since every OCR job has a fair-queueing priority.
    const waiting = sample(/invoice_ocr_queue_jobs\{queue="ocr",state="prioritized"[^}]*\} (\d+)/);
    expect(waiting).toBe(await queue.getPrioritizedCount());
    expect(waiting).toBeGreaterThanOrEqual(5);
    expect(text).toContain('invoice_ocr_process_resident_memory_bytes{service="gateway"}');
  });

  it('summarizes monitoring for admins only: queue depths, API latency by route, no worker alive here', async () => {
    const viewer = await login(app, 'vera', 'viewer-password');
    await http.get('/api/monitoring/summary').set(auth(viewer)).expect(403);
    const res = await http.get('/api/monitoring/summary').set(auth(admin)).expect(200);
    expect(res.body.queues.ocr.prioritized).toBe(await queue.getPrioritizedCount());
    expect(res.body.queues.ocr.prioritized).toBeGreaterThanOrEqual(5);
    expect(res.body.workers).toEqual({ alive: 0, concurrency: 0, busy: 0, list: [] });
    expect(res.body.throughput.perMinute).toHaveLength(60);
    expect(res.body.ocrLatencyMs).toEqual({ p50: null, p95: null, p99: null, samples: 0 });
    expect(res.body.reviewRate).toBeNull();
    expect(res.body.segmentation).toEqual({ lastRun: null });
    const jobsRoute = res.body.api.routes.find(
      (r: { route: string; method: string }) => r.route === '/api/jobs/:jobId' && r.method === 'GET',
    );
    expect(jobsRoute.requests).toBeGreaterThanOrEqual(3);
    expect(jobsRoute.p50Ms).toBeGreaterThan(0);
  });

  it('shows every queue with every state, and lets admins read, retry and remove their failed jobs', async () => {
    const res = await http.get('/api/monitoring/summary').set(auth(admin)).expect(200);
    expect(Object.keys(res.body.queues).sort()).toEqual(['ocr', 'segmentation', 'webhooks']);
    for (const states of Object.values(res.body.queues))
      expect(Object.keys(states as object)).toEqual(['waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed']);

    // Two deliveries fail for real in a worker: one of the admin's organization, one of another.
    const [{ organization_id: org }] = await db.dataSource.query(`SELECT organization_id FROM users WHERE username = 'admin'`);
    const webhooks = new Queue(QUEUES.WEBHOOKS, { connection: redisConnectionFromUrl(TEST_REDIS_URL), prefix });
    const own = await webhooks.add('deliver', { organizationId: org, deliveryId: 'a' });
    const foreign = await webhooks.add('deliver', { organizationId: '00000000-0000-4000-8000-000000000001', deliveryId: 'b' });
    const worker = new Worker(
      QUEUES.WEBHOOKS,
      async () => {
        throw new Error('endpoint answered 500');
      },
      { connection: redisConnectionFromUrl(TEST_REDIS_URL), prefix },
    );
    while ((await webhooks.getFailedCount()) < 2) await new Promise((resolve) => setTimeout(resolve, 50));
    await worker.close();

    const counted = await http.get('/api/monitoring/summary').set(auth(admin)).expect(200);
    expect(counted.body.queues.webhooks.failed).toBe(2);
    const viewer = await login(app, 'vera', 'viewer-password');
    await http.get('/api/monitoring/queues/webhooks/failed').set(auth(viewer)).expect(403);
    await http.post(`/api/monitoring/queues/webhooks/jobs/${own.id}/retry`).set(auth(viewer)).expect(403);
    await http.get('/api/monitoring/queues/nope/failed').set(auth(admin)).expect(400);
    await http.get('/api/monitoring/queues/webhooks/failed?limit=0').set(auth(admin)).expect(400);
    await http.post('/api/monitoring/queues/webhooks/jobs/a%20b/retry').set(auth(admin)).expect(400);
    const failed = await http.get('/api/monitoring/queues/webhooks/failed').set(auth(admin)).expect(200);
    expect(failed.body).toEqual({
      queue: 'webhooks',
      items: [
        {
          id: own.id,
          name: 'deliver',
          error: 'endpoint answered 500',
          attemptsMade: 1,
          createdAt: expect.any(String),
          failedAt: expect.any(String),
        },
      ],
    });
    // Another organization's job does not exist for this admin.
    await http.post(`/api/monitoring/queues/webhooks/jobs/${foreign.id}/retry`).set(auth(admin)).expect(404);
    await http.delete(`/api/monitoring/queues/webhooks/jobs/${foreign.id}`).set(auth(admin)).expect(404);

    await http.post(`/api/monitoring/queues/webhooks/jobs/${own.id}/retry`).set(auth(admin)).expect(204);
    expect(await (await webhooks.getJob(own.id!))?.getState()).toBe('waiting');
    await http.post(`/api/monitoring/queues/webhooks/jobs/${own.id}/retry`).set(auth(admin)).expect(409);
    await http.delete(`/api/monitoring/queues/webhooks/jobs/${own.id}`).set(auth(admin)).expect(204);
    expect(await webhooks.getJob(own.id!)).toBeUndefined();
    await http.delete(`/api/monitoring/queues/webhooks/jobs/${own.id}`).set(auth(admin)).expect(404);
    expect(await foreign.getState()).toBe('failed');
    await webhooks.obliterate({ force: true });
    await webhooks.close();
  });

  it('queues a segmentation run on demand for admins (deduplicated) and lets every role read segments', async () => {
    const viewer = await login(app, 'vera', 'viewer-password');
    await http.post('/api/segments/recompute').set(auth(viewer)).expect(403);
    const first = await http.post('/api/segments/recompute').set(auth(admin)).expect(202);
    const again = await http.post('/api/segments/recompute').set(auth(admin)).expect(202);
    expect(again.body.jobId).toBe(first.body.jobId);
    const segmentationQueue = new Queue(QUEUES.SEGMENTATION, { connection: redisConnectionFromUrl(TEST_REDIS_URL), prefix });
    const job = await segmentationQueue.getJob(first.body.jobId);
    expect(job?.data).toEqual({ organizationId: expect.any(String), trigger: 'manual' });
    await segmentationQueue.close();
    const latest = await http.get('/api/segments').set(auth(viewer)).expect(200);
    expect(latest.body).toEqual({ run: null, segments: [], rfmSegments: [], movements: { since: null, changes: [] }, categories: [] });
    expect((await http.get('/api/segments/runs').set(auth(viewer)).expect(200)).body).toEqual([]);
    expect((await http.get('/api/customers').set(auth(viewer)).expect(200)).body).toEqual({ runId: null, items: [], nextCursor: null });
    await http.get('/api/customers/id:404').set(auth(viewer)).expect(404);
    await http.get('/api/customers?sort=bogus').set(auth(viewer)).expect(400);
  });

  it('serves stored runs: segments with categories, movements, customers by segment and one customer', async () => {
    const [{ organization_id: org }] = await db.dataSource.query(`SELECT organization_id FROM users WHERE username = 'admin'`);
    await seedInvoice(db.dataSource, {
      organizationId: org,
      customerKey: 'id:7',
      customerName: 'Seven',
      issueDate: '2024-03-01',
      total: 70,
    });
    const customer = (key: string, segment: string, monetary: number, category: string | null) => ({
      customerKey: key,
      customerName: key,
      customerCategory: category,
      recencyDays: 10,
      frequency: 2,
      monetary,
      rScore: 3,
      fScore: 3,
      mScore: 3,
      cluster: segment === 'Champions' ? 0 : 1,
      segment,
      rfmSegment: segment === 'Champions' ? 'Loyal' : 'Hibernating',
    });
    const segments = (champions: number) => [
      { cluster: 0, label: 'Champions', size: champions, revenueShare: 0.8, centroid: { recencyDays: 5, frequency: 10, monetary: 900 } },
      { cluster: 1, label: 'Lost', size: 3 - champions, revenueShare: 0.2, centroid: { recencyDays: 400, frequency: 1, monetary: 20 } },
    ];
    const store = async (id: string, at: string, rows: ReturnType<typeof customer>[], champions: number) => {
      await startRun(db.dataSource, { id, organizationId: org, trigger: 'manual', referenceDate: '2024-03-31' });
      await saveRunResults(db.dataSource, id, org, segments(champions), rows);
      const criteria = [{ k: 2, inertia: 1.5, silhouette: 0.6, daviesBouldin: 0.4, calinskiHarabasz: null, stability: 1, rank: 1 }];
      await finishRun(db.dataSource, id, {
        status: 'succeeded',
        currency: 'EUR',
        customers: rows.length,
        invoices: 6,
        k: 2,
        silhouette: 0.6,
        inertia: 1.5,
        structure: 'weak',
        criteria,
        durationMs: 12,
      });
      await db.dataSource.query(`UPDATE segmentation_runs SET started_at = $2 WHERE id = $1`, [id, at]);
    };
    await store(
      'a1111111-1111-4111-8111-111111111111',
      '2024-03-30T00:00:00Z',
      [customer('id:7', 'Champions', 900, 'A'), customer('id:8', 'Champions', 800, 'A'), customer('id:9', 'Lost', 20, null)],
      2,
    );
    await store(
      'a2222222-2222-4222-8222-222222222222',
      '2024-03-31T00:00:00Z',
      [customer('id:7', 'Champions', 950, 'A'), customer('id:8', 'Lost', 30, 'A'), customer('id:9', 'Lost', 20, null)],
      1,
    );

    const viewer = await login(app, 'vera', 'viewer-password');
    const latest = await http.get('/api/segments').set(auth(viewer)).expect(200);
    expect(latest.body.run).toMatchObject({
      id: 'a2222222-2222-4222-8222-222222222222',
      k: 2,
      customers: 3,
      currency: 'EUR',
      structure: 'weak',
    });
    expect(latest.body.run.criteria).toEqual([
      { k: 2, inertia: 1.5, silhouette: 0.6, daviesBouldin: 0.4, calinskiHarabasz: null, stability: 1, rank: 1 },
    ]);
    // The classic RFM view: grid order (Loyal before Hibernating), revenue shares of the run, customers' means
    expect(latest.body.rfmSegments).toEqual([
      { name: 'Loyal', size: 1, revenueShare: expect.closeTo(950 / 1000, 9), mean: { recencyDays: 10, frequency: 2, monetary: 950 } },
      { name: 'Hibernating', size: 2, revenueShare: expect.closeTo(50 / 1000, 9), mean: { recencyDays: 10, frequency: 2, monetary: 25 } },
    ]);
    expect(latest.body.segments.map((s: { label: string }) => s.label)).toEqual(['Champions', 'Lost']);
    expect(latest.body.movements).toEqual({
      since: expect.stringContaining('2024-03-30'),
      changes: [{ from: 'Champions', to: 'Lost', customers: 1 }],
    });
    expect(latest.body.categories).toEqual([
      { segment: 'Champions', category: 'A', customers: 1 },
      { segment: 'Lost', category: 'A', customers: 1 },
      { segment: 'Lost', category: null, customers: 1 },
    ]);
    expect((await http.get('/api/segments/runs').set(auth(viewer)).expect(200)).body).toHaveLength(2);
    const lost = await http.get('/api/customers?segment=Lost&sort=monetary&limit=1').set(auth(viewer)).expect(200);
    expect(lost.body.items).toEqual([expect.objectContaining({ customerKey: 'id:8', monetary: 30, segment: 'Lost' })]);
    const next = await http
      .get(`/api/customers?segment=Lost&sort=monetary&limit=1&cursor=${lost.body.nextCursor}`)
      .set(auth(viewer))
      .expect(200);
    expect(next.body).toMatchObject({ items: [expect.objectContaining({ customerKey: 'id:9' })], nextCursor: null });
    // A classic RFM segment's customers (the analytics page opens them from the grid's rows).
    const hibernating = await http.get('/api/customers?rfmSegment=Hibernating').set(auth(viewer)).expect(200);
    expect(hibernating.body.items.map((c: { customerKey: string }) => c.customerKey)).toEqual(['id:8', 'id:9']);
    expect((await http.get('/api/customers?rfmSegment=Hibernating&segment=Champions').set(auth(viewer)).expect(200)).body.items).toEqual(
      [],
    );
    const seven = await http.get('/api/customers/id:7').set(auth(viewer)).expect(200);
    expect(seven.body.customer).toMatchObject({ customerKey: 'id:7', segment: 'Champions', rfmSegment: 'Loyal', monetary: 950 });
    expect(seven.body.invoices).toEqual([expect.objectContaining({ issueDate: '2024-03-01', total: 70 })]);
    // Another organization sees none of it.
    const outsider = await login(app, 'olga', 'password-123');
    expect((await http.get('/api/segments').set(auth(outsider)).expect(200)).body.run).toBeNull();
    await http.get('/api/customers/id:7').set(auth(outsider)).expect(404);
  });

  it('takes corrections from uploaders and admins: history kept, checks and customer recomputed, done only when checks pass or are accepted with a reason', async () => {
    const [{ organization_id: org }] = await db.dataSource.query(`SELECT organization_id FROM users WHERE username = 'admin'`);
    const documentId = await seedInvoice(db.dataSource, {
      organizationId: org,
      customerKey: 'name:old name',
      customerName: 'Old Name',
      issueDate: '2024-05-01',
      total: 100,
      status: 'needs_review',
    });
    await db.dataSource.query(`UPDATE invoices SET invoice_number = 'FAC_1', issues = '["total_mismatch"]' WHERE document_id = $1`, [
      documentId,
    ]);
    const viewer = await login(app, 'vera', 'viewer-password');
    await http.patch(`/api/invoices/${documentId}`).set(auth(viewer)).send({ total: 1 }).expect(403);
    const invalid = await http
      .patch(`/api/invoices/${documentId}`)
      .set(auth(admin))
      .send({ total: 'five', bogus: 1, customerEmail: 'not-an-email' })
      .expect(400);
    expect(invalid.body.message).toMatch(/total/);
    expect(invalid.body.message).toMatch(/customerEmail/);
    await http.patch(`/api/invoices/${documentId}`).set(auth(admin)).send({}).expect(400);

    const items = [{ description: 'Consulting', quantity: 2, unitPrice: 60, amount: 120 }];
    const res = await http
      .patch(`/api/invoices/${documentId}`)
      .set(auth(admin))
      .send({
        customerName: 'Jeanne Dupont',
        customerId: '00042',
        total: 120,
        lineItems: items,
        vendorName: 'Papeterie Martin',
        dueDate: '2024-05-31',
      })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'done',
      invoice: {
        customerName: 'Jeanne Dupont',
        customerId: '00042',
        total: 120,
        lineItems: items,
        issues: [],
        vendorName: 'Papeterie Martin',
        dueDate: '2024-05-31',
      },
    });
    // A person's value carries its own evidence.
    expect(res.body.invoice.fieldEvidence).toEqual({
      customerName: { confidence: 1, wordIndexes: [], source: 'person' },
      total: { confidence: 1, wordIndexes: [], source: 'person' },
      vendorName: { confidence: 1, wordIndexes: [], source: 'person' },
      dueDate: { confidence: 1, wordIndexes: [], source: 'person' },
    });
    expect(res.body.invoice.corrections).toEqual([
      {
        id: expect.any(String),
        username: 'admin',
        changedAt: expect.any(String),
        changes: {
          customerName: { from: 'Old Name', to: 'Jeanne Dupont' },
          customerId: { from: null, to: '00042' },
          total: { from: 100, to: 120 },
          vendorName: { from: null, to: 'Papeterie Martin' },
          dueDate: { from: null, to: '2024-05-31' },
          lineItems: { from: [], to: items },
          status: { from: 'needs_review', to: 'done' },
        },
        undoOf: null,
      },
    ]);
    expect(res.body.invoice.originalExtraction).toMatchObject({
      customerName: 'Old Name',
      total: 100,
      issues: ['total_mismatch'],
      lineItems: [],
    });
    const [row] = await db.dataSource.query(`SELECT customer_key FROM invoices WHERE document_id = $1`, [documentId]);
    expect(row.customer_key).toBe('id:42'); // the customer follows the correction

    // A second correction keeps the first original, and a failing check is recorded again.
    const again = await http.patch(`/api/invoices/${documentId}`).set(auth(admin)).send({ total: 150 }).expect(200);
    expect(again.body.invoice.issues).toEqual(['total_mismatch']);
    // The new checks run on corrections too: a due date before the issue date is named.
    const early = await http
      .patch(`/api/invoices/${documentId}`)
      .set(auth(admin))
      .send({ total: 120, dueDate: '2024-04-01', taxRate: 20 })
      .expect(200);
    expect(early.body.invoice.issues).toEqual(['due_before_issue']);
    expect(early.body.invoice.taxRate).toBe(20);
    expect(again.body.invoice.corrections).toHaveLength(2);
    expect(early.body.invoice.corrections).toHaveLength(3);
    expect(again.body.invoice.originalExtraction).toMatchObject({ total: 100 });

    // Checks still failing: the invoice stays in review and the answer names them.
    expect(again.body.status).toBe('needs_review');
    expect(early.body.status).toBe('needs_review');
    expect(early.body.invoice.reviewAcceptance).toBeNull();
    // Confirming the same values (nothing changed) keeps it in review, no correction recorded.
    const same = await http.patch(`/api/invoices/${documentId}`).set(auth(admin)).send({ total: 120, taxRate: 20 }).expect(200);
    expect(same.body).toMatchObject({ status: 'needs_review', invoice: { issues: ['due_before_issue'] } });
    expect(same.body.invoice.corrections).toHaveLength(3);
    // Accepting needs a reason; with one, the invoice is done and the acceptance recorded (who, when, why, which checks).
    await http.patch(`/api/invoices/${documentId}`).set(auth(admin)).send({ accept: {} }).expect(400);
    await http
      .patch(`/api/invoices/${documentId}`)
      .set(auth(admin))
      .send({ accept: { reason: ' ' } })
      .expect(400);
    const accepted = await http
      .patch(`/api/invoices/${documentId}`)
      .set(auth(admin))
      .send({ accept: { reason: 'Due date agreed with the customer' } })
      .expect(200);
    expect(accepted.body).toMatchObject({
      status: 'done',
      invoice: {
        issues: ['due_before_issue'],
        reviewAcceptance: {
          username: 'admin',
          reason: 'Due date agreed with the customer',
          issues: ['due_before_issue'],
          acceptedAt: expect.any(String),
        },
      },
    });
    // A correction that makes a check fail on a done invoice sends it back to review.
    const broken = await http.patch(`/api/invoices/${documentId}`).set(auth(admin)).send({ total: 999 }).expect(200);
    expect(broken.body.status).toBe('needs_review');
    expect(broken.body.invoice.issues).toContain('total_mismatch');

    const queued = await http
      .post('/api/invoices')
      .set(auth(admin))
      .attach('files', await distinctPng(900), 'pending.png')
      .expect(202);
    const pending = await http.patch(`/api/invoices/${queued.body.jobs[0].documentId}`).set(auth(admin)).send({ total: 1 }).expect(409);
    expect(pending.body.message).toContain('no extraction to correct yet');
    const outsider = await login(app, 'olga', 'password-123');
    await http.patch(`/api/invoices/${documentId}`).set(auth(outsider)).send({ total: 1 }).expect(404);
  });

  it('reports readiness of Postgres and Redis', async () => {
    const res = await http.get('/health/ready').expect(200);
    expect(res.body.checks).toEqual({ postgres: 'up', redis: 'up' });
    await http.get('/health/live').expect(200);
  });
});

describe('gateway with Redis unreachable', () => {
  let gateway: AdminGateway;
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    gateway = await startAdminGateway('gateway_noredis', { REDIS_URL: 'redis://127.0.0.1:1' });
    ({ db, app } = gateway);
  });
  afterAll(() => gateway?.close());

  it('still stores an accepted file in Postgres before answering 202, and is not ready', async () => {
    const token = await login(app, 'admin', 'admin');
    const res = await request(app.getHttpServer())
      .post('/api/invoices')
      .set({ authorization: `Bearer ${token}` })
      .attach('files', await distinctPng(7), 'kept.png')
      .expect(202);
    const [row] = await db.dataSource.query('SELECT status FROM documents WHERE id = $1', [res.body.jobs[0].documentId]);
    expect(row.status).toBe('queued');
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(ready.body.details.checks).toEqual({ postgres: 'up', redis: expect.stringMatching(/^down/) });
  });
});
