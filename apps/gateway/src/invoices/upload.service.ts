import { createHash, randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import {
  DomainError,
  JOBS,
  OCR_JOB_OPTIONS,
  OcrJobPayloadSchema,
  QUEUES,
  type AuthUser,
  type RejectedFile,
  type UploadedJob,
  type UploadResponse,
} from '@invoice/contracts';
import { DocumentEntity, DocumentFileEntity } from '@invoice/database';
import { sniffFileType } from './file-type.sniffer.js';
import { JobEventsService } from '../events/job-events.service.js';

export interface IncomingFile {
  originalname: string;
  buffer: Buffer;
}

interface AcceptedFile {
  filename: string;
  content: Buffer;
  mimeType: string;
  sha256: string;
}

/** The client's file name, kept for display only: no path, no control characters, bounded length. */
export function displayName(name: string): string {
  // Multer hands over names as latin1; most clients send UTF-8.
  const utf8 = Buffer.from(name, 'latin1').toString('utf8');
  const decoded = utf8.includes('\uFFFD') ? name : utf8;
  const base = decoded.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
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

@Injectable()
export class UploadService {
  private readonly logger = new Logger(UploadService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.OCR) private readonly ocrQueue: Queue,
    private readonly jobEvents: JobEventsService,
  ) {}

  /**
   * Stores every acceptable file in Postgres (bytes and document row in one transaction), and only
   * then queues OCR jobs. A file already uploaded by the organization is answered as a duplicate.
   */
  async upload(user: AuthUser, files: IncomingFile[], requestId?: string): Promise<UploadResponse> {
    if (files.length === 0) {
      throw new DomainError('VALIDATION_FAILED', 'No file received: send one or more multipart parts named "files"');
    }
    const rejected: RejectedFile[] = [];
    const accepted: AcceptedFile[] = [];
    for (const file of files) {
      const filename = displayName(file.originalname);
      if (file.buffer.length === 0) {
        rejected.push({ filename, code: 'EMPTY_FILE', reason: 'The file is empty' });
        continue;
      }
      const sniffed = await sniffFileType(file.buffer);
      if (!sniffed.ok) {
        rejected.push({ filename, code: 'UNSUPPORTED_TYPE', reason: sniffed.reason });
        continue;
      }
      const sha256 = createHash('sha256').update(file.buffer).digest('hex');
      accepted.push({ filename, content: file.buffer, mimeType: sniffed.mimeType, sha256 });
    }
    if (accepted.length === 0) {
      const unsupported = rejected.some((r) => r.code === 'UNSUPPORTED_TYPE');
      throw new DomainError(
        unsupported ? 'UNSUPPORTED_MEDIA_TYPE' : 'EMPTY_FILE',
        unsupported ? 'No file was accepted: unsupported file type' : 'No file was accepted: every file is empty',
        { rejected },
      );
    }

    const { jobs, created } = await this.store(user, accepted, requestId);
    // Before the jobs exist, so `queued` can never follow a worker's `processing` in the event stream.
    await this.jobEvents.publish(
      created.map((doc) => ({ jobId: doc.jobId, documentId: doc.id, organizationId: doc.organizationId, status: 'queued', progress: 0, error: null })),
    );
    await this.enqueue(created, user.organizationId, requestId);
    this.logger.log(
      { requestId, organizationId: user.organizationId, accepted: jobs.length, created: created.length, rejected: rejected.length, documentIds: created.map((d) => d.id) },
      'upload stored and queued',
    );
    return { jobs, rejected };
  }

  private async store(user: AuthUser, files: AcceptedFile[], requestId?: string) {
    return this.dataSource.transaction(async (manager) => {
      const jobs: UploadedJob[] = [];
      const created: DocumentEntity[] = [];
      for (const file of files) {
        const document = manager.create(DocumentEntity, {
          id: randomUUID(),
          jobId: randomUUID(),
          organizationId: user.organizationId,
          filename: file.filename,
          mimeType: file.mimeType,
          sizeBytes: file.content.length,
          sha256: file.sha256,
          status: 'queued',
          progress: 0,
          error: null,
          uploadedBy: user.userId,
          requestId: requestId ?? null,
        });
        // ON CONFLICT DO NOTHING also waits for a concurrent upload of the same bytes to commit.
        const inserted = await manager
          .createQueryBuilder()
          .insert()
          .into(DocumentEntity)
          .values(document)
          .orIgnore()
          .returning(['id'])
          .execute();
        if ((inserted.raw as unknown[]).length === 0) {
          const existing = await manager.findOneByOrFail(DocumentEntity, { organizationId: user.organizationId, sha256: file.sha256 });
          jobs.push({ jobId: existing.jobId, documentId: existing.id, filename: file.filename, status: existing.status, duplicate: true });
          continue;
        }
        await manager.insert(DocumentFileEntity, { documentId: document.id, organizationId: user.organizationId, content: file.content });
        created.push(document);
        jobs.push({ jobId: document.jobId, documentId: document.id, filename: file.filename, status: 'queued', duplicate: false });
      }
      return { jobs, created };
    });
  }

  /** After commit. If Redis is unavailable the documents stay `queued` and the worker's reconciler queues them. */
  private async enqueue(documents: DocumentEntity[], organizationId: string, requestId?: string): Promise<void> {
    if (documents.length === 0) return;
    try {
      await withTimeout(ENQUEUE_TIMEOUT_MS, this.ocrQueue.addBulk(
        documents.map((doc) => ({
          name: JOBS.OCR_DOCUMENT,
          data: OcrJobPayloadSchema.parse({ documentId: doc.id, organizationId, requestId }),
          opts: { ...OCR_JOB_OPTIONS, jobId: doc.jobId },
        })),
      ));
    } catch (error) {
      this.logger.warn(`Queueing ${documents.length} stored document(s) failed; the reconciler will queue them: ${(error as Error).message}`);
    }
  }
}
