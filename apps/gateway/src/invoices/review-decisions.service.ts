import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DomainError,
  InvoiceCorrectionSchema,
  PENDING_STATUSES,
  type AuthUser,
  type InvoiceReject,
  type LineItem,
  type ReviewRejection,
} from '@invoice/contracts';
import {
  DocumentEntity,
  InvoiceEntity,
  latestInvoiceCorrection,
  markDocumentReviewed,
  restoreDocumentStatus,
  setOriginalExtraction,
} from '@invoice/database';
import { customerKey } from '@invoice/extraction';
import { recordChanges, replaceLineItems, reviewState, type Changes, type ReviewState } from './review-record.js';

/** Fields an undo may set back (those a correction may change, line items apart). */
const SCALAR_FIELDS = new Set(Object.keys(InvoiceCorrectionSchema.shape).filter((key) => key !== 'lineItems'));

/**
 * Review outcomes other than a correction: rejecting an invoice (or marking it as not an invoice),
 * which takes it out of review with status `rejected`, and undoing the latest save of an invoice.
 * Both are audited in `invoice_corrections` like corrections.
 */
@Injectable()
export class ReviewDecisionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async reject(user: AuthUser, documentId: string, body: InvoiceReject): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { document, invoice } = await this.lock(manager, user, documentId);
      if (PENDING_STATUSES.includes(document.status))
        throw new DomainError('CONFLICT', `Invoice ${documentId} is being read again (status ${document.status})`);
      if (document.status === 'rejected') throw new DomainError('CONFLICT', `Invoice ${documentId} is already rejected`);
      const previous = reviewState(document, invoice);
      const rejection: ReviewRejection = {
        outcome: body.outcome,
        reason: body.reason ?? null,
        userId: user.userId,
        username: user.username,
        rejectedAt: new Date().toISOString(),
      };
      await manager.update(InvoiceEntity, { id: invoice.id }, { reviewRejection: rejection });
      await markDocumentReviewed(manager, documentId, 'rejected');
      const changes: Changes = { status: { from: document.status, to: 'rejected' }, reviewRejection: { from: null, to: rejection } };
      await recordChanges(manager, user, invoice.id, { changes, previous });
    });
  }

  /**
   * Sets back what the invoice's latest save changed (values, line items, status, acceptance,
   * rejection, evidence, checks). Only the latest save, by its author or an admin; an undo is not undone.
   */
  async undo(user: AuthUser, documentId: string, correctionId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { document, invoice } = await this.lock(manager, user, documentId);
      if (PENDING_STATUSES.includes(document.status))
        throw new DomainError('CONFLICT', `Invoice ${documentId} is being read again (status ${document.status})`);
      const latest = await latestInvoiceCorrection<ReviewState>(manager, invoice.id);
      if (!latest || latest.id !== correctionId)
        throw new DomainError('CONFLICT', `Only the latest save of invoice ${documentId} can be undone`);
      if (latest.undoOf) throw new DomainError('CONFLICT', 'That save is an undo already');
      if (!latest.previous) throw new DomainError('CONFLICT', 'That save was recorded without the state to go back to');
      if (latest.userId !== user.userId && user.role !== 'admin')
        throw new DomainError('FORBIDDEN', 'Only its author or an admin may undo a save');

      const before = reviewState(document, invoice);
      await this.restore(manager, document, invoice, latest.changes, latest.previous);
      const inverse = Object.fromEntries(
        Object.entries(latest.changes).map(([key, change]) => [key, { from: change.to, to: change.from }]),
      );
      await recordChanges(manager, user, invoice.id, { changes: inverse, previous: before, undoOf: latest.id });
    });
  }

  private async restore(
    manager: EntityManager,
    document: DocumentEntity,
    invoice: InvoiceEntity,
    changes: Changes,
    previous: ReviewState,
  ): Promise<void> {
    const values = Object.fromEntries(
      Object.entries(changes)
        .filter(([key]) => SCALAR_FIELDS.has(key))
        .map(([key, change]) => [key, change.from]),
    );
    const next = { ...invoice, ...values };
    await manager.update(
      InvoiceEntity,
      { id: invoice.id },
      {
        ...values,
        customerKey: customerKey(next),
        issues: previous.issues,
        fieldEvidence: previous.fieldEvidence,
        reviewAcceptance: previous.reviewAcceptance,
        reviewRejection: previous.reviewRejection,
      },
    );
    // The first save kept the original extraction; undoing it leaves none, as before.
    await setOriginalExtraction(manager, invoice.id, previous.originalExtraction);
    if (changes.lineItems) await replaceLineItems(manager, invoice, changes.lineItems.from as LineItem[]);
    await restoreDocumentStatus(manager, document.id, { status: previous.status, completedAt: previous.completedAt });
  }

  private async lock(
    manager: EntityManager,
    user: AuthUser,
    documentId: string,
  ): Promise<{ document: DocumentEntity; invoice: InvoiceEntity }> {
    const document = await manager.findOne(DocumentEntity, {
      where: { id: documentId, organizationId: user.organizationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!document) throw new DomainError('NOT_FOUND', `Invoice ${documentId} not found`);
    const invoice = await manager.findOne(InvoiceEntity, {
      where: { documentId, organizationId: user.organizationId },
      relations: { lineItems: true },
    });
    if (!invoice) throw new DomainError('CONFLICT', `Invoice ${documentId} has no extraction yet (status ${document.status})`);
    return { document, invoice };
  }
}
