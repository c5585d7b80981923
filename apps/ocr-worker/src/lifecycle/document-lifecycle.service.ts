import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, type OcrJobPayload } from '@invoice/contracts';
import {
  DocumentEntity,
  markDocumentCompleted,
  markDocumentFailed,
  markDocumentProcessing,
  markDocumentRetrying,
  recordDocumentProgress,
  type DocumentStateRow,
} from '@invoice/database';
import type { WorkerMetrics } from '@invoice/monitoring';
import { JobStatusPublisher, type DocumentState } from '../events/job-status.publisher.js';
import { WORKER_METRICS } from '../monitoring/metrics.providers.js';
import { WebhookDispatchService } from '../webhooks/webhook-dispatch.service.js';
import type { FinalDocument, WebhookInvoiceSummary } from '../webhooks/webhook.attempt.js';

export type CompletedStatus = 'done' | 'needs_review';

/** Called with each progress the document reaches (the job's own progress, for BullMQ). */
export type ProgressReporter = (progress: number) => Promise<void>;

/** A document whose attempt has started, and how to report its progress. */
export interface StartedDocument {
  document: DocumentEntity;
  progress: ProgressReporter;
}

/** A final status recorded in a transaction, still to be told (job event, webhook jobs) once committed. */
export interface FinalTransition {
  state: DocumentStateRow;
  deliveryIds: string[];
}

/** What the invoice save gives the completion: the invoice id and what its webhooks carry. */
export interface SavedInvoice {
  invoiceId: string;
  summary: Omit<WebhookInvoiceSummary, 'invoiceId'>;
}

const toEvent = ({ jobId, documentId, organizationId, status, progress, error }: DocumentStateRow): DocumentState => ({
  jobId,
  documentId,
  organizationId,
  status,
  progress,
  error,
});

const toFinalDocument = (state: DocumentStateRow, status: FinalDocument['status']): FinalDocument => ({
  id: state.documentId,
  organizationId: state.organizationId,
  jobId: state.jobId,
  filename: state.filename,
  status,
  error: state.error,
});

/**
 * Every status change the worker makes to a document, each with its job event and, for a final
 * status, its webhook delivery rows (written in the transaction that records the status) and their
 * jobs (queued after the commit). The rows are written by libs/database `document.repository.ts`.
 *
 *   queued ──start──▶ processing ──progress──▶ processing ──complete──▶ done | needs_review
 *                         │ retry ──▶ queued (error "Retrying after: ...")
 *                         └ fail ──▶ failed (also from queued: stalled jobs, the reconciler)
 */
@Injectable()
export class DocumentLifecycle {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: JobStatusPublisher,
    private readonly webhooks: WebhookDispatchService,
    @Inject(WORKER_METRICS) private readonly metrics: WorkerMetrics,
  ) {}

  /** The job's document, now `processing` at 5%. A document deleted since its upload is NOT_FOUND (never retried). */
  async start(payload: OcrJobPayload, onProgress: ProgressReporter): Promise<StartedDocument> {
    const document = await this.dataSource
      .getRepository(DocumentEntity)
      .findOneBy({ id: payload.documentId, organizationId: payload.organizationId });
    if (!document) throw new DomainError('NOT_FOUND', `Document ${payload.documentId} does not exist (deleted?)`);
    const started = await markDocumentProcessing(this.dataSource, document.id);
    if (started) await this.events.publish(toEvent(started));
    return { document, progress: (progress) => this.progress(document, progress, onProgress) };
  }

  /** Status polls read the row, SSE clients the event, BullMQ the job: a few updates per job. */
  private async progress(document: DocumentEntity, progress: number, onProgress: ProgressReporter): Promise<void> {
    await recordDocumentProgress(this.dataSource, document.id, progress);
    const { jobId, id: documentId, organizationId } = document;
    await this.events.publish({ jobId, documentId, organizationId, status: 'processing', progress, error: null });
    await onProgress(progress);
  }

  /**
   * `done` or `needs_review`: in one transaction, `save` stores the invoice, the status is recorded and
   * the webhook deliveries are written; after the commit, the event and the delivery jobs.
   */
  async complete(
    document: DocumentEntity,
    outcome: { status: CompletedStatus; pageCount: number },
    save: (manager: EntityManager) => Promise<SavedInvoice>,
  ): Promise<string> {
    const { invoiceId, transition } = await this.dataSource.transaction(async (manager) => {
      const saved = await save(manager);
      const state = await markDocumentCompleted(manager, document.id, outcome.status, outcome.pageCount);
      if (!state) throw new DomainError('NOT_FOUND', `Document ${document.id} does not exist (deleted?)`);
      const deliveryIds = await this.webhooks.createDeliveries(manager, toFinalDocument(state, outcome.status), {
        invoiceId: saved.invoiceId,
        ...saved.summary,
      });
      return { invoiceId: saved.invoiceId, transition: { state, deliveryIds } };
    });
    await this.announce(transition);
    return invoiceId;
  }

  /** The job will run again: back to `queued`, with the error visible to the client. */
  async retry(documentId: string, message: string): Promise<void> {
    this.metrics.retries.inc();
    const state = await markDocumentRetrying(this.dataSource, documentId, `Retrying after: ${message}`);
    if (state) await this.events.publish(toEvent(state));
  }

  /** No attempt left, or the input can never succeed: `failed`, with the reason. Nothing when it was not pending any more. */
  async fail(documentId: string, message: string): Promise<void> {
    const transition = await this.dataSource.transaction((manager) => this.failInTransaction(manager, documentId, message));
    if (!transition) return;
    this.metrics.invoices.inc({ outcome: 'failed' });
    await this.announce(transition);
  }

  /** `failed` with its webhook rows in the caller's transaction (the reconciler's); `announce` it after the commit. */
  async failInTransaction(manager: EntityManager, documentId: string, message: string): Promise<FinalTransition | null> {
    const state = await markDocumentFailed(manager, documentId, message);
    if (!state) return null;
    return { state, deliveryIds: await this.webhooks.createDeliveries(manager, toFinalDocument(state, 'failed'), null) };
  }

  /** After the commit of a final status: its job event, then its webhook delivery jobs. */
  async announce({ state, deliveryIds }: FinalTransition): Promise<void> {
    await this.events.publish(toEvent(state));
    await this.webhooks.enqueue(state.organizationId, deliveryIds);
  }
}
