import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiError, AuthError, GatewayClient, isRetryable } from './gateway.client.js';

/** A local HTTP server answering from a script of answers, recording what it received. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describe('GatewayClient against a local HTTP server', () => {
  let server: Server;
  let base: string;
  let dir: string;
  let seen: Seen[] = [];
  let answers: ((req: Seen) => { status: number; body: unknown })[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cli-client-'));
    await writeFile(join(dir, 'a.png'), 'PNG-BYTES-A');
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('latin1');
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const request = { method: req.method!, url: req.url!, headers: req.headers, body };
        seen.push(request);
        const answer = (answers.shift() ?? (() => ({ status: 500, body: { message: 'no scripted answer' } })))(request);
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  });
  afterEach(() => {
    seen = [];
    answers = [];
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  const uploadAnswer = { jobs: [{ jobId: 'j1', documentId: 'd1', filename: 'a.png', status: 'queued', duplicate: false }], rejected: [] };
  const file = () => ({ absolutePath: join(dir, 'a.png'), name: 'a.png', mimeType: 'image/png' });

  it('streams the file as a multipart part named "files" with the token and the Idempotency-Key, retrying 503 and 429 with the same key', async () => {
    const retries: number[] = [];
    const client = new GatewayClient(
      base,
      { token: 'tok' },
      { retries: 3, minBackoffMs: 1, onRetry: (_e, attempt) => retries.push(attempt) },
    );
    answers = [
      () => ({ status: 503, body: { message: 'busy' } }),
      () => ({ status: 429, body: { message: 'slow down' } }),
      () => ({ status: 202, body: uploadAnswer }),
    ];
    expect(await client.upload([file()], 'key-1')).toEqual(uploadAnswer);
    expect(seen).toHaveLength(3);
    for (const request of seen) {
      expect(request).toMatchObject({ method: 'POST', url: '/api/invoices' });
      expect(request.headers).toMatchObject({ authorization: 'Bearer tok', 'idempotency-key': 'key-1' });
      expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
      expect(request.body).toContain('name="files"; filename="a.png"');
      expect(request.body).toContain('Content-Type: image/png');
      expect(request.body).toContain('PNG-BYTES-A');
    }
    expect(retries).toEqual([1, 2]);
  });

  it('does not retry a 4xx, and keeps the error body', async () => {
    const client = new GatewayClient(base, { token: 'tok' }, { retries: 3, minBackoffMs: 1 });
    answers = [
      () => ({
        status: 415,
        body: { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'No file was accepted', details: { rejected: [] } },
      }),
    ];
    const error = (await client.upload([file()], 'k').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(415);
    expect(error.body?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(seen).toHaveLength(1);
  });

  it('gives up after the retries on a persistent 5xx', async () => {
    const client = new GatewayClient(base, { token: 'tok' }, { retries: 2, minBackoffMs: 1 });
    answers = [0, 1, 2, 3].map(() => () => ({ status: 500, body: { message: 'boom' } }));
    await expect(client.job('j1')).rejects.toThrow('GET /api/jobs/j1 answered 500: boom');
    expect(seen).toHaveLength(3);
  });

  it('turns 401 into a clear AuthError without retrying', async () => {
    const client = new GatewayClient(base, { token: 'expired' }, { retries: 3, minBackoffMs: 1 });
    answers = [() => ({ status: 401, body: { message: 'Invalid or expired token' } })];
    const error = (await client.job('j1').catch((e: unknown) => e)) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toMatch(/answered 401 Unauthorized \(Invalid or expired token\).*Set INVOICE_OCR_TOKEN/);
    expect(seen).toHaveLength(1);
  });

  it('logs in with a user name and password, and logs in again once when the token expires mid-run', async () => {
    const client = new GatewayClient(base, { username: 'ann', password: 'pw' }, { retries: 0 });
    const job = { jobId: 'j1', documentId: 'd1', status: 'done', progress: 100, error: null };
    answers = [
      () => ({ status: 200, body: { access_token: 't1', token_type: 'Bearer', expires_in: 1 } }),
      () => ({ status: 200, body: job }),
      () => ({ status: 401, body: { message: 'expired' } }),
      () => ({ status: 200, body: { access_token: 't2', token_type: 'Bearer', expires_in: 1 } }),
      () => ({ status: 200, body: job }),
    ];
    expect(await client.job('j1')).toEqual(job);
    expect(await client.job('j1')).toEqual(job);
    expect(seen.map((s) => `${s.method} ${s.url} ${s.headers.authorization ?? ''}`.trim())).toEqual([
      'POST /api/auth/token',
      'GET /api/jobs/j1 Bearer t1',
      'GET /api/jobs/j1 Bearer t1',
      'POST /api/auth/token',
      'GET /api/jobs/j1 Bearer t2',
    ]);
    expect(JSON.parse(seen[0]!.body)).toEqual({ username: 'ann', password: 'pw' });
  });

  it('retries a refused connection, then reports it', async () => {
    const client = new GatewayClient('http://127.0.0.1:1', { token: 't' }, { retries: 1, minBackoffMs: 1 });
    await expect(client.job('j1')).rejects.toThrow(/fetch failed/);
  });
});

describe('isRetryable', () => {
  it('retries network errors, timeouts, 5xx and 429, not other 4xx', () => {
    expect(isRetryable(new TypeError('fetch failed'))).toBe(true);
    expect(isRetryable(Object.assign(new Error('timeout'), { name: 'TimeoutError' }))).toBe(true);
    expect(isRetryable(new ApiError(502, 'bad gateway'))).toBe(true);
    expect(isRetryable(new ApiError(429, 'slow down'))).toBe(true);
    expect(isRetryable(new ApiError(400, 'bad'))).toBe(false);
    // The same Idempotency-Key while the gateway still stores the first attempt: its answer comes on a retry.
    expect(isRetryable(new ApiError(409, 'in use', { statusCode: 409, code: 'IDEMPOTENCY_KEY_IN_USE', message: 'in use' }))).toBe(true);
    expect(isRetryable(new ApiError(409, 'taken', { statusCode: 409, code: 'CONFLICT', message: 'taken' }))).toBe(false);
    expect(isRetryable(new ApiError(404, 'gone'))).toBe(false);
    expect(isRetryable(new Error('other'))).toBe(false);
  });
});
