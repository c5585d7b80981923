import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { UnrecoverableError, type Job, type WorkerOptions } from 'bullmq';
import { JOBS, OcrJobPayloadSchema, QUEUES } from '@invoice/contracts';
import type { WorkerMetrics } from '@invoice/monitoring';
import { OcrEngine } from '@invoice/ocr';
import { WORKER_METRICS } from '../monitoring/metrics.providers.js';
import type { WorkerConfig } from '../config/worker.config.js';
import { DocumentLifecycle } from '../lifecycle/document-lifecycle.service.js';
import { DocumentProcessingService, type ProcessingOutcome } from './document-processing.service.js';
import { decideOnFailure } from './failure.policy.js';

/** BullMQ worker options from the validated config; WorkerModule applies them with `Processor(...)`. */
export function ocrWorkerOptions(config: WorkerConfig): Partial<WorkerOptions> {
  return {
    concurrency: config.OCR_CONCURRENCY,
    lockDuration: config.OCR_LOCK_DURATION_MS,
    stalledInterval: config.OCR_LOCK_DURATION_MS,
    // A job whose worker died twice in a row is failed rather than handed around forever.
    maxStalledCount: 2,
  };
}

/** Thin: validates the payload, calls the pipeline, and turns failures into a retry or a final failure (DocumentLifecycle). */
@Processor(QUEUES.OCR)
export class OcrProcessor extends WorkerHost implements OnApplicationShutdown {
  private readonly logger = new Logger(OcrProcessor.name);

  constructor(
    private readonly processing: DocumentProcessingService,
    private readonly lifecycle: DocumentLifecycle,
    private readonly engine: OcrEngine,
    @Inject(WORKER_METRICS) private readonly metrics: WorkerMetrics,
  ) {
    super();
  }

  async process(job: Job): Promise<ProcessingOutcome> {
    if (job.name !== JOBS.OCR_DOCUMENT) throw new UnrecoverableError(`Unknown job name "${job.name}" on queue ${QUEUES.OCR}`);
    const parsed = OcrJobPayloadSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`Invalid OCR job payload: ${parsed.error.message}`);
    const payload = parsed.data;
    if (job.attemptsMade === 0) this.metrics.queueWait.observe(Math.max(0, Date.now() - job.timestamp) / 1000);
    try {
      return await this.processing.process(payload, (progress) => job.updateProgress(progress));
    } catch (error) {
      const message = (error as Error).message;
      // The readable message goes to the document; a decoder's own words (the cause) to the log only.
      const cause = (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : undefined;
      const decision = decideOnFailure(error, job.attemptsMade, job.opts.attempts ?? 1);
      const context = { requestId: payload.requestId, documentId: payload.documentId, jobId: job.id, attempt: job.attemptsMade + 1, cause };
      if (decision === 'retry') {
        this.logger.warn({ ...context, error: message }, 'OCR attempt failed, will retry');
        await this.lifecycle.retry(payload.documentId, message);
        throw error;
      }
      this.logger.error({ ...context, error: message, decision }, 'OCR job failed');
      await this.lifecycle.fail(payload.documentId, message);
      throw decision === 'fail-permanently' ? new UnrecoverableError(message) : error;
    }
  }

  /** A job that stalled too often fails without process() seeing it: record that on the document. */
  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job || !/stalled/i.test(error.message)) return;
    const parsed = OcrJobPayloadSchema.safeParse(job.data);
    if (!parsed.success) return;
    this.logger.warn(`Job ${job.id} failed after stalling: ${error.message}`);
    await this.lifecycle.fail(parsed.data.documentId, `Processing stalled: ${error.message}`);
  }

  /** SIGTERM: stop taking jobs, let the jobs in hand finish, then release the tesseract workers. */
  async onApplicationShutdown(): Promise<void> {
    await this.worker.close();
    await this.engine.terminate();
  }
}
