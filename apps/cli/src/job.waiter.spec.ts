import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GatewayClient } from './gateway.client.js';
import { getEventListeners } from 'node:events';
import { isFinal, nextInterval, sleep, waitForBatches, waitForJobs } from './job.waiter.js';

describe('polling', () => {
  it('backs off by half while nothing moves, up to 5x, and comes back when a job finishes', () => {
    const seen = [1000];
    for (let i = 0; i < 6; i++) seen.push(nextInterval(seen.at(-1)!, 1000, false));
    expect(seen).toEqual([1000, 1500, 2250, 3375, 5000, 5000, 5000]);
    expect(nextInterval(5000, 1000, true)).toBe(1000);
  });

  it('pauses leave no abort listener behind, and an abort ends a pause at once', async () => {
    const controller = new AbortController();
    for (let i = 0; i < 20; i++) await sleep(1, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    const pause = sleep(60_000, controller.signal);
    controller.abort();
    await pause; // would time the test out if the abort did not end it
  });

  it('knows the final statuses', () => {
    expect(['queued', 'processing', 'done', 'needs_review', 'failed'].filter(isFinal)).toEqual(['done', 'needs_review', 'failed']);
  });
});

describe('waiting against a local HTTP server', () => {
  let server: Server;
  let client: GatewayClient;
  const log: string[] = [];
  /** Polls answered so far, per path. */
  const polls = new Map<string, number>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = req.url!;
      log.push(url);
      const n = (polls.get(url) ?? 0) + 1;
      polls.set(url, n);
      const send = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const job = /^\/api\/jobs\/(.+)$/.exec(url);
      if (job) {
        // j-slow is processing for two polls; j-gone is unknown.
        if (job[1] === 'j-gone') return send(404, { message: 'Job not found' });
        const status = job[1] === 'j-slow' && n <= 2 ? 'processing' : job[1] === 'j-bad' ? 'failed' : 'done';
        return send(200, {
          jobId: job[1],
          documentId: `d-${job[1]}`,
          status,
          progress: status === 'done' ? 100 : 50,
          error: status === 'failed' ? 'image cannot be decoded' : null,
        });
      }
      if (url === '/api/batches/b1') return send(200, { batchId: 'b1', completedAt: n <= 2 ? null : '2026-01-01T00:00:00.000Z' });
      send(404, { statusCode: 404, code: 'NOT_FOUND', message: `Cannot GET ${url}` });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new GatewayClient(`http://127.0.0.1:${(server.address() as { port: number }).port}`, { token: 't' }, { retries: 0 });
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('polls every job until it is final, and reports a job the gateway no longer knows as failed', async () => {
    const finals: string[] = [];
    const statuses = await waitForJobs(client, ['j-slow', 'j-ok', 'j-bad', 'j-gone'], {
      pollIntervalMs: 10,
      timeoutMs: 0,
      concurrency: 2,
      onFinal: (s) => finals.push(s.jobId),
    });
    expect(Object.fromEntries([...statuses].map(([id, s]) => [id, s.status]))).toEqual({
      'j-slow': 'done',
      'j-ok': 'done',
      'j-bad': 'failed',
      'j-gone': 'failed',
    });
    expect(statuses.get('j-gone')!.error).toContain('404');
    expect(polls.get('/api/jobs/j-slow')).toBe(3);
    expect(polls.get('/api/jobs/j-ok')).toBe(1); // not polled again once final
    expect(finals.sort()).toEqual(['j-bad', 'j-gone', 'j-ok', 'j-slow']);
  });

  it('stops at the time limit with the last status seen', async () => {
    polls.clear();
    const statuses = await waitForJobs(client, ['j-slow'], { pollIntervalMs: 200, timeoutMs: 50, concurrency: 1 });
    expect(statuses.get('j-slow')!.status).toBe('processing');
    // One poll at the start and a last one at the limit, not the 200 ms pause.
    expect(polls.get('/api/jobs/j-slow')).toBe(2);
  });

  it('waits on a batch until it is complete, and hands back the batches the gateway does not know', async () => {
    log.length = 0;
    const completed: string[] = [];
    const unknown = await waitForBatches(client, ['b1', 'b-unknown'], {
      pollIntervalMs: 10,
      timeoutMs: 0,
      concurrency: 2,
      onComplete: (b) => completed.push(b.batchId),
    });
    expect(completed).toEqual(['b1']);
    expect([...unknown]).toEqual(['b-unknown']);
    expect(log.filter((u) => u === '/api/batches/b1')).toHaveLength(3);
    expect(log.filter((u) => u === '/api/batches/b-unknown')).toHaveLength(1);
    expect(log.some((u) => u.startsWith('/api/jobs/'))).toBe(false);
  });
});
