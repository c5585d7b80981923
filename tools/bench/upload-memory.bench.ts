/**
 * npm run bench:upload-memory [-- --files N --mb M]
 *
 * Memory of the gateway while one request uploads N files of M MB (default 200 x 2 MB): the built
 * gateway runs as its own process, a client streams the multipart body to it, and its resident
 * memory is sampled from /proc/<pid>/status every 10 ms. Printed: the idle RSS measured in the
 * same run (after a one-file warm-up upload), the peak during the request (and the kernel's VmHWM
 * high-water mark), and the peak against the 300 MB goal.
 */
import { randomFillSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import type { UploadResponse } from '@invoice/contracts';
import { adminToken, createTestDatabase, deleteRedisPrefix, startService, uniqueQueuePrefix } from '@invoice/testing';
import { intOption, printTable, round } from './bench.support.js';

const files = intOption('files', 200);
const megabytes = intOption('mb', 2);
const GOAL_MB = 300;

/** VmRSS and VmHWM of a process, in MB. */
function memory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/** A PNG of noise of about `mb` MB (noise does not compress), and distinct copies of it (a counter after IEND). */
async function noisePng(mb: number): Promise<Buffer> {
  const side = Math.ceil(Math.sqrt((mb * 1024 * 1024) / 3));
  const raw = randomFillSync(Buffer.alloc(side * side * 3));
  return sharp(raw, { raw: { width: side, height: side, channels: 3 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** Streams a multipart body part by part (the client never holds more than one file's framing). */
function multipartBody(boundary: string, base: Buffer, count: number): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < count; i++) {
        yield Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="noise-${i}.png"\r\nContent-Type: image/png\r\n\r\n`,
        );
        yield base;
        const suffix = Buffer.alloc(4);
        suffix.writeUInt32BE(i);
        yield suffix;
        yield Buffer.from('\r\n');
      }
      yield Buffer.from(`--${boundary}--\r\n`);
    })(),
  );
}

function post(port: number, token: string, body: Readable, boundary: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/invoices',
        headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, text }));
      },
    );
    req.on('error', reject);
    body.pipe(req);
  });
}

const db = await createTestDatabase('bench_upload_memory');
const prefix = uniqueQueuePrefix('bench-upload-memory');
const gateway = await startService('gateway', {
  DATABASE_URL: db.url,
  QUEUE_PREFIX: prefix,
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
  LOG_LEVEL: 'warn',
  MAX_FILES_PER_REQUEST: String(files),
});

try {
  const pid = gateway.child.pid!;
  const token = await adminToken(`http://127.0.0.1:${gateway.port}`);
  const base = await noisePng(megabytes);
  const boundary = 'bench-boundary-7f3a9c';

  // Warm-up: one file through the same path, then let the process settle; that RSS is the idle reference.
  const warm = await post(gateway.port, token, multipartBody(boundary, await noisePng(1), 1), boundary);
  if (warm.status !== 202) throw new Error(`warm-up upload answered ${warm.status}: ${warm.text}`);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const idle = memory(pid).rss;

  let peak = idle;
  const sampler = setInterval(() => (peak = Math.max(peak, memory(pid).rss)), 10);
  const start = performance.now();
  const res = await post(gateway.port, token, multipartBody(boundary, base, files), boundary);
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  const after = memory(pid);
  if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${res.text}`);
  const answer = JSON.parse(res.text) as UploadResponse;
  const created = answer.jobs.filter((job) => !job.duplicate).length;
  if (created !== files) throw new Error(`expected ${files} new documents, got ${created}`);
  const [{ n: stored }] = await db.dataSource.query(
    `SELECT count(*)::int AS n FROM document_files f JOIN documents d ON d.id = f.document_id WHERE d.batch_id = $1`,
    [answer.batchId],
  );
  if (stored !== files) throw new Error(`expected ${files} stored files, found ${stored}`);

  const requestMb = (files * (base.length + 4)) / 1024 / 1024;
  console.log(
    `\n${files} files of ${round(base.length / 1024 / 1024)} MB in one request (${round(requestMb, 0)} MB), stored in ${round(seconds, 1)} s (${round(requestMb / seconds, 1)} MB/s)\n`,
  );
  printTable([
    { measure: 'idle RSS after warm-up (reference)', MB: round(idle, 0), 'vs idle': 1, 'vs 300 MB goal': round(idle / GOAL_MB) },
    {
      measure: 'peak RSS during the request (10 ms samples)',
      MB: round(peak, 0),
      'vs idle': round(peak / idle),
      'vs 300 MB goal': round(peak / GOAL_MB),
    },
    {
      measure: 'VmHWM (kernel high-water mark since start)',
      MB: round(after.hwm, 0),
      'vs idle': round(after.hwm / idle),
      'vs 300 MB goal': round(after.hwm / GOAL_MB),
    },
  ]);
  console.log(
    `\npeak - idle = ${round(peak - idle, 0)} MB for a ${round(requestMb, 0)} MB request; goal: peak under ${GOAL_MB} MB: ${peak < GOAL_MB ? 'met' : 'NOT met'}`,
  );
} finally {
  await gateway.stop();
  await db.drop();
  await deleteRedisPrefix(prefix);
}
