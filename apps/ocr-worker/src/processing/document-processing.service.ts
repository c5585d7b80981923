import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, type ExtractedInvoice, type OcrJobPayload, type OcrOptions, type OcrPageResult } from '@invoice/contracts';
import { DocumentFileEntity, saveInvoiceResult, type DocumentEntity } from '@invoice/database';
import { DEFAULT_REVIEW_THRESHOLD } from '@invoice/config';
import {
  extractInvoice,
  itemRereadRegions,
  confirmRegions,
  mergeRereads,
  reviewReasons,
  reviewThresholdsFor,
  type ReviewThresholds,
} from '@invoice/extraction';
import { recordExtractionIssues, type OcrStage, type WorkerMetrics } from '@invoice/monitoring';
import { OcrEngine, pageReading, type OcrDocumentResult, type RecognizeDocumentOptions } from '@invoice/ocr';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker.config.js';
import {
  DocumentLifecycle,
  type CompletedStatus,
  type ProgressReporter,
  type StartedDocument,
} from '../lifecycle/document-lifecycle.service.js';
import { WORKER_METRICS } from '../monitoring/metrics.providers.js';
import { SegmentationTriggerService } from '../segmentation/segmentation-trigger.service.js';
import { VendorTemplateReader } from '../templates/vendor-template.reader.js';
import { PageImagesStore } from '../pages/page-images.store.js';
import { invoiceRecord, webhookSummary } from './invoice.record.js';
import { EInvoiceStep, NO_PAGES, type EInvoiceReading } from '../einvoice/einvoice.step.js';

export interface ProcessingOutcome {
  status: CompletedStatus;
  invoiceId: string;
}

/** The OCR reading of a document, its pages with the accepted item-column rereads merged in. */
type Reading = OcrDocumentResult & { pages: OcrPageResult[] };

/**
 * `done` when no check failed, no required field is missing and every extracted field's confidence is at
 * least its threshold; else `needs_review`, with the reasons (`low_confidence:<field>` added to the issues).
 * With `reviewNewLayouts`, an invoice or credit note that no learned vendor template matched (and that was not
 * read from its e-invoice XML) goes to review too (`new_layout`): thresholds chosen on other producers do not
 * carry over to an unseen one, and the person's review teaches the template the next invoices are read with.
 */
export function decideStatus(
  extracted: ExtractedInvoice,
  thresholds: number | ReviewThresholds,
  options: { reviewNewLayouts?: boolean } = {},
): { status: CompletedStatus; issues: string[] } {
  const reasons = reviewReasons(extracted, thresholds);
  const lowConfidence = reasons.filter((r) => r.startsWith('low_confidence:'));
  const newLayout = options.reviewNewLayouts === true && isNewLayout(extracted) ? ['new_layout'] : [];
  const status = reasons.length === 0 && newLayout.length === 0 ? 'done' : 'needs_review';
  return { status, issues: [...extracted.issues, ...lowConfidence, ...newLayout] };
}

/**
 * The thresholds a document is held to: its kind's, those of how its pages were read (an invoice read from a PDF's
 * text layer, or by OCR: scans, photos, PDFs of images), or one `override` for every field (REVIEW_THRESHOLD).
 */
export function documentThresholds(
  extracted: Pick<ExtractedInvoice, 'documentType'>,
  pages: readonly Pick<OcrPageResult, 'engineVersion'>[],
  override?: number,
): ReviewThresholds {
  return reviewThresholdsFor(extracted.documentType, DEFAULT_REVIEW_THRESHOLD, { override, reading: pageReading(pages) });
}

const isNewLayout = (extracted: ExtractedInvoice): boolean =>
  !extracted.vendorKey && !extracted.einvoice && extracted.documentType !== 'receipt';

/** The engine's options for a job's OCR settings (a reprocess may ask for other ones than the defaults). */
export function recognizeOptions(options: OcrOptions | null | undefined): RecognizeDocumentOptions {
  if (!options) return {};
  return {
    ...(options.psm !== undefined && { pageSegMode: options.psm }),
    ...(options.textLayer !== undefined && { textLayer: options.textLayer }),
    ...(options.preprocessing !== undefined && { preprocessing: options.preprocessing }),
  };
}

/**
 * One OCR job, from the stored bytes to the stored invoice, as named steps:
 * load → e-invoice → recognize → pages → extract → decide → save → announce (a bare XML
 * e-invoice skips recognize and has no page image). Status changes (with their events and
 * webhooks) belong to DocumentLifecycle. Saving is idempotent: a document processed twice keeps one invoice.
 */
@Injectable()
export class DocumentProcessingService {
  private readonly logger = new Logger(DocumentProcessingService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: OcrEngine,
    private readonly lifecycle: DocumentLifecycle,
    @Inject(WORKER_METRICS) private readonly metrics: WorkerMetrics,
    private readonly segmentationTrigger: SegmentationTriggerService,
    private readonly templates: VendorTemplateReader,
    private readonly pageImages: PageImagesStore,
    private readonly einvoice: EInvoiceStep,
    @Inject(WORKER_CONFIG) private readonly config: Pick<WorkerConfig, 'REVIEW_THRESHOLD' | 'REVIEW_NEW_LAYOUTS'>,
  ) {}

  async process(payload: OcrJobPayload, onProgress: ProgressReporter = async () => undefined): Promise<ProcessingOutcome> {
    const started = await this.lifecycle.start(payload, onProgress);
    const bytes = await this.load(started);
    const einvoice = await this.readEInvoice(started, bytes);
    // A bare XML e-invoice has no page: nothing to recognize, no page image.
    const bare = einvoice?.kind === 'read' && einvoice.bare;
    const ocr = bare ? { ...NO_PAGES, pages: [] } : await this.recognize(started, bytes, payload.ocrOptions ?? started.document.ocrOptions);
    await this.storePages(started, bare ? null : bytes);
    const extraction = await this.extract(started.document, ocr, einvoice);
    const { status, issues } = decideStatus(extraction, documentThresholds(extraction, ocr.pages, this.config.REVIEW_THRESHOLD), {
      reviewNewLayouts: this.config.REVIEW_NEW_LAYOUTS === 'on',
    });
    const extracted = { ...extraction, issues };
    const invoiceId = await this.save(started, ocr, extracted, status, einvoice?.kind === 'read' ? einvoice.xml : null);
    await onProgress(100);
    await this.announce(payload, started.document, ocr, extracted, status);
    return { status, invoiceId };
  }

  /** load: the stored bytes (15%). */
  private async load({ document, progress }: StartedDocument): Promise<Buffer> {
    const file = await this.timed('download', () =>
      this.dataSource.getRepository(DocumentFileEntity).findOneBy({ documentId: document.id, organizationId: document.organizationId }),
    );
    if (!file) throw new DomainError('NOT_FOUND', `The bytes of document ${document.id} are missing`);
    await progress(15);
    return file.content;
  }

  /** e-invoice: an XML upload read as an e-invoice, or the one a PDF carries (EInvoiceStep); null when the document has none. */
  private readEInvoice({ document }: StartedDocument, bytes: Buffer): Promise<EInvoiceReading | null> {
    return this.einvoice.read(bytes, document.mimeType);
  }

  /**
   * recognize: every page (text layer, or preprocessing and OCR), with the job's OCR settings, else
   * those stored on the document (a reprocess queued again by the reconciler). Progress page by page
   * from 15% (the pages step reports 80%).
   */
  private async recognize({ progress }: StartedDocument, bytes: Buffer, options: OcrOptions | null | undefined): Promise<Reading> {
    const ocr = await this.engine.recognizeDocument(bytes, {
      ...recognizeOptions(options),
      // The item columns of an invoice whose sums fail are read a second time, cell by cell.
      reread: (page) => itemRereadRegions(page),
      // A receipt's shop, address, date and total lines are read by the second recognizer too (its confidences weigh the agreement).
      confirm: (page) => confirmRegions(page),
      onPage: async (done, total) => {
        if (done < total) await progress(15 + Math.floor((65 * done) / total));
      },
    });
    for (const page of ocr.pages) {
      const { preprocessMs, recognizeMs } = page.timings ?? { preprocessMs: 0, recognizeMs: page.durationMs };
      this.metrics.stageDuration.observe({ stage: 'preprocess' }, preprocessMs / 1000);
      this.metrics.stageDuration.observe({ stage: 'ocr' }, recognizeMs / 1000);
    }
    // The accepted rereads in place: the words the extraction's word indexes (and the stored ocrWords) refer to.
    return { ...ocr, pages: ocr.pages.map(mergeRereads) };
  }

  /** pages: the page viewer's images, rendered once and stored before the result is visible (80%); none for a bare XML e-invoice (null bytes). */
  private async storePages({ document, progress }: StartedDocument, bytes: Buffer | null): Promise<void> {
    if (bytes) await this.pageImages.store(document, bytes);
    await progress(80);
  }

  /**
   * extract: the pages' invoice fields, then a learned vendor template of the first page's layout may fill
   * or replace some; with an e-invoice, its fields replace the page's and the page is cross-checked against them.
   */
  private extract(document: DocumentEntity, ocr: Reading, einvoice: EInvoiceReading | null): Promise<ExtractedInvoice> {
    return this.timed('extraction', async () => {
      const page = ocr.pages.length
        ? (await this.templates.read(document.organizationId, ocr.pages, extractInvoice(ocr.pages))).extracted
        : null;
      return this.einvoice.combine(einvoice, page, ocr.text);
    });
  }

  /** save: the invoice (with the e-invoice XML it was read from, if any) and its line items, the final status and its webhook rows, in one transaction. */
  private save(
    { document }: StartedDocument,
    ocr: Reading,
    extracted: ExtractedInvoice,
    status: CompletedStatus,
    einvoiceXml: Buffer | null,
  ): Promise<string> {
    // The threshold stored is the one of the fields without their own (all of them under a REVIEW_THRESHOLD override).
    const { fields, lineItems } = invoiceRecord(
      document.organizationId,
      ocr,
      extracted,
      this.config.REVIEW_THRESHOLD ?? DEFAULT_REVIEW_THRESHOLD,
      einvoiceXml,
    );
    return this.timed('save', () =>
      this.lifecycle.complete(document, { status, pageCount: ocr.pageCount }, async (manager) => ({
        invoiceId: await saveInvoiceResult(manager, document.id, fields, lineItems),
        summary: webhookSummary(fields),
      })),
    );
  }

  /** announce: metrics, the segmentation trigger, and the `invoice <status>` log line joined to the upload by its request id. */
  private async announce(
    payload: OcrJobPayload,
    document: DocumentEntity,
    ocr: Reading,
    extracted: ExtractedInvoice,
    status: CompletedStatus,
  ): Promise<void> {
    this.metrics.invoices.inc({ outcome: status });
    this.metrics.pages.inc({ outcome: status }, ocr.pageCount);
    this.metrics.confidence.observe(ocr.meanConfidence);
    recordExtractionIssues(this.metrics, extracted.issues);
    if (status === 'done') await this.segmentationTrigger.invoiceAccepted(document.organizationId);
    const template = extracted.templateFields?.length ? { vendorKey: extracted.vendorKey, templateFields: extracted.templateFields } : {};
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
        ...template,
      },
      `invoice ${status}`,
    );
  }

  private async timed<T>(stage: OcrStage, work: () => Promise<T> | T): Promise<T> {
    const stop = this.metrics.stageDuration.startTimer({ stage });
    try {
      return await work();
    } finally {
      stop();
    }
  }
}
