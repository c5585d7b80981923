import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { DomainError, type DocumentStatus, type ExtractedInvoice, type OcrJobPayload, type OcrPageResult } from '@invoice/contracts';
import { DocumentEntity, DocumentFileEntity, InvoiceEntity, InvoiceLineItemEntity } from '@invoice/database';
import { customerKey, extractInvoice, reviewReasons } from '@invoice/extraction';
import { recordExtractionIssues, type OcrStage, type WorkerMetrics } from '@invoice/monitoring';
import { OcrEngine } from '@invoice/ocr';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker.config.js';
import { WORKER_METRICS } from '../monitoring/metrics.providers.js';
import { SegmentationTriggerService } from '../segmentation/segmentation-trigger.service.js';

export interface ProcessingOutcome {
  status: Extract<DocumentStatus, 'done' | 'needs_review'>;
  invoiceId: string;
}

type ProgressReporter = (progress: number) => Promise<void>;

/**
 * `done` when no check failed, no required field is missing and every extracted field's confidence is at
 * least the threshold; else `needs_review`, with the reasons (`low_confidence:<field>` added to the issues).
 */
export function decideStatus(extracted: ExtractedInvoice, threshold: number): { status: ProcessingOutcome['status']; issues: string[] } {
  const reasons = reviewReasons(extracted, threshold);
  const lowConfidence = reasons.filter((r) => r.startsWith('low_confidence:'));
  return { status: reasons.length === 0 ? 'done' : 'needs_review', issues: [...extracted.issues, ...lowConfidence] };
}

/**
 * Everything one OCR job does, from the stored bytes to the stored invoice. Writing the result is
 * idempotent: processing a document twice leaves one invoice (upsert on document_id).
 */
@Injectable()
export class DocumentProcessingService {
  private readonly logger = new Logger(DocumentProcessingService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: OcrEngine,
    @Inject(WORKER_METRICS) private readonly metrics: WorkerMetrics,
    private readonly segmentationTrigger: SegmentationTriggerService,
    @Inject(WORKER_CONFIG) private readonly config: Pick<WorkerConfig, 'REVIEW_THRESHOLD'>,
  ) {}

  private async timed<T>(stage: OcrStage, work: () => Promise<T> | T): Promise<T> {
    const stop = this.metrics.stageDuration.startTimer({ stage });
    try {
      return await work();
    } finally {
      stop();
    }
  }

  async process(payload: OcrJobPayload, onProgress: ProgressReporter = async () => undefined): Promise<ProcessingOutcome> {
    const documents = this.dataSource.getRepository(DocumentEntity);
    // Status polls read the document row, so progress goes there (a few updates per job), and to the job.
    const reportProgress = async (progress: number) => {
      await documents.update({ id: payload.documentId, status: 'processing' }, { progress });
      await onProgress(progress);
    };
    const document = await documents.findOneBy({ id: payload.documentId, organizationId: payload.organizationId });
    if (!document) throw new DomainError('NOT_FOUND', `Document ${payload.documentId} does not exist (deleted?)`);

    await documents.update(
      { id: document.id },
      { status: 'processing', progress: 5, error: null, startedAt: new Date(), attempts: () => 'attempts + 1' },
    );
    const file = await this.timed('download', () => this.dataSource.getRepository(DocumentFileEntity).findOneBy({ documentId: document.id, organizationId: document.organizationId }));
    if (!file) throw new DomainError('NOT_FOUND', `The bytes of document ${document.id} are missing`);
    await reportProgress(15);

    const page = await this.engine.recognize(file.content);
    const { preprocessMs, recognizeMs } = page.timings ?? { preprocessMs: 0, recognizeMs: page.durationMs };
    this.metrics.stageDuration.observe({ stage: 'preprocess' }, preprocessMs / 1000);
    this.metrics.stageDuration.observe({ stage: 'ocr' }, recognizeMs / 1000);
    await reportProgress(80);
    const extraction = await this.timed('extraction', () => extractInvoice([page]));
    const { status, issues } = decideStatus(extraction, this.config.REVIEW_THRESHOLD);
    const extracted = { ...extraction, issues };
    const invoiceId = await this.timed('save', () =>
      this.dataSource.transaction((manager) => this.saveResult(manager, document, page, extracted, status)),
    );
    await onProgress(100);
    this.metrics.invoices.inc({ outcome: status });
    this.metrics.pages.inc({ outcome: status });
    this.metrics.confidence.observe(page.meanConfidence);
    recordExtractionIssues(this.metrics, extracted.issues);
    if (status === 'done') await this.segmentationTrigger.invoiceAccepted(document.organizationId);
    this.logger.log(
      {
        requestId: payload.requestId,
        documentId: document.id,
        jobId: document.jobId,
        status,
        ocrMs: Math.round(page.durationMs),
        confidence: Number(page.meanConfidence.toFixed(1)),
        issues: extracted.issues,
      },
      `invoice ${status}`,
    );
    return { status, invoiceId };
  }

  private async saveResult(
    manager: EntityManager,
    document: DocumentEntity,
    page: OcrPageResult,
    extracted: ExtractedInvoice,
    status: ProcessingOutcome['status'],
  ): Promise<string> {
    const fields = {
      organizationId: document.organizationId,
      invoiceNumber: extracted.invoiceNumber,
      issueDate: extracted.issueDate,
      issueTime: extracted.issueTime,
      customerName: extracted.customerName,
      customerEmail: extracted.customerEmail,
      customerAddressLine1: extracted.customerAddressLine1,
      customerAddressLine2: extracted.customerAddressLine2,
      customerId: extracted.customerId,
      customerCategory: extracted.customerCategory,
      customerKey: customerKey(extracted),
      currency: extracted.currency,
      total: extracted.total,
      language: extracted.language,
      issues: extracted.issues,
      dueDate: extracted.dueDate,
      vendorName: extracted.vendorName,
      vendorAddress: extracted.vendorAddress,
      subtotal: extracted.subtotal,
      taxAmount: extracted.taxAmount,
      taxRate: extracted.taxRate,
      fieldEvidence: extracted.fieldEvidence,
      reviewThreshold: this.config.REVIEW_THRESHOLD,
      ocrText: page.text,
      ocrWords: page.words,
      ocrConfidence: page.meanConfidence,
      ocrDurationMs: Math.round(page.durationMs),
      engineVersion: page.engineVersion,
      qrPayload: page.qrPayload,
      pageCount: 1,
    };
    await manager
      .createQueryBuilder()
      .insert()
      .into(InvoiceEntity)
      .values({ id: randomUUID(), documentId: document.id, ...fields })
      .orUpdate(Object.keys(fields).map((key) => manager.getRepository(InvoiceEntity).metadata.findColumnWithPropertyName(key)!.databaseName), ['document_id'])
      .execute();
    const { id: invoiceId } = await manager.findOneOrFail(InvoiceEntity, { select: { id: true }, where: { documentId: document.id } });
    await manager.delete(InvoiceLineItemEntity, { invoiceId });
    if (extracted.lineItems.length) {
      await manager.insert(
        InvoiceLineItemEntity,
        extracted.lineItems.map((item, position) => ({ invoiceId, organizationId: document.organizationId, position, ...item })),
      );
    }
    await manager.update(DocumentEntity, { id: document.id }, { status, progress: 100, error: null, completedAt: new Date() });
    return invoiceId;
  }

  /** The job will be retried: the document goes back to `queued`, with the error visible to the client. */
  async markRetrying(documentId: string, message: string): Promise<void> {
    this.metrics.retries.inc();
    await this.dataSource
      .getRepository(DocumentEntity)
      .update({ id: documentId, status: In(['queued', 'processing']) }, { status: 'queued', error: `Retrying after: ${message}` });
  }

  /** No attempt left (or the input can never succeed): the document is `failed`, with the reason. */
  async markFailed(documentId: string, message: string): Promise<void> {
    const result = await this.dataSource
      .getRepository(DocumentEntity)
      .update({ id: documentId, status: In(['queued', 'processing']) }, { status: 'failed', error: message, completedAt: new Date() });
    if (result.affected) this.metrics.invoices.inc({ outcome: 'failed' });
  }
}
