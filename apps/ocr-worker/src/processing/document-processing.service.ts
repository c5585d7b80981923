import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, type DocumentStatus, type ExtractedInvoice, type OcrJobPayload, type OcrOptions } from '@invoice/contracts';
import { DocumentEntity, DocumentFileEntity, InvoiceEntity, InvoiceLineItemEntity } from '@invoice/database';
import { customerKey, extractInvoice, itemRereadRegions, mergeRereads, reviewReasons } from '@invoice/extraction';
import { recordExtractionIssues, type OcrStage, type WorkerMetrics } from '@invoice/monitoring';
import { OcrEngine, type OcrDocumentResult, type PageSegMode, type RecognizeDocumentOptions } from '@invoice/ocr';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker.config.js';
import { WORKER_METRICS } from '../monitoring/metrics.providers.js';
import { SegmentationTriggerService } from '../segmentation/segmentation-trigger.service.js';
import { JobEventsPublisher } from '../events/job-events.publisher.js';
import { WebhookDispatchService } from '../webhooks/webhook-dispatch.service.js';
import type { FinalDocument } from '../webhooks/webhook.delivery.js';
import { VendorTemplateReader } from '../templates/vendor-template.reader.js';
import { PageImagesStore } from '../pages/page-images.store.js';
import { EInvoiceStep, einvoiceColumns, NO_PAGES } from '../einvoice/einvoice.step.js';

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

/** The engine's options for a job's OCR settings (a reprocess may ask for other ones than the defaults). */
export function recognizeOptions(options: OcrOptions | null | undefined): RecognizeDocumentOptions {
  if (!options) return {};
  return {
    ...(options.psm !== undefined && { pageSegMode: options.psm as PageSegMode }),
    ...(options.textLayer !== undefined && { textLayer: options.textLayer }),
    ...(options.preprocessing !== undefined && { preprocessing: options.preprocessing }),
  };
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
    private readonly events: JobEventsPublisher,
    private readonly webhooks: WebhookDispatchService,
    private readonly templates: VendorTemplateReader,
    private readonly pageImages: PageImagesStore,
    private readonly einvoice: EInvoiceStep,
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
    const document = await documents.findOneBy({ id: payload.documentId, organizationId: payload.organizationId });
    if (!document) throw new DomainError('NOT_FOUND', `Document ${payload.documentId} does not exist (deleted?)`);
    const ids = { jobId: document.jobId, documentId: document.id, organizationId: document.organizationId };
    // Status polls read the document row, so progress goes there (a few updates per job), then to the
    // event stream (SSE clients) and to the job.
    const reportProgress = async (progress: number) => {
      await documents.update({ id: payload.documentId, status: 'processing' }, { progress });
      await this.events.publish({ ...ids, status: 'processing', progress, error: null });
      await onProgress(progress);
    };

    await documents.update(
      { id: document.id },
      { status: 'processing', progress: 5, error: null, startedAt: new Date(), attempts: () => 'attempts + 1' },
    );
    await this.events.publish({ ...ids, status: 'processing', progress: 5, error: null });
    const file = await this.timed('download', () => this.dataSource.getRepository(DocumentFileEntity).findOneBy({ documentId: document.id, organizationId: document.organizationId }));
    if (!file) throw new DomainError('NOT_FOUND', `The bytes of document ${document.id} are missing`);
    await reportProgress(15);

    // The job's settings, else those stored on the document (a reprocess re-queued by the reconciler).
    const ocrOptions = payload.ocrOptions ?? document.ocrOptions;
    // An e-invoice (an XML upload, or the XML a PDF carries) gives the fields; a bare XML has no page to read.
    const einvoice = await this.einvoice.read(file.content, document.mimeType);
    const bareXml = einvoice?.kind === 'read' && einvoice.bare;
    const ocr = bareXml ? NO_PAGES : await this.engine.recognizeDocument(file.content, {
      ...recognizeOptions(ocrOptions),
      // The item columns of an invoice whose sums fail are read a second time, cell by cell.
      reread: (page) => itemRereadRegions(page),
      // A long document reports progress page by page (15% read, 80% all pages read).
      onPage: async (done, total) => {
        if (done < total) await reportProgress(15 + Math.floor((65 * done) / total));
      },
    });
    for (const page of ocr.pages) {
      const { preprocessMs, recognizeMs } = page.timings ?? { preprocessMs: 0, recognizeMs: page.durationMs };
      this.metrics.stageDuration.observe({ stage: 'preprocess' }, preprocessMs / 1000);
      this.metrics.stageDuration.observe({ stage: 'ocr' }, recognizeMs / 1000);
    }
    // The page viewer's images, rendered once here and stored before the result is visible (a bare XML has no page).
    if (!bareXml) await this.pageImages.store(document, file.content);
    await reportProgress(80);
    // Vendor templates learned from corrections read the first page (where a layout prints its header fields).
    // The accepted rereads in place: the words the extraction's word indexes (and the stored ocrWords) refer to.
    const pages = ocr.pages.map(mergeRereads);
    const extraction = await this.timed('extraction', async () =>
      this.einvoice.combine(einvoice, pages.length ? (await this.templates.read(document.organizationId, pages[0]!, extractInvoice(pages))).extracted : null, ocr.text),
    );
    const { status, issues } = decideStatus(extraction, this.config.REVIEW_THRESHOLD);
    const extracted = { ...extraction, issues };
    const { invoiceId, deliveryIds } = await this.timed('save', () =>
      this.dataSource.transaction((manager) => this.saveResult(manager, document, { ...ocr, pages }, extracted, status, einvoice?.kind === 'read' ? einvoice.xml : null)),
    );
    await this.events.publish({ ...ids, status, progress: 100, error: null });
    await this.webhooks.enqueue(document.organizationId, deliveryIds);
    await onProgress(100);
    this.metrics.invoices.inc({ outcome: status });
    this.metrics.pages.inc({ outcome: status }, ocr.pageCount);
    this.metrics.confidence.observe(ocr.meanConfidence);
    recordExtractionIssues(this.metrics, extracted.issues);
    if (status === 'done') await this.segmentationTrigger.invoiceAccepted(document.organizationId);
    this.logger.log(
      {
        requestId: payload.requestId,
        documentId: document.id,
        jobId: document.jobId,
        status,
        pages: ocr.pageCount,
        sources: ocr.sources,
        ocrMs: Math.round(ocr.durationMs),
        confidence: Number(ocr.meanConfidence.toFixed(1)),
        issues: extracted.issues,
        ...(extracted.templateFields?.length ? { vendorKey: extracted.vendorKey, templateFields: extracted.templateFields } : {}),
      },
      `invoice ${status}`,
    );
    return { status, invoiceId };
  }

  private async saveResult(
    manager: EntityManager,
    document: DocumentEntity,
    ocr: OcrDocumentResult,
    extracted: ExtractedInvoice,
    status: ProcessingOutcome['status'],
    einvoiceXml: Buffer | null = null,
  ): Promise<{ invoiceId: string; deliveryIds: string[] }> {
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
      documentType: extracted.documentType,
      vendorVatId: extracted.vendorVatId,
      customerVatId: extracted.customerVatId,
      iban: extracted.iban,
      orderNumber: extracted.orderNumber,
      amountDue: extracted.amountDue,
      taxLines: extracted.taxLines,
      fieldEvidence: extracted.fieldEvidence,
      reviewThreshold: this.config.REVIEW_THRESHOLD,
      ocrText: ocr.text,
      ocrWords: ocr.pages.flatMap((page) => page.words),
      ocrConfidence: ocr.meanConfidence,
      ocrDurationMs: Math.round(ocr.durationMs),
      engineVersion: ocr.engineVersion,
      qrPayload: ocr.qrPayload,
      pageCount: ocr.pageCount,
      vendorKey: extracted.vendorKey ?? null,
      templateFields: extracted.templateFields ?? [],
      ...einvoiceColumns(extracted, einvoiceXml),
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
    await manager.update(DocumentEntity, { id: document.id }, { status, progress: 100, error: null, completedAt: new Date(), pageCount: ocr.pageCount });
    const final: FinalDocument = { id: document.id, organizationId: document.organizationId, jobId: document.jobId, filename: document.filename, status, error: null };
    const deliveryIds = await this.webhooks.createDeliveries(manager, final, {
      invoiceId,
      invoiceNumber: fields.invoiceNumber,
      issueDate: fields.issueDate,
      customerName: fields.customerName,
      customerEmail: fields.customerEmail,
      currency: fields.currency,
      total: fields.total,
      issues: fields.issues,
    });
    return { invoiceId, deliveryIds };
  }

  /** The job will be retried: the document goes back to `queued`, with the error visible to the client. */
  async markRetrying(documentId: string, message: string): Promise<void> {
    this.metrics.retries.inc();
    // TypeORM answers an UPDATE with [rows, rowCount].
    const [[row]]: [StateRow[], number] = await this.dataSource.query(
      `UPDATE documents SET status = 'queued', progress = 0, error = $2, updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'processing')
        RETURNING ${STATE_COLUMNS}`,
      [documentId, `Retrying after: ${message}`],
    );
    if (row) await this.events.publish(toState(row));
  }

  /** No attempt left (or the input can never succeed): the document is `failed`, with the reason. */
  async markFailed(documentId: string, message: string): Promise<void> {
    const failed = await this.dataSource.transaction((manager) => markDocumentFailed(manager, this.webhooks, documentId, message));
    if (!failed) return;
    this.metrics.invoices.inc({ outcome: 'failed' });
    await this.events.publish(toState(failed.row));
    await this.webhooks.enqueue(failed.row.organization_id, failed.deliveryIds);
  }
}

/** The columns a job status event needs, as `UPDATE ... RETURNING` gives them. */
export const STATE_COLUMNS = 'id, organization_id, job_id, filename, status, progress, error';

export interface StateRow {
  id: string;
  organization_id: string;
  job_id: string;
  filename: string;
  status: DocumentStatus;
  progress: number;
  error: string | null;
}

export const toState = (row: StateRow) => ({
  jobId: row.job_id,
  documentId: row.id,
  organizationId: row.organization_id,
  status: row.status,
  progress: row.progress,
  error: row.error,
});

/**
 * A pending document becomes `failed`, with its webhook deliveries, in the caller's transaction
 * (the processor and the reconciler both fail documents). Null when it was not pending any more.
 */
export async function markDocumentFailed(
  manager: EntityManager,
  webhooks: WebhookDispatchService,
  documentId: string,
  message: string,
): Promise<{ row: StateRow; deliveryIds: string[] } | null> {
  // TypeORM answers an UPDATE with [rows, rowCount].
  const [[row]]: [StateRow[], number] = await manager.query(
    `UPDATE documents SET status = 'failed', error = $2, completed_at = now(), updated_at = now()
      WHERE id = $1 AND status IN ('queued', 'processing')
      RETURNING ${STATE_COLUMNS}`,
    [documentId, message],
  );
  if (!row) return null;
  const final: FinalDocument = { id: row.id, organizationId: row.organization_id, jobId: row.job_id, filename: row.filename, status: 'failed', error: row.error };
  return { row, deliveryIds: await webhooks.createDeliveries(manager, final, null) };
}
