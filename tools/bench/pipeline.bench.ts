/**
 * npm run bench:pipeline [-- --count N]
 *
 * Uploads N generated invoices through the HTTP API with a gateway and one OCR worker process
 * running (OCR_CONCURRENCY = cores), and compares invoices per minute end to end with the
 * throughput of the same pages OCRed directly with the same tesseract.js settings and the same
 * number of tesseract workers, measured in the same run. The difference is what the queue, the
 * database and the HTTP layer cost.
 */
import { performance } from 'node:perf_hooks';
import { generateInvoice } from '@invoice/invoice-generator';
import { OcrEngine } from '@invoice/ocr';
import { adminToken, createTestDatabase, deleteRedisPrefix, startService, uniqueQueuePrefix } from '@invoice/testing';
import type { JobStatusResponse, UploadResponse } from '@invoice/contracts';
import { CORES, intOption, printTable, round } from './bench.support.js';

const count = intOption('count', 24);
const perRequest = 8;

console.log(`Generating ${count} invoices (seeded, EN/FR, PNG/JPEG)...`);
const invoices = await Promise.all(
  Array.from({ length: count }, (_, i) =>
    generateInvoice(50_000 + i, { language: i % 2 ? 'fr' : 'en', withEmail: i % 3 === 0, format: i % 4 === 0 ? 'jpeg' : 'png' }),
  ),
);

// Reference: the same pages, OCRed directly by a pool of the same size and settings.
console.log(`Reference: OCR directly with ${CORES} tesseract.js workers...`);
// The worker's engine settings: PP-OCR rereads the doubtful lines of the pages tesseract reads poorly (OCR_SECOND_RECOGNIZER).
const engine = await OcrEngine.create({ concurrency: CORES, secondRecognizer: { engine: 'ppocr' } });
await engine.recognize(invoices[0]!.image); // warm-up, as the worker is warm when jobs arrive
const directStart = performance.now();
const pages = await Promise.all(invoices.map((inv) => engine.recognize(inv.image)));
const directSeconds = (performance.now() - directStart) / 1000;
await engine.terminate();
const ocrSecondsSum = pages.reduce((sum, page) => sum + page.durationMs / 1000, 0);

// The pipeline: gateway + worker processes on a database and queue prefix of their own.
console.log('Pipeline: gateway + OCR worker processes, uploads over HTTP, polling job status...');
const db = await createTestDatabase('bench');
const prefix = uniqueQueuePrefix('bench');
const env = {
  DATABASE_URL: db.url,
  QUEUE_PREFIX: prefix,
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
  OCR_CONCURRENCY: String(CORES),
};
const gateway = await startService('gateway', env);
const worker = await startService('ocr-worker', env);
try {
  const base = `http://127.0.0.1:${gateway.port}`;
  const token = await adminToken(base);
  const auth = { authorization: `Bearer ${token}` };

  // Warm the worker's tesseract pool like the reference's (one page per tesseract worker).
  const warmup = new FormData();
  for (let i = 0; i < CORES; i++) {
    const inv = await generateInvoice(90_000 + i);
    warmup.append('files', new Blob([new Uint8Array(inv.image)], { type: inv.mimeType }), `warmup-${i}`);
  }
  const warm = (await (await fetch(`${base}/api/invoices`, { method: 'POST', headers: auth, body: warmup })).json()) as UploadResponse;
  for (const job of warm.jobs) {
    while (
      !['done', 'needs_review', 'failed'].includes(
        ((await (await fetch(`${base}/api/jobs/${job.jobId}`, { headers: auth })).json()) as JobStatusResponse).status,
      )
    ) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  const warmIds = warm.jobs.map((job) => job.documentId);

  const startedAt = Date.now();
  const start = performance.now();
  let uploadMs = 0;
  const jobIds: string[] = [];
  for (let i = 0; i < invoices.length; i += perRequest) {
    const form = new FormData();
    for (const [j, inv] of invoices.slice(i, i + perRequest).entries()) {
      form.append('files', new Blob([new Uint8Array(inv.image)], { type: inv.mimeType }), `bench-${i + j}`);
    }
    const t0 = performance.now();
    const res = await fetch(`${base}/api/invoices`, { method: 'POST', headers: auth, body: form });
    uploadMs += performance.now() - t0;
    if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
    jobIds.push(...((await res.json()) as UploadResponse).jobs.map((job) => job.jobId));
  }

  const pending = new Set(jobIds);
  const outcomes: Record<string, number> = {};
  let polls = 0;
  let pollMs = 0;
  while (pending.size) {
    for (const jobId of [...pending]) {
      const t0 = performance.now();
      const status = (await (await fetch(`${base}/api/jobs/${jobId}`, { headers: auth })).json()) as JobStatusResponse;
      pollMs += performance.now() - t0;
      polls++;
      if (['done', 'needs_review', 'failed'].includes(status.status)) {
        pending.delete(jobId);
        outcomes[status.status] = (outcomes[status.status] ?? 0) + 1;
      }
    }
    // A client polling each pending job once a second.
    if (pending.size) await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const observedSeconds = (performance.now() - start) / 1000;
  // The system's time: until the last invoice was stored (polling once a second notices it up to 1 s later).
  const [{ last_done }] = await db.dataSource.query(`SELECT max(completed_at) AS last_done FROM documents WHERE id <> ALL($1)`, [warmIds]);
  const pipelineSeconds = ((last_done as Date).getTime() - startedAt) / 1000;

  const [{ stored_ms, pipeline_ocr_ms }] = await db.dataSource.query(
    `SELECT avg(extract(epoch FROM (d.completed_at - d.started_at)) * 1000 - i.ocr_duration_ms)::float AS stored_ms,
            avg(i.ocr_duration_ms)::float AS pipeline_ocr_ms
       FROM documents d JOIN invoices i ON i.document_id = d.id WHERE d.id <> ALL($1)`,
    [warmIds],
  );

  const directPerMinute = (count / directSeconds) * 60;
  const pipelinePerMinute = (count / pipelineSeconds) * 60;
  const overhead = 1 - pipelinePerMinute / directPerMinute;
  console.log();
  printTable([
    {
      measure: 'direct OCR (reference)',
      invoices: count,
      seconds: round(directSeconds, 1),
      'invoices/min': round(directPerMinute, 1),
      ratio: 1,
    },
    {
      measure: 'pipeline, upload to last stored',
      invoices: count,
      seconds: round(pipelineSeconds, 1),
      'invoices/min': round(pipelinePerMinute, 1),
      ratio: round(pipelinePerMinute / directPerMinute, 3),
    },
  ]);
  console.log();
  console.log(`Outcomes: ${JSON.stringify(outcomes)}`);
  console.log(`Queue + database + HTTP cost: ${round(overhead * 100, 1)}% of the direct OCR throughput (goal: under 5%)`);
  console.log(
    `  end to end as the polling client saw it: ${round(observedSeconds, 1)} s (ratio ${round(directSeconds / observedSeconds, 3)})`,
  );
  console.log(`  upload requests: ${round(uploadMs / count, 1)} ms per invoice (${perRequest} files per request)`);
  console.log(`  status polls: ${polls}, ${round(pollMs / polls, 2)} ms each on average`);
  console.log(`  mean OCR time per page in the reference: ${round((ocrSecondsSum / count) * 1000, 0)} ms`);
  console.log(`  mean OCR time per page in the pipeline: ${round(pipeline_ocr_ms, 0)} ms`);
  console.log(
    `  mean time per job beyond OCR (load bytes, progress, extraction, save): ${round(stored_ms, 0)} ms = ${round((stored_ms / pipeline_ocr_ms) * 100, 1)}% of the OCR time`,
  );
} finally {
  await worker.stop();
  await gateway.stop();
  await db.drop();
  await deleteRedisPrefix(prefix);
}
