import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { DomainError, ocrJob, QUEUES, type AuthUser, type JobStatusResponse, type OcrOptions } from '@invoice/contracts';
import { DocumentEntity, requeueDocument } from '@invoice/database';
import { toJobStatus } from './invoice.mapper.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENQUEUE_TIMEOUT_MS = 5_000;

/**
 * Queues a processed document again, optionally with other OCR settings. The document gets a new job
 * id (GET /api/jobs/:id and the reconciler follow it) and goes back to `queued`; its earlier invoice
 * stays readable until the worker upserts the new result.
 */
@Injectable()
export class ReprocessService {
  private readonly logger = new Logger(ReprocessService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.OCR) private readonly ocrQueue: Queue,
  ) {}

  async reprocess(user: AuthUser, documentId: string, options: OcrOptions | undefined, requestId?: string): Promise<JobStatusResponse> {
    const ocrOptions = options && Object.keys(options).length > 0 ? options : null;
    const document = await this.dataSource.transaction(async (manager) => {
      const doc = UUID.test(documentId)
        ? await manager
            .getRepository(DocumentEntity)
            .findOne({ where: { id: documentId, organizationId: user.organizationId }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!doc) throw new DomainError('NOT_FOUND', `Invoice ${documentId} not found`);
      if (doc.status === 'queued' || doc.status === 'processing') {
        throw new DomainError(
          'CONFLICT',
          `Document ${documentId} is already ${doc.status} (job ${doc.jobId}); reprocess it once that job is over`,
        );
      }
      const jobId = randomUUID();
      await requeueDocument(manager, doc.id, { jobId, ocrOptions, requestId: requestId ?? null });
      return { ...doc, jobId, status: 'queued' as const, progress: 0, error: null };
    });
    try {
      const { name, data, opts } = ocrJob({
        documentId: document.id,
        organizationId: user.organizationId,
        jobId: document.jobId,
        requestId,
        ocrOptions,
      });
      await Promise.race([
        this.ocrQueue.add(name, data, opts),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error(`timed out after ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS).unref(),
        ),
      ]);
    } catch (error) {
      // The document is stored as queued: the worker's reconciler queues it.
      this.logger.warn(`Queueing the reprocess of ${document.id} failed; the reconciler will queue it: ${(error as Error).message}`);
    }
    this.logger.log({ requestId, documentId: document.id, jobId: document.jobId, ocrOptions }, 'reprocess queued');
    return toJobStatus(document);
  }
}
