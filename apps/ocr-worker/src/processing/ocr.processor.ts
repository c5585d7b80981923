import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { DomainError, isPermanentError, JOBS, OcrJobPayloadSchema, QUEUES } from '@invoice/contracts';
import { OcrEngine, OcrInputError } from '@invoice/ocr';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker.config.js';
import { DocumentProcessingService, type ProcessingOutcome } from './document-processing.service.js';

/** Thin: validates the payload, calls the service, and turns failures into retry or final failure. */
@Processor(QUEUES.OCR, { autorun: false, maxStalledCount: 2 })
export class OcrProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OcrProcessor.name);

  constructor(
    private readonly processing: DocumentProcessingService,
    private readonly engine: OcrEngine,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.OCR_CONCURRENCY;
    void this.worker.run().catch((error: Error) => this.logger.error(`Worker stopped: ${error.message}`));
  }

  async process(job: Job): Promise<ProcessingOutcome> {
    if (job.name !== JOBS.OCR_DOCUMENT) throw new UnrecoverableError(`Unknown job name "${job.name}" on queue ${QUEUES.OCR}`);
    const parsed = OcrJobPayloadSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`Invalid OCR job payload: ${parsed.error.message}`);
    const payload = parsed.data;
    try {
      return await this.processing.process(payload, (progress) => job.updateProgress(progress));
    } catch (error) {
      const message = (error as Error).message;
      const permanent =
        error instanceof OcrInputError || (error instanceof DomainError && isPermanentError(error.code));
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (permanent || lastAttempt) {
        await this.processing.markFailed(payload.documentId, message);
        throw permanent ? new UnrecoverableError(message) : error;
      }
      await this.processing.markRetrying(payload.documentId, message);
      throw error;
    }
  }

  /** A job that stalled too often fails without process() seeing it: record that on the document. */
  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job || !/stalled/i.test(error.message)) return;
    const parsed = OcrJobPayloadSchema.safeParse(job.data);
    if (parsed.success) await this.processing.markFailed(parsed.data.documentId, `Processing stalled: ${error.message}`);
  }

  /** SIGTERM: stop taking jobs, let the jobs in hand finish, then release the tesseract workers. */
  async onApplicationShutdown(): Promise<void> {
    await this.worker.close();
    await this.engine.terminate();
  }
}
