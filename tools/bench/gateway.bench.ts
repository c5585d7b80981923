/**
 * npm run bench:gateway [-- --seconds S --rounds R]
 *
 * Throughput of `GET /api/jobs/:id` (the route web clients poll) on two gateway processes started
 * the same way, one with the per-request metrics middleware and one without (HTTP_METRICS=false),
 * measured in alternating rounds in one run, printed as a ratio: what the metrics cost.
 */
import autocannon from 'autocannon';
import sharp from 'sharp';
import { adminToken, createTestDatabase, deleteRedisPrefix, startService, uniqueQueuePrefix, type ServiceProcess } from '@invoice/testing';
import type { UploadResponse } from '@invoice/contracts';
import { performance } from 'node:perf_hooks';
import { createHttpMetrics, createRegistry } from '@invoice/monitoring';
import { cycle, firstOf, intOption, printTable, round } from './bench.support.js';

/** The middleware's own work per request (timer, in-flight gauge, histogram observe), timed in-process. */
function middlewareMicroseconds(iterations = 200_000): number {
  const metrics = createHttpMetrics(createRegistry('gateway'));
  const routes = ['/api/jobs/:jobId', '/api/invoices', '/api/invoices/:documentId'];
  const start = performance.now();
  for (let i = 0; i < iterations; i++) {
    const stop = metrics.duration.startTimer();
    metrics.inFlight.inc();
    metrics.inFlight.dec();
    stop({ method: 'GET', route: cycle(routes, i), status_code: i % 10 ? '200' : '404' });
  }
  return ((performance.now() - start) * 1000) / iterations;
}

const seconds = intOption('seconds', 4);
const rounds = intOption('rounds', 5);
const connections = 20;

const db = await createTestDatabase('bench_gateway');
const prefix = uniqueQueuePrefix('bench-gateway');
const env = { DATABASE_URL: db.url, QUEUE_PREFIX: prefix, JWT_SECRET: 'bench-secret-bench-secret-bench-secret', LOG_LEVEL: 'warn' };
const withMetrics = await startService('gateway', env, { name: 'with-metrics' });
const withoutMetrics = await startService('gateway', { ...env, HTTP_METRICS: 'false' }, { name: 'without-metrics' });

try {
  const base = `http://127.0.0.1:${withMetrics.port}`;
  const token = await adminToken(base);
  const form = new FormData();
  const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
  form.append('files', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'poll-target.png');
  const upload = (await (
    await fetch(`${base}/api/invoices`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })
  ).json()) as UploadResponse;
  const path = `/api/jobs/${firstOf(upload.jobs, 'queued job').jobId}`;

  const run = async (gateway: ServiceProcess) => {
    const result = await autocannon({
      url: `http://127.0.0.1:${gateway.port}${path}`,
      headers: { authorization: `Bearer ${token}` },
      connections,
      duration: seconds,
    });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${gateway.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return { rps: result.requests.average, p99: result.latency.p99 };
  };

  // Warm both, then alternate so that drift on the machine hits both sides alike.
  await run(withMetrics);
  await run(withoutMetrics);
  const measured: { name: string; rps: number; p99: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    measured.push({ name: 'without metrics', ...(await run(withoutMetrics)) });
    measured.push({ name: 'with metrics', ...(await run(withMetrics)) });
  }
  const mean = (name: string, key: 'rps' | 'p99') => {
    const rows = measured.filter((m) => m.name === name);
    return rows.reduce((sum, m) => sum + m[key], 0) / rows.length;
  };
  const reference = mean('without metrics', 'rps');
  console.log(`\nGET ${path.replace(/[0-9a-f-]{36}/, ':id')}, ${connections} connections, ${rounds} rounds of ${seconds} s each side\n`);
  printTable(
    ['without metrics', 'with metrics'].map((name) => ({
      gateway: name,
      'requests/s': round(mean(name, 'rps'), 0),
      'p99 ms': round(mean(name, 'p99'), 1),
      ratio: round(mean(name, 'rps') / reference, 3),
    })),
  );
  const cost = 1 - mean('with metrics', 'rps') / reference;
  const perRound = Array.from({ length: rounds }, (_, i) => round(measured[2 * i + 1]!.rps / measured[2 * i]!.rps, 3));
  console.log(`\nPer-round ratios (with / without): ${perRound.join(', ')}`);
  console.log(`Metrics middleware cost: ${round(cost * 100, 1)}% of gateway throughput (goal: under 2%)`);
  const perRequestUs = 1e6 / reference;
  const middlewareUs = middlewareMicroseconds();
  console.log(
    `Direct measure: the middleware's work takes ${round(middlewareUs, 2)} µs per request, ` +
      `${round((middlewareUs / perRequestUs) * 100, 2)}% of the ${round(perRequestUs, 0)} µs of CPU-bound time per request at ${round(reference, 0)} requests/s`,
  );
} finally {
  await withMetrics.stop();
  await withoutMetrics.stop();
  await db.drop();
  await deleteRedisPrefix(prefix);
}
