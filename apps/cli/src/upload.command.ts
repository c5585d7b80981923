import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import pLimit from 'p-limit';
import type { RejectedFile } from '@invoice/contracts';
import type { UploadConfig } from './cli.options.js';
import { hashFile, walkFolder, type SkippedFile } from './folder.walk.js';
import { ApiError, AuthError, GatewayClient, type LocalUpload } from './gateway.client.js';
import { toCsv, toJsonLines, type FileResult } from './invoice.rows.js';
import { isFinal, waitForBatches, waitForJobs } from './job.waiter.js';
import type { Reporter } from './progress.reporter.js';
import { chunk, idempotencyKey, matchAnswer } from './upload.request.js';
import { UploadState, writeFileAtomic } from './upload.state.js';

interface LocalFile extends LocalUpload {
  path: string;
  sha256: string;
  size: number;
}

export interface UploadSummary {
  folder: string;
  url: string;
  stateFile: string;
  /** Supported files found in the folder. */
  found: number;
  /** Sent in an earlier run (recorded in the state file): not sent again. */
  alreadySent: number;
  /** New documents created by this run. */
  uploaded: number;
  /** Files the gateway already had (same bytes), and copies of a file found twice in the folder. */
  duplicates: number;
  /** Refused by the gateway, with its reason. */
  rejected: (SkippedFile & { code: RejectedFile['code'] })[];
  /** Not sent: unsupported extension or content, or empty. */
  unsupported: SkippedFile[];
  /** Could not be sent (after the retries): sent again by the next run. */
  failed: (SkippedFile & { error: string })[];
  requests: number;
  uploadSeconds: number;
  filesPerSecond: number;
  batchIds: string[];
  interrupted: boolean;
  /** With --wait: how the folder's documents ended. */
  jobs?: { done: number; needs_review: number; failed: number; pending: number; failedFiles: { path: string; error: string | null }[] };
  output?: { file: string; format: string; rows: number };
}

/** A fatal error that stops the run (authentication, state file): its message is the whole story. */
export class RunError extends Error {}

/** `invoice-ocr upload <folder>`: walk, hash, send what is new, record, then optionally wait and export. */
export async function runUpload(config: UploadConfig, reporter: Reporter, signal?: AbortSignal): Promise<UploadSummary> {
  const state = await UploadState.load(config.stateFile, config.url);
  const client = new GatewayClient(config.url, config.credentials, {
    retries: config.retries,
    onRetry: (error, attempt, left) => reporter.warn(`${error.message}; trying again (attempt ${attempt + 1}, ${left} left)`),
  });

  const walked = await walkFolder(config.folder, [config.stateFile, ...(config.output ? [config.output.file] : [])]);
  const summary: UploadSummary = {
    folder: config.folder,
    url: config.url,
    stateFile: config.stateFile,
    found: 0,
    alreadySent: 0,
    uploaded: 0,
    duplicates: 0,
    rejected: [],
    unsupported: [...walked.unsupported],
    failed: [],
    requests: 0,
    uploadSeconds: 0,
    filesPerSecond: 0,
    batchIds: [],
    interrupted: false,
  };

  // Hash every candidate (one streaming read each: sha256 and the magic bytes).
  const hashLimit = pLimit(4);
  const hashed = await Promise.all(
    walked.files.map((file) => hashLimit(async () => ({ ...file, ...(await hashFile(file.absolutePath)) }))),
  );
  const folderHashes = new Map<string, string>();
  const toSend: LocalFile[] = [];
  for (const file of hashed) {
    if (file.size === 0) {
      summary.unsupported.push({ path: file.path, reason: 'empty file' });
      continue;
    }
    if (!file.mimeType) {
      summary.unsupported.push({ path: file.path, reason: 'content is not PNG, JPEG, TIFF, WebP or PDF (checked from the first bytes)' });
      continue;
    }
    summary.found++;
    if (folderHashes.has(file.sha256)) {
      summary.duplicates++; // the same bytes twice in the folder: sent once
      continue;
    }
    folderHashes.set(file.sha256, file.path);
    if (state.get(file.sha256)) {
      summary.alreadySent++;
      continue;
    }
    toSend.push({
      absolutePath: file.absolutePath,
      name: basename(file.path),
      mimeType: file.mimeType,
      path: file.path,
      sha256: file.sha256,
      size: file.size,
    });
  }
  reporter.info(
    `${summary.found} supported file(s) in ${config.folder}: ${toSend.length} to send, ${summary.alreadySent} already sent` +
      (summary.unsupported.length ? `, ${summary.unsupported.length} not supported` : ''),
  );

  // Upload with bounded concurrency; record each answer and save the state before going on.
  const requests = chunk(toSend, config.filesPerRequest);
  const bar = reporter.bar('upload', toSend.length, 'files');
  const limit = pLimit(config.concurrency);
  let fatal: Error | null = null;
  const started = performance.now();
  await Promise.all(
    requests.map((files) =>
      limit(async () => {
        if (fatal || signal?.aborted) return;
        try {
          summary.requests++;
          const answer = await client.upload(files, idempotencyKey(files.map((f) => f.sha256)));
          if (answer.batchId) summary.batchIds.push(answer.batchId);
          const at = new Date().toISOString();
          for (const outcome of matchAnswer(files, answer)) {
            const { file } = outcome;
            if ('job' in outcome) {
              const { job } = outcome;
              state.record(file.sha256, {
                status: 'uploaded',
                path: file.path,
                documentId: job.documentId,
                jobId: job.jobId,
                duplicate: job.duplicate,
                ...(answer.batchId ? { batchId: answer.batchId } : {}),
                at,
              });
              if (job.duplicate) summary.duplicates++;
              else summary.uploaded++;
            } else if ('rejected' in outcome) {
              state.record(file.sha256, {
                status: 'rejected',
                path: file.path,
                code: outcome.rejected.code,
                reason: outcome.rejected.reason,
                at,
              });
              summary.rejected.push({ path: file.path, code: outcome.rejected.code, reason: outcome.rejected.reason });
            } else {
              summary.failed.push({
                path: file.path,
                reason: 'missing from the answer',
                error: 'the gateway did not answer for this file',
              });
            }
          }
          await state.save();
        } catch (error) {
          if (error instanceof AuthError) {
            fatal = error;
            return;
          }
          const refused = refusedFiles(error);
          if (refused) {
            // 415/400 when nothing in the request was acceptable: the per-file reasons are in the details.
            const at = new Date().toISOString();
            for (const outcome of matchAnswer(files, { jobs: [], rejected: refused })) {
              if ('rejected' in outcome) {
                state.record(outcome.file.sha256, {
                  status: 'rejected',
                  path: outcome.file.path,
                  code: outcome.rejected.code,
                  reason: outcome.rejected.reason,
                  at,
                });
                summary.rejected.push({ path: outcome.file.path, code: outcome.rejected.code, reason: outcome.rejected.reason });
              } else {
                summary.failed.push({ path: outcome.file.path, reason: 'refused with the request', error: (error as Error).message });
              }
            }
            await state.save();
          } else {
            const message = (error as Error).message + ((error as Error).cause ? ` (${((error as Error).cause as Error).message})` : '');
            for (const file of files) summary.failed.push({ path: file.path, reason: 'upload failed', error: message });
            reporter.warn(`${files.length} file(s) not sent: ${message}`);
          }
        } finally {
          bar.increment(files.length);
        }
      }),
    ),
  );
  bar.stop();
  summary.uploadSeconds = (performance.now() - started) / 1000;
  summary.filesPerSecond = summary.uploadSeconds > 0 ? (summary.uploaded + summary.duplicates) / summary.uploadSeconds : 0;
  summary.interrupted = Boolean(signal?.aborted);
  if (fatal) throw new RunError((fatal as Error).message);

  if (config.wait && !signal?.aborted) await waitAndExport(config, client, state, new Set(folderHashes.keys()), summary, reporter, signal);
  summary.interrupted = Boolean(signal?.aborted);
  return summary;
}

function refusedFiles(error: unknown): RejectedFile[] | null {
  if (!(error instanceof ApiError) || (error.status !== 400 && error.status !== 415)) return null;
  const details = error.body?.details as { rejected?: RejectedFile[] } | undefined;
  return Array.isArray(details?.rejected) && details.rejected.length > 0 ? details.rejected : null;
}

async function waitAndExport(
  config: UploadConfig,
  client: GatewayClient,
  state: UploadState,
  folderHashes: Set<string>,
  summary: UploadSummary,
  reporter: Reporter,
  signal?: AbortSignal,
): Promise<void> {
  // Every document of the folder's files, whichever run sent them.
  const documents = state.uploaded().filter((entry) => folderHashes.has(entry.sha256));
  const byJob = new Map(documents.map((d) => [d.jobId, d]));
  const bar = reporter.bar('process', byJob.size, 'invoices');
  const waitStarted = Date.now();
  let statuses;
  try {
    // Batches first (one poll per request's files), where the gateway answered a batch id.
    const batchIds = [...new Set(documents.flatMap((d) => (d.batchId ? [d.batchId] : [])))];
    if (batchIds.length > 0) {
      await waitForBatches(client, batchIds, {
        pollIntervalMs: config.pollIntervalMs,
        timeoutMs: config.waitTimeoutMs,
        concurrency: config.concurrency,
        signal,
      });
    }
    // Then each job: once for those of completed batches, polled for the others.
    const timeoutLeft = config.waitTimeoutMs > 0 ? Math.max(config.waitTimeoutMs - (Date.now() - waitStarted), 1) : 0;
    statuses = await waitForJobs(client, [...byJob.keys()], {
      pollIntervalMs: config.pollIntervalMs,
      timeoutMs: timeoutLeft,
      concurrency: config.concurrency,
      signal,
      onFinal: () => bar.increment(),
    });
  } catch (error) {
    bar.stop();
    if (error instanceof AuthError) throw new RunError(error.message);
    throw error;
  }
  bar.stop();
  const jobs: NonNullable<UploadSummary['jobs']> = { done: 0, needs_review: 0, failed: 0, pending: 0, failedFiles: [] };
  for (const [jobId, document] of byJob) {
    const status = statuses.get(jobId);
    if (!status || !isFinal(status.status)) jobs.pending++;
    else if (status.status === 'failed') {
      jobs.failed++;
      jobs.failedFiles.push({ path: document.path, error: status.error });
    } else jobs[status.status as 'done' | 'needs_review']++;
  }
  summary.jobs = jobs;
  if (!config.output || signal?.aborted) return;

  const limit = pLimit(config.concurrency);
  const results: FileResult[] = await Promise.all(
    documents.map((d) =>
      limit(async (): Promise<FileResult> => {
        const status = statuses.get(d.jobId);
        const base = {
          path: d.path,
          sha256: d.sha256,
          documentId: d.documentId,
          jobId: d.jobId,
          status: status?.status ?? 'queued',
          error: status?.error ?? null,
        };
        if (!status || status.status === 'failed' || !isFinal(status.status)) return base;
        const document = await client.invoice(d.documentId);
        return { ...base, status: document.status, error: document.error, document };
      }),
    ),
  );
  results.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const text = config.output.format === 'jsonl' ? toJsonLines(results) : toCsv(results);
  await writeFileAtomic(config.output.file, text);
  summary.output = { file: config.output.file, format: config.output.format, rows: results.length };
}

/** The exit code: 0 when every file was sent (and, with --wait, every job ended done or needs_review). */
export function exitCode(summary: UploadSummary): number {
  if (summary.interrupted) return 130;
  if (summary.failed.length > 0) return 1;
  if (summary.jobs && (summary.jobs.failed > 0 || summary.jobs.pending > 0)) return 1;
  return 0;
}

/** The summary for a person. */
export function formatSummary(summary: UploadSummary): string {
  const lines = [
    `Uploaded: ${summary.uploaded} new, ${summary.duplicates} duplicate(s), ${summary.alreadySent} already sent before, ${summary.rejected.length} rejected, ${summary.failed.length} failed` +
      (summary.requests ? ` (${summary.requests} request(s), ${summary.filesPerSecond.toFixed(1)} files/s)` : ''),
  ];
  for (const r of summary.rejected) lines.push(`  rejected ${r.path}: ${r.reason}`);
  for (const u of summary.unsupported) lines.push(`  skipped ${u.path}: ${u.reason}`);
  for (const f of summary.failed) lines.push(`  failed ${f.path}: ${f.error}`);
  if (summary.jobs) {
    const j = summary.jobs;
    lines.push(
      `Processed: ${j.done} done, ${j.needs_review} to review, ${j.failed} failed` + (j.pending ? `, ${j.pending} still pending` : ''),
    );
    for (const f of j.failedFiles) lines.push(`  failed ${f.path}: ${f.error ?? 'no error given'}`);
  }
  if (summary.output) lines.push(`Wrote ${summary.output.rows} row(s) to ${summary.output.file} (${summary.output.format})`);
  if (summary.interrupted)
    lines.push(`Interrupted: what was sent is recorded in ${summary.stateFile}; run the same command again to go on.`);
  return lines.join('\n');
}
