import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import type { Request } from 'express';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DomainError,
  ocrJob,
  ocrJobPriority,
  QUEUES,
  type AuthUser,
  type RejectedFile,
  type UploadedJob,
  type UploadResponse,
} from '@invoice/contracts';
import {
  BatchDocumentEntity,
  BatchEntity,
  countQueuedDocuments,
  DocumentEntity,
  insertQueuedDocument,
  type NewDocument,
} from '@invoice/database';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';
import { FairSlots } from './fair-slots.limiter.js';
import { sniffFileType } from './file-type.sniffer.js';
import { IdempotencyService, RequestFingerprint, type StoredAnswer } from './idempotency.service.js';
import { readFileParts, UPLOAD_FIELD, type FilePart } from './multipart.reader.js';
import { JobStatusFeedService } from '../events/job-status-feed.service.js';

interface AcceptedFile {
  filename: string;
  content: Buffer;
  mimeType: string;
  sha256: string;
}

/** The client's file name, kept for display only: no path, no control characters, bounded length. */
export function displayName(name: string): string {
  // Multipart parsers hand over names as latin1; most clients send UTF-8.
  const utf8 = Buffer.from(name, 'latin1').toString('utf8');
  const decoded = utf8.includes('\uFFFD') ? name : utf8;
  const base = decoded
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return (base || 'unnamed').slice(0, 255);
}

const ENQUEUE_TIMEOUT_MS = 5_000;

function withTimeout<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface UploadOptions {
  requestId?: string;
  /** Validated `Idempotency-Key` header. */
  idempotencyKey?: string;
}

export interface UploadAnswer {
  statusCode: number;
  body: UploadResponse;
  /** True when the body is the stored answer of an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

const DEADLOCK = '40P01';

@Injectable()
export class UploadService {
  private readonly logger = new Logger(UploadService.name);
  /**
   * Uploads streaming at once (UPLOAD_SLOTS), shared fairly between organizations. Each holds a pooled PostgreSQL
   * connection (of 10) while its body streams in; the others wait without reading their body (TCP backpressure holds
   * their clients back), so polls and reads always find a free connection.
   */
  private readonly streaming: FairSlots;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.OCR) private readonly ocrQueue: Queue,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly idempotency: IdempotencyService,
    private readonly statusFeed: JobStatusFeedService,
  ) {
    this.streaming = new FairSlots(config.UPLOAD_SLOTS, config.UPLOAD_SLOTS_PER_ORGANIZATION);
  }

  /**
   * Streams the request's file parts one at a time into Postgres (bytes and document row, with the
   * batch that lists them) in one transaction, and only after the commit queues the OCR jobs. A
   * refused request (413, 400, 415) rolls everything back. A file already uploaded by the
   * organization is answered as a duplicate of the first document. With an Idempotency-Key, a
   * retry gets the first answer back instead of creating anything.
   */
  async upload(user: AuthUser, req: Request, options: UploadOptions = {}): Promise<UploadAnswer> {
    const parts = readFileParts(req, {
      maxFileBytes: this.config.MAX_UPLOAD_BYTES,
      maxFiles: this.config.MAX_FILES_PER_REQUEST,
      stall: { timeoutMs: this.config.UPLOAD_STALL_TIMEOUT_MS, minBytes: this.config.UPLOAD_MIN_PROGRESS_BYTES },
    });
    let outcome:
      { replayed: true; answer: UploadAnswer } | { replayed: false; body: UploadResponse; created: NewDocument[]; queuedBefore: number };
    try {
      outcome = await this.streaming.run(user.organizationId, () =>
        this.dataSource.transaction(async (manager) => {
          const key = options.idempotencyKey;
          if (key !== undefined) {
            const stored = await this.idempotency.claim(manager, user.organizationId, key);
            if (stored) return { replayed: true as const, answer: await this.replay(stored, parts) };
          }
          const result = await this.store(manager, user, parts, options.requestId);
          if (key !== undefined) {
            await this.idempotency.save(manager, user.organizationId, key, {
              fingerprint: result.fingerprint,
              statusCode: 202,
              response: result.body,
            });
          }
          return { replayed: false as const, ...result };
        }),
      );
    } catch (error) {
      await parts.return(undefined);
      if ((error as { code?: string }).code === DEADLOCK) {
        throw new DomainError('CONFLICT', 'A concurrent upload of the same organization holds some of the same files: retry the request');
      }
      throw error;
    }
    if (outcome.replayed) return outcome.answer;

    const { body, created, queuedBefore } = outcome;
    // Before the jobs exist, so `queued` can never follow a worker's `processing` in the event stream.
    await this.statusFeed.publish(
      created.map((doc) => ({
        jobId: doc.jobId,
        documentId: doc.id,
        organizationId: doc.organizationId,
        status: 'queued',
        progress: 0,
        error: null,
      })),
    );
    await this.enqueue(created, user.organizationId, queuedBefore, options.requestId);
    this.logger.log(
      {
        requestId: options.requestId,
        organizationId: user.organizationId,
        batchId: body.batchId,
        accepted: body.jobs.length,
        created: created.length,
        rejected: body.rejected.length,
        documentIds: created.map((d) => d.id),
      },
      'upload stored and queued',
    );
    return { statusCode: 202, body, replayed: false };
  }

  /** Same key again: the same files (names and bytes) get the stored answer; other files are a 422. */
  private async replay(stored: StoredAnswer, parts: AsyncGenerator<FilePart>): Promise<UploadAnswer> {
    const fingerprint = new RequestFingerprint();
    for await (const part of parts) fingerprint.add(displayName(part.originalname), part.sha256);
    if (fingerprint.digest() !== stored.fingerprint) {
      throw new DomainError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used for a different request (other files): use a new key for a new upload',
      );
    }
    return { statusCode: stored.statusCode, body: stored.response as UploadResponse, replayed: true };
  }

  private async store(manager: EntityManager, user: AuthUser, parts: AsyncGenerator<FilePart>, requestId?: string) {
    const organizationId = user.organizationId;
    // The organization's backlog before this request: the fair-queueing priority of its new jobs starts after it.
    const queued = await countQueuedDocuments(manager, organizationId);
    const batchId = randomUUID();
    await manager.insert(BatchEntity, { id: batchId, organizationId, createdBy: user.userId, rejected: [] });

    const fingerprint = new RequestFingerprint();
    const rejected: RejectedFile[] = [];
    const jobs: UploadedJob[] = [];
    const created: NewDocument[] = [];
    const members: Partial<BatchDocumentEntity>[] = [];
    let received = 0;
    for await (const part of parts) {
      received++;
      const filename = displayName(part.originalname);
      fingerprint.add(filename, part.sha256);
      if (part.content.length === 0) {
        rejected.push({ filename, code: 'EMPTY_FILE', reason: 'The file is empty' });
        continue;
      }
      const sniffed = await sniffFileType(part.content);
      if (!sniffed.ok) {
        rejected.push({ filename, code: 'UNSUPPORTED_TYPE', reason: sniffed.reason });
        continue;
      }
      const { document, ...job } = await this.storeFile(
        manager,
        user,
        batchId,
        { filename, content: part.content, mimeType: sniffed.mimeType, sha256: part.sha256 },
        requestId,
      );
      members.push({ batchId, position: jobs.length, documentId: job.documentId, organizationId, filename, duplicate: job.duplicate });
      jobs.push(job);
      if (document) created.push(document);
    }
    if (received === 0) {
      throw new DomainError('VALIDATION_FAILED', `No file received: send one or more multipart parts named "${UPLOAD_FIELD}"`);
    }
    if (jobs.length === 0) {
      const unsupported = rejected.some((r) => r.code === 'UNSUPPORTED_TYPE');
      throw new DomainError(
        unsupported ? 'UNSUPPORTED_MEDIA_TYPE' : 'EMPTY_FILE',
        unsupported ? 'No file was accepted: unsupported file type' : 'No file was accepted: every file is empty',
        { rejected },
      );
    }
    // The batch's members in one statement (with the documents, in this transaction).
    await manager.insert(BatchDocumentEntity, members);
    if (rejected.length) await manager.update(BatchEntity, { id: batchId }, { rejected });
    const body: UploadResponse = { batchId, jobs, rejected };
    return { body, created, queuedBefore: queued, fingerprint: fingerprint.digest() };
  }

  private async storeFile(
    manager: EntityManager,
    user: AuthUser,
    batchId: string,
    file: AcceptedFile,
    requestId?: string,
  ): Promise<UploadedJob & { document?: NewDocument }> {
    const document: NewDocument = {
      id: randomUUID(),
      jobId: randomUUID(),
      organizationId: user.organizationId,
      batchId,
      filename: file.filename,
      mimeType: file.mimeType,
      sizeBytes: file.content.length,
      sha256: file.sha256,
      uploadedBy: user.userId,
      requestId: requestId ?? null,
    };
    if (!(await insertQueuedDocument(manager, document, file.content))) {
      const existing = await manager.findOneByOrFail(DocumentEntity, { organizationId: user.organizationId, sha256: file.sha256 });
      return { jobId: existing.jobId, documentId: existing.id, filename: file.filename, status: existing.status, duplicate: true };
    }
    return { jobId: document.jobId, documentId: document.id, filename: file.filename, status: 'queued', duplicate: false, document };
  }

  /**
   * After commit, fail-fast. Each job's priority is its place in the organization's backlog
   * (fair queueing, see ocrJobPriority). If Redis is unavailable the documents stay `queued` and
   * the worker's reconciler queues them.
   */
  private async enqueue(documents: NewDocument[], organizationId: string, queuedBefore: number, requestId?: string): Promise<void> {
    if (documents.length === 0) return;
    try {
      await withTimeout(
        ENQUEUE_TIMEOUT_MS,
        this.ocrQueue.addBulk(
          documents.map((doc, index) =>
            ocrJob({ documentId: doc.id, organizationId, jobId: doc.jobId, requestId, priority: ocrJobPriority(queuedBefore, index) }),
          ),
        ),
      );
    } catch (error) {
      this.logger.warn(
        `Queueing ${documents.length} stored document(s) failed; the reconciler will queue them: ${(error as Error).message}`,
      );
    }
  }
}
