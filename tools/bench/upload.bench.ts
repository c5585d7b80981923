/**
 * npm run bench:upload [-- --count N --workers W --per-request F --connections C --seconds S --poll-rate R --poll-clients K]
 *
 * Upload load: the built gateway and W OCR worker processes on a fresh database and queue prefix.
 * N small distinct invoices (a few tens rendered, cropped to their header, each copy made unique
 * by a PNG tEXt chunk so that the gateway's de-duplication does not short-cut them) are pushed at
 * the gateway as fast as it accepts them, F files per multipart request over C connections
 * (autocannon). Reference in the same run: a bare node:http server in its own process receiving
 * the same bodies. Then, while the workers are busy with the backlog, the latency of
 * `GET /api/jobs/:id` (what clients poll) against `GET /health/live` (no auth, no database): first
 * at a fixed rate, R polls a second from K clients, each on its own connection polling every K / R
 * seconds at its own phase (as web clients polling on a timer; latency counted from the time a poll
 * was due, so a late answer also delays, and counts against, the polls after it), then
 * as fast as C connections can (the gateway's capacity; latency there is C / throughput).
 * Finally it waits until every document is done or needs_review and checks exactly N exist.
 */
import { spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { crc32 } from 'node:zlib';
import autocannon from 'autocannon';
import sharp from 'sharp';
import { generateInvoice } from '@invoice/invoice-generator';
import {
  adminToken,
  createTestDatabase,
  deleteRedisPrefix,
  freePort,
  startService,
  uniqueQueuePrefix,
  type ServiceProcess,
} from '@invoice/testing';
import type { UploadResponse } from '@invoice/contracts';
import { CORES, cycle, intOption, percentile, printTable, round } from './bench.support.js';

const count = intOption('count', 2000);
const workerCount = intOption('workers', 1);
const perRequest = intOption('per-request', 10);
const connections = intOption('connections', 16);
const seconds = intOption('seconds', 5);
const pollRate = intOption('poll-rate', 500);
const pollClients = intOption('poll-clients', 100);
const distinctImages = Math.min(40, count);

/** A copy of a PNG with a tEXt chunk after IHDR: other bytes, same picture. */
function withTextChunk(png: Buffer, keyword: string, text: string): Buffer {
  const data = Buffer.from(`${keyword}\0${text}`, 'latin1');
  const type = Buffer.from('tEXt', 'latin1');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  type.copy(chunk, 4);
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(Buffer.concat([type, data])), 8 + data.length);
  const ihdrEnd = 8 + 8 + png.readUInt32BE(8) + 4;
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd)]);
}

function multipart(files: { name: string; content: Buffer }[]): { boundary: string; body: Buffer } {
  const boundary = `----bench${randomBytes(12).toString('hex')}`;
  const parts = files.flatMap((file) => [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    file.content,
    Buffer.from('\r\n'),
  ]);
  return { boundary, body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]) };
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux; clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** A bare node:http server in its own process: reads the whole body, answers 202. */
async function startBareServer(): Promise<{ port: number; pid: number; stop: () => void }> {
  const port = await freePort();
  const source = `
    import { createServer } from 'node:http';
    createServer((req, res) => {
      let size = 0;
      req.on('data', (chunk) => (size += chunk.length));
      req.on('end', () => res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ received: size })));
    }).listen(${port}, '127.0.0.1', () => console.log('listening'));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return { port, pid: child.pid!, stop: () => child.kill('SIGKILL') };
}

interface UploadRun {
  seconds: number;
  requests: number;
  p50: number;
  p99: number;
  jobIds: string[];
}

/** Sends every body once over `connections` connections; every answer must be a 202. */
async function pushUploads(
  port: number,
  bodies: { boundary: string; body: Buffer }[],
  headers: Record<string, string>,
  collectJobs: boolean,
): Promise<UploadRun> {
  let next = 0;
  const jobIds: string[] = [];
  const start = performance.now();
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/invoices`,
    connections: Math.min(connections, bodies.length),
    amount: bodies.length,
    timeout: 60,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const { boundary, body } = cycle(bodies, next++);
          return {
            ...request,
            body,
            headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
          } as typeof request;
        },
        onResponse: (status, body) => {
          if (collectJobs && status === 202) jobIds.push(...(JSON.parse(body) as UploadResponse).jobs.map((job) => job.jobId));
        },
      },
    ],
  });
  const elapsed = (performance.now() - start) / 1000;
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`port ${port}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return { seconds: elapsed, requests: result.requests.total, p50: result.latency.p50, p99: result.latency.p99, jobIds };
}

/** GET requests for `seconds`, as fast as `connections` connections go. */
async function pollLatency(url: string, headers: Record<string, string>, paths: string[]) {
  let i = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: cycle(paths, i++) }) }],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, total: result.requests.total, p50: result.latency.p50, p99: result.latency.p99 };
}

/**
 * `rate` GET requests a second in all for `seconds`, from `clients` clients, each with one keep-alive
 * connection, polling on a timer every clients / rate seconds, the clients' phases spread evenly over
 * that period (autocannon's `overallRate` sends each second's quota in a burst instead). A client
 * waits for its answer before its next poll; latency is counted from when the poll was due, so a slow
 * answer counts against the polls it held up too (no coordinated omission).
 */
async function pacedPolls(port: number, headers: Record<string, string>, paths: string[], rate: number, clients: number) {
  const period = (clients / rate) * 1000;
  const start = performance.now() + 200;
  const end = start + seconds * 1000;
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const get = (agent: Agent, path: string) =>
    new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, headers, agent }, (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
      });
      req.once('error', reject);
      req.end();
    });
  const client = async (index: number) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let due = start + (index * period) / clients; due < end; due += period) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const status = await get(agent, cycle(paths, next++)).catch(() => 0);
        if (status !== 200) failures++;
        latencies.push(performance.now() - due);
      }
    } finally {
      agent.destroy();
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  if (failures > 0) throw new Error(`paced polls: ${failures} of ${latencies.length} did not answer 200`);
  const sorted = latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / seconds,
    total: latencies.length,
    p50: round(percentile(sorted, 0.5), 1),
    p99: round(percentile(sorted, 0.99), 1),
  };
}

console.log(`Rendering ${distinctImages} small invoices (header crops) and making ${count} distinct copies...`);
const sources = await Promise.all(
  Array.from({ length: distinctImages }, async (_, i) => {
    // No paper noise: a clean header crop compresses to a few kilobytes.
    const { image } = await generateInvoice(60_000 + i, { language: i % 2 ? 'fr' : 'en', variation: { noise: 0 } });
    return sharp(image).extract({ left: 0, top: 0, width: 850, height: 420 }).png({ compressionLevel: 9 }).toBuffer();
  }),
);
const files = Array.from({ length: count }, (_, i) => ({
  name: `bench-${i}.png`,
  content: withTextChunk(cycle(sources, i), 'Comment', `upload bench copy ${i}`),
}));
const bodies = Array.from({ length: Math.ceil(count / perRequest) }, (_, r) =>
  multipart(files.slice(r * perRequest, (r + 1) * perRequest)),
);
const meanBytes = files.reduce((sum, f) => sum + f.content.length, 0) / count;
console.log(
  `${count} files of ${round(meanBytes / 1024, 1)} KB on average, ${bodies.length} requests of up to ${perRequest} files, ${connections} connections`,
);

const db = await createTestDatabase('bench_upload');
const prefix = uniqueQueuePrefix('bench-upload');
const env = {
  DATABASE_URL: db.url,
  QUEUE_PREFIX: prefix,
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
  OCR_CONCURRENCY: String(Math.max(1, Math.round(CORES / workerCount))),
  // The segmentation trigger would queue runs nobody consumes here.
  SEGMENTATION_TRIGGER_INVOICES: String(count * 10),
};
const gateway = await startService('gateway', env);
const workers: ServiceProcess[] = [];
for (let i = 0; i < workerCount; i++) workers.push(await startService('ocr-worker', env, { name: `ocr-worker-${i}` }));
const bare = await startBareServer();
let cleaned = false;
async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  bare.stop();
  await Promise.all(workers.map((w) => w.stop()));
  await gateway.stop();
  await db.drop();
  await deleteRedisPrefix(prefix);
}
// Ctrl-C during the long wait still stops the processes and drops the database.
process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
try {
  const base = `http://127.0.0.1:${gateway.port}`;
  const token = await adminToken(base);
  const auth = { authorization: `Bearer ${token}` };

  // Reference: the same bodies to a bare HTTP server (nothing parsed, nothing stored).
  const bareCpu0 = cpuMs(bare.pid);
  const reference = await pushUploads(bare.port, bodies, auth, false);
  const bareCpu = cpuMs(bare.pid) - bareCpu0;
  // The gateway, with the workers running (they start on the first jobs at once). CPU time per
  // file does not depend on what else the machine runs; throughput does.
  const gatewayCpu0 = cpuMs(gateway.child.pid!);
  const workerCpu0 = workers.map((w) => cpuMs(w.child.pid!));
  const measured = await pushUploads(gateway.port, bodies, auth, true);
  const gatewayCpu = cpuMs(gateway.child.pid!) - gatewayCpu0;
  const workerCpu = workers.reduce((sum, w, i) => sum + cpuMs(w.child.pid!) - workerCpu0[i]!, 0);
  if (measured.jobIds.length !== count) throw new Error(`expected ${count} jobs in the answers, got ${measured.jobIds.length}`);

  // Status polls while the workers work through the backlog, against a trivial route.
  const pending = Number(
    (await db.dataSource.query(`SELECT count(*)::int AS n FROM documents WHERE status IN ('queued','processing')`))[0].n,
  );
  const sample = measured.jobIds.filter((_, i) => i % Math.max(1, Math.floor(count / 200)) === 0);
  const statusPaced = await pacedPolls(
    gateway.port,
    auth,
    sample.map((id) => `/api/jobs/${id}`),
    pollRate,
    pollClients,
  );
  const livePaced = await pacedPolls(gateway.port, {}, ['/health/live'], pollRate, pollClients);
  const statusCpu0 = cpuMs(gateway.child.pid!);
  const status = await pollLatency(
    base,
    auth,
    sample.map((id) => `/api/jobs/${id}`),
  );
  const liveCpu0 = cpuMs(gateway.child.pid!);
  const live = await pollLatency(base, {}, ['/health/live']);
  const liveCpu = cpuMs(gateway.child.pid!) - liveCpu0;
  const statusCpu = liveCpu0 - statusCpu0;
  const pendingAfter = Number(
    (await db.dataSource.query(`SELECT count(*)::int AS n FROM documents WHERE status IN ('queued','processing')`))[0].n,
  );

  const filesPerSecond = (run: UploadRun) => count / run.seconds;
  console.log();
  printTable([
    {
      measure: 'upload, files/s',
      gateway: round(filesPerSecond(measured), 0),
      reference: round(filesPerSecond(reference), 0),
      ratio: round(filesPerSecond(measured) / filesPerSecond(reference), 3),
      'reference is': 'bare node:http, same bodies',
    },
    {
      measure: 'upload request p50 ms',
      gateway: measured.p50,
      reference: reference.p50,
      ratio: round(measured.p50 / Math.max(reference.p50, 1), 1),
      'reference is': 'bare node:http, same bodies',
    },
    {
      measure: 'upload request p99 ms',
      gateway: measured.p99,
      reference: reference.p99,
      ratio: round(measured.p99 / Math.max(reference.p99, 1), 1),
      'reference is': 'bare node:http, same bodies',
    },
    {
      measure: 'upload, server CPU ms/file',
      gateway: round(gatewayCpu / count, 2),
      reference: round(bareCpu / count, 2),
      ratio: round(gatewayCpu / Math.max(bareCpu, 1), 1),
      'reference is': 'bare node:http, same bodies',
    },
    {
      measure: `status p50 ms at ${pollRate}/s`,
      gateway: statusPaced.p50,
      reference: livePaced.p50,
      ratio: round(statusPaced.p50 / Math.max(livePaced.p50, 1), 1),
      'reference is': 'GET /health/live, same gateway, same rate',
    },
    {
      measure: `status p99 ms at ${pollRate}/s`,
      gateway: statusPaced.p99,
      reference: livePaced.p99,
      ratio: round(statusPaced.p99 / Math.max(livePaced.p99, 1), 1),
      'reference is': 'GET /health/live, same gateway, same rate',
    },
    {
      measure: 'status requests/s (saturated)',
      gateway: round(status.rps, 0),
      reference: round(live.rps, 0),
      ratio: round(status.rps / live.rps, 3),
      'reference is': 'GET /health/live, same gateway',
    },
    {
      measure: 'status, gateway CPU ms/request',
      gateway: round(statusCpu / status.total, 2),
      reference: round(liveCpu / live.total, 2),
      ratio: round(statusCpu / status.total / Math.max(liveCpu / live.total, 0.01), 1),
      'reference is': 'GET /health/live, same gateway',
    },
    {
      measure: 'status p50 ms (saturated)',
      gateway: status.p50,
      reference: live.p50,
      ratio: round(status.p50 / Math.max(live.p50, 1), 1),
      'reference is': 'GET /health/live, same gateway',
    },
    {
      measure: 'status p99 ms (saturated)',
      gateway: status.p99,
      reference: live.p99,
      ratio: round(status.p99 / Math.max(live.p99, 1), 1),
      'reference is': 'GET /health/live, same gateway',
    },
  ]);
  console.log();
  console.log(
    `Uploads: ${count} files accepted in ${round(measured.seconds, 2)} s = ${round(filesPerSecond(measured), 0)} files/s, ${round(measured.requests / measured.seconds, 0)} requests/s (goal: >= 300 files/s)`,
  );
  console.log(
    `  gateway CPU: ${round(gatewayCpu / count, 2)} ms per file (${round((count * 1000) / gatewayCpu, 0)} files/s per core); ` +
      `meanwhile the OCR worker(s) used ${round(workerCpu / 1000 / measured.seconds, 2)} cores; machine load average ${loadavg()[0]!.toFixed(1)} on ${CORES} cores`,
  );
  console.log(
    `Status polls (${sample.length} job ids) while ${pending} -> ${pendingAfter} documents were pending: ` +
      `at ${pollRate}/s from ${pollClients} clients (${round(statusPaced.rps, 0)}/s served) p99 ${statusPaced.p99} ms (goal: < 50 ms); ` +
      `saturated by ${connections} connections ${round(status.rps, 0)}/s, p99 ${status.p99} ms`,
  );

  // Every document must end done or needs_review, and exactly `count` must exist.
  const started = performance.now();
  const deadline = Date.now() + count * 5_000 + 120_000;
  let lastLine = '';
  for (;;) {
    const rows = (await db.dataSource.query(`SELECT status, count(*)::int AS n FROM documents GROUP BY status ORDER BY status`)) as {
      status: string;
      n: number;
    }[];
    const by = Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
    const finished = (by.done ?? 0) + (by.needs_review ?? 0) + (by.failed ?? 0);
    const line = `  ${finished}/${count} processed ${JSON.stringify(by)}`;
    if (line !== lastLine && (finished === count || Math.round(performance.now() / 1000) % 30 === 0)) console.log(line);
    lastLine = line;
    if (finished === count) {
      const total = rows.reduce((sum, r) => sum + r.n, 0);
      const ocrSeconds = (performance.now() - started) / 1000;
      console.log(
        `All processed ${round(ocrSeconds, 0)} s after the status measure: ${by.done ?? 0} done, ${by.needs_review ?? 0} needs_review, ${by.failed ?? 0} failed`,
      );
      console.log(`Documents in the database: ${total} (expected ${count})`);
      if (total !== count || (by.failed ?? 0) > 0) throw new Error(`expected exactly ${count} documents, all done or needs_review`);
      break;
    }
    if (Date.now() > deadline) throw new Error(`not all processed in time: ${line}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
} finally {
  await cleanup();
}
