import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import request from 'supertest';
import { redisConnectionFromUrl } from '@invoice/config';
import { QUEUES } from '@invoice/contracts';
import { TEST_REDIS_URL, type TestDatabase } from '@invoice/testing';
import { IdempotencyService } from '../invoices/idempotency.service.js';
import { distinctPng, login, startAdminGateway, userToken, type AdminGateway } from '../testing/gateway.harness.js';

/** One organization may use every upload slot here (sharing between organizations: slow-clients.int-spec), and the held-open uploads are not cut. */
const SLOTS = { UPLOAD_SLOTS: '4', UPLOAD_SLOTS_PER_ORGANIZATION: '4', UPLOAD_STALL_TIMEOUT_MS: '120000' };
const MAX_CONCURRENT_UPLOADS = Number(SLOTS.UPLOAD_SLOTS);

describe('batches, streaming uploads and Idempotency-Key (real Postgres and Redis)', () => {
  let gateway: AdminGateway;
  let db: TestDatabase;
  let app: INestApplication;
  let queue: Queue;
  let prefix: string;
  let admin: string;
  let api: ReturnType<typeof request>;

  beforeAll(async () => {
    gateway = await startAdminGateway('batches', { MAX_UPLOAD_BYTES: '60000', MAX_FILES_PER_REQUEST: '5', ...SLOTS });
    ({ db, app, prefix, admin } = gateway);
    await app.listen(0, '127.0.0.1');
    api = request(app.getHttpServer());
    queue = new Queue(QUEUES.OCR, { connection: redisConnectionFromUrl(TEST_REDIS_URL), prefix });
  });

  afterAll(async () => {
    await queue?.close();
    await gateway?.close();
  });

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  /** An upload of one file whose body is sent in two halves: `finish()` sends the rest and waits for the answer. */
  const slowUpload = (png: Buffer, headers: Record<string, string> = {}) => {
    const { port } = app.getHttpServer().address() as AddressInfo;
    const boundary = `test-boundary-${Math.random().toString(36).slice(2)}`;
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="slow.png"\r\nContent-Type: image/png\r\n\r\n`,
    );
    const body = Buffer.concat([head, png, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/invoices',
      headers: { ...auth(admin), ...headers, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length },
    });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      });
      req.on('error', reject);
    });
    req.write(body.subarray(0, head.length + 100));
    return {
      finish: () => {
        req.end(body.subarray(head.length + 100));
        return answer;
      },
    };
  };
  const until = async (condition: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await condition()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  };
  const count = async (table: string) => Number((await db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  describe('batches', () => {
    let batchId: string;
    let ids: string[];
    let earlier: string;

    it('makes every upload a batch: accepted files (a duplicate with the earlier document), rejected files with their reason', async () => {
      const old = await api
        .post('/api/invoices')
        .set(auth(admin))
        .attach('files', await distinctPng(1), 'old.png')
        .expect(202);
      earlier = old.body.jobs[0].documentId;
      expect(old.body.batchId).toMatch(/^[0-9a-f-]{36}$/);

      const res = await api
        .post('/api/invoices')
        .set(auth(admin))
        .attach('files', await distinctPng(2), 'a.png')
        .attach('files', Buffer.alloc(0), 'empty.png')
        .attach('files', await distinctPng(1), 'again.png')
        .attach('files', await distinctPng(3), 'b.png')
        .attach('files', await distinctPng(4), 'c.png')
        .expect(202);
      batchId = res.body.batchId;
      expect(batchId).not.toBe(old.body.batchId);
      expect(res.body.jobs.map((j: { filename: string; duplicate: boolean }) => [j.filename, j.duplicate])).toEqual([
        ['a.png', false],
        ['again.png', true],
        ['b.png', false],
        ['c.png', false],
      ]);
      ids = res.body.jobs.map((j: { documentId: string }) => j.documentId);
      expect(ids[1]).toBe(earlier);

      // The created documents carry their batch; the duplicate keeps the batch that created it.
      const rows: { id: string; batch_id: string }[] = await db.dataSource.query(`SELECT id, batch_id FROM documents WHERE id = ANY($1)`, [
        ids,
      ]);
      const batchOf = Object.fromEntries(rows.map((r) => [r.id, r.batch_id]));
      expect([batchOf[ids[0]!], batchOf[ids[2]!], batchOf[ids[3]!]]).toEqual([batchId, batchId, batchId]);
      expect(batchOf[earlier]).toBe(old.body.batchId);

      const batch = await api.get(`/api/batches/${batchId}`).set(auth(admin)).expect(200);
      expect(batch.body).toEqual({
        batchId,
        createdAt: expect.any(String),
        createdBy: expect.any(String),
        startedAt: null,
        completedAt: null,
        total: 4,
        duplicates: 1,
        counts: { queued: 4, processing: 0, done: 0, needs_review: 0, failed: 0, rejected: 0 },
        progress: 0,
        failed: [],
        rejected: [{ filename: 'empty.png', code: 'EMPTY_FILE', reason: 'The file is empty' }],
      });
    });

    it('follows its documents: counts by status, progress, start and completion, failed files with their error', async () => {
      const [a, dup, b, c] = ids as [string, string, string, string];
      const setStatus = (id: string, status: string, error: string | null = null) =>
        db.dataSource.query(
          `UPDATE documents SET status = $2, error = $3, started_at = coalesce(started_at, now()),
                  completed_at = CASE WHEN $2 IN ('done', 'needs_review', 'failed') THEN now() END WHERE id = $1`,
          [id, status, error],
        );
      await setStatus(dup, 'done'); // the earlier document, done: the duplicate counts as done
      await setStatus(a, 'processing');
      await setStatus(b, 'failed', 'The image cannot be decoded');
      const mid = await api.get(`/api/batches/${batchId}`).set(auth(admin)).expect(200);
      expect(mid.body).toMatchObject({
        counts: { queued: 1, processing: 1, done: 1, needs_review: 0, failed: 1 },
        progress: 50,
        completedAt: null,
        failed: [{ documentId: b, jobId: expect.any(String), filename: 'b.png', error: 'The image cannot be decoded' }],
      });
      expect(Date.parse(mid.body.startedAt)).toBeGreaterThanOrEqual(Date.parse(mid.body.createdAt));

      await setStatus(a, 'done');
      await setStatus(c, 'needs_review');
      const end = await api.get(`/api/batches/${batchId}`).set(auth(admin)).expect(200);
      expect(end.body).toMatchObject({ counts: { queued: 0, processing: 0, done: 2, needs_review: 1, failed: 1 }, progress: 100 });
      expect(Date.parse(end.body.completedAt)).toBeGreaterThanOrEqual(Date.parse(end.body.startedAt));
    });

    it('lists batches newest first by pages, scoped to the organization (another one gets 404)', async () => {
      for (let i = 0; i < 3; i++)
        await api
          .post('/api/invoices')
          .set(auth(admin))
          .attach('files', await distinctPng(20 + i), `p${i}.png`)
          .expect(202);
      const all = await api.get('/api/batches?limit=200').set(auth(admin)).expect(200);
      expect(all.body.nextCursor).toBeNull();
      expect(all.body.items).toHaveLength(5);
      const times = all.body.items.map((b: { createdAt: string }) => b.createdAt);
      expect([...times].sort().reverse()).toEqual(times);
      expect(all.body.items.find((b: { batchId: string }) => b.batchId === batchId)).toMatchObject({
        total: 4,
        duplicates: 1,
        progress: 100,
      });
      expect(all.body.items[0]).not.toHaveProperty('failed');

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await api
          .get(`/api/batches?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .set(auth(admin))
          .expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((b: { batchId: string }) => b.batchId));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.body.items.map((b: { batchId: string }) => b.batchId));

      const outsider = await userToken(app, 'Other org', 'olga', 'admin');
      await api.get(`/api/batches/${batchId}`).set(auth(outsider)).expect(404);
      expect((await api.get('/api/batches').set(auth(outsider)).expect(200)).body).toEqual({ items: [], nextCursor: null });
      await api.get('/api/batches/not-a-uuid').set(auth(admin)).expect(400);
      await api.get('/api/batches?limit=0').set(auth(admin)).expect(400);
      await api.get('/api/batches?cursor=garbage').set(auth(admin)).expect(400);
    });
  });

  describe('streaming', () => {
    it('stores nothing when a later file of the request is refused (413 after an accepted file)', async () => {
      const [documents, batches, files] = [await count('documents'), await count('batches'), await count('document_files')];
      const res = await api
        .post('/api/invoices')
        .set(auth(admin))
        .attach('files', await distinctPng(30), 'fine.png')
        .attach('files', Buffer.alloc(70_000, 7), 'big.png')
        .expect(413);
      expect(res.body.message).toContain('60000 bytes (MAX_UPLOAD_BYTES)');
      expect([await count('documents'), await count('batches'), await count('document_files')]).toEqual([documents, batches, files]);
      let many = api.post('/api/invoices').set(auth(admin));
      for (let i = 0; i < 6; i++) many = many.attach('files', await distinctPng(40 + i), `m${i}.png`);
      expect((await many.expect(400)).body.code).toBe('TOO_MANY_FILES');
      await api
        .post('/api/invoices')
        .set(auth(admin))
        .attach('other', await distinctPng(50), 'x.png')
        .expect(400);
      expect([await count('documents'), await count('batches')]).toEqual([documents, batches]);
    });
  });

  it('streams at most UPLOAD_SLOTS uploads at once, each holding one connection; the others wait their turn', async () => {
    const inTransaction = async () =>
      Number(
        (
          await db.dataSource.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
          )
        )[0].n,
      );
    const uploads = [];
    for (let i = 0; i < MAX_CONCURRENT_UPLOADS + 2; i++) uploads.push(slowUpload(await distinctPng(400 + i)));
    await until(async () => (await inTransaction()) >= MAX_CONCURRENT_UPLOADS);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await inTransaction()).toBe(MAX_CONCURRENT_UPLOADS);
    // Reads still find a connection.
    await api.get('/api/batches?limit=1').set(auth(admin)).expect(200);
    const answers = await Promise.all(uploads.map((u) => u.finish()));
    expect(answers.map((a) => a.status)).toEqual(uploads.map(() => 202));
  });

  describe('Idempotency-Key', () => {
    const upload = async (key: string | null, files: [number, string][], token = admin) => {
      let req = api.post('/api/invoices').set(auth(token));
      if (key !== null) req = req.set('Idempotency-Key', key);
      for (const [n, name] of files) req = req.attach('files', await distinctPng(n), name);
      return req;
    };

    it('answers a retry with the first answer (marked as a replay) and creates nothing', async () => {
      const first = await upload('key-1', [
        [100, 'x.png'],
        [101, 'y.png'],
      ]);
      expect(first.status).toBe(202);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const [documents, batches, jobs] = [await count('documents'), await count('batches'), await queue.count()];
      const retry = await upload('key-1', [
        [100, 'x.png'],
        [101, 'y.png'],
      ]);
      expect(retry.status).toBe(202);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect([await count('documents'), await count('batches'), await queue.count()]).toEqual([documents, batches, jobs]);
      // Without the key the same files are the usual duplicates, in a new batch.
      const plain = await upload(null, [[100, 'x.png']]);
      expect(plain.body.batchId).not.toBe(first.body.batchId);
      expect(plain.body.jobs[0].duplicate).toBe(true);
    });

    it('refuses the same key with other files (422) and invalid keys (400)', async () => {
      const other = await upload('key-1', [
        [100, 'x.png'],
        [102, 'z.png'],
      ]);
      expect(other.status).toBe(422);
      expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringContaining('different request') });
      const renamed = await upload('key-1', [
        [100, 'x.png'],
        [101, 'renamed.png'],
      ]);
      expect(renamed.status).toBe(422);
      const tooLong = await upload('k'.repeat(256), [[103, 'a.png']]);
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.message).toContain('255');
      const control = await upload('clé-1', [[103, 'a.png']]);
      expect(control.status).toBe(400);
      expect(control.body.message).toContain('printable');
      expect((await upload('k'.repeat(255), [[103, 'a.png']])).status).toBe(202);
    });

    it('scopes keys by organization, stores only successful answers, and expires them after 24 hours', async () => {
      const outsider = await login(app, 'olga', 'password-123');
      const theirs = await upload('key-1', [[200, 'theirs.png']], outsider);
      expect(theirs.status).toBe(202);
      expect(theirs.headers['idempotent-replayed']).toBeUndefined();

      // A refused request changed nothing: the same key may be used again.
      const refused = await api
        .post('/api/invoices')
        .set(auth(admin))
        .set('Idempotency-Key', 'key-2')
        .attach('files', Buffer.from('not an image'), 'n.txt');
      expect(refused.status).toBe(415);
      expect((await upload('key-2', [[201, 'good.png']])).status).toBe(202);

      await db.dataSource.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'key-2'`);
      const reused = await upload('key-2', [[202, 'new.png']]);
      expect(reused.status).toBe(202);
      expect(reused.headers['idempotent-replayed']).toBeUndefined();
      expect(reused.body.jobs[0]).toMatchObject({ filename: 'new.png', duplicate: false });

      await db.dataSource.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'key-2'`);
      expect(await app.get(IdempotencyService).purgeExpired()).toBe(1);
      expect(Number((await db.dataSource.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = 'key-2'`))[0].n)).toBe(0);
    });

    it('answers 409 to the same key while the first request is still streaming, then replays its answer', async () => {
      const slow = slowUpload(await distinctPng(300), { 'idempotency-key': 'key-slow' });
      // Wait until the first request holds the key (its transaction is open, reading the file).
      await until(
        async () => (await db.dataSource.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted`))[0].n > 0,
      );
      const concurrent = await upload('key-slow', [[300, 'slow.png']]);
      expect(concurrent.status).toBe(409);
      expect(concurrent.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_USE', message: expect.stringContaining('still in progress') });

      const done = await slow.finish();
      expect(done.status).toBe(202);
      const retry = await upload('key-slow', [[300, 'slow.png']]);
      expect(retry.status).toBe(202);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(JSON.parse(done.body));
    });
  });
});
