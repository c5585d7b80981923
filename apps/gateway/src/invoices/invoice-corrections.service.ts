import { isDeepStrictEqual } from 'node:util';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DomainError,
  INVOICE_FIELD_NAMES,
  InvoiceCorrectionSchema,
  type AuthUser,
  type FieldEvidenceMap,
  type InvoiceAccept,
  type InvoiceCorrectionRecord,
  type InvoiceCorrection,
  type InvoicePatch,
  type ReviewAcceptance,
  type InvoiceFieldName,
  type LineItem,
} from '@invoice/contracts';
import { DocumentEntity, InvoiceEntity, invoiceCorrections, markDocumentReviewed, setOriginalExtraction } from '@invoice/database';
import { checkInvoice, customerKey } from '@invoice/extraction';
import { plainItems, recordChanges, replaceLineItems, reviewState, type Changes } from './review-record.js';
import { VendorTemplateLearningService } from './vendor-template-learning.service.js';

type ScalarField = Exclude<keyof InvoiceCorrection, 'lineItems'>;
type Scalars = Omit<InvoiceCorrection, 'lineItems'>;

/** What a person may correct: the keys of the correction schema, snapshotted before the first correction. */
const CORRECTABLE_FIELDS = Object.keys(InvoiceCorrectionSchema.shape);

/** What a PATCH did: the fields changed, the status it leaves, the checks that still fail. */
export interface CorrectionOutcome {
  changed: string[];
  status: 'done' | 'needs_review';
  issues: string[];
}

interface PendingEdit {
  scalars: Scalars;
  newItems: LineItem[] | undefined;
  changes: Changes;
  issues: string[];
  currentItems: LineItem[];
}

function diff(invoice: InvoiceEntity, scalars: Scalars, currentItems: LineItem[], newItems?: LineItem[]): Changes {
  const changes: Changes = {};
  for (const [field, to] of Object.entries(scalars) as [ScalarField, unknown][]) {
    const from = invoice[field];
    // Tax lines are arrays of objects (jsonb orders their keys its own way): compared by value.
    if (!isDeepStrictEqual(from, to)) changes[field] = { from, to };
  }
  if (newItems && JSON.stringify(newItems) !== JSON.stringify(currentItems)) changes.lineItems = { from: currentItems, to: newItems };
  return changes;
}

/**
 * A person's corrections: applied in one transaction, recorded with who and when, the original
 * extraction kept, the checks and the customer key recomputed. The invoice becomes `done` when every
 * check passes, or when the person accepts the failing checks with a reason (recorded on the invoice);
 * otherwise it stays in `needs_review` and the outcome lists the checks that still fail.
 */
@Injectable()
export class InvoiceCorrectionsService {
  private readonly logger = new Logger(InvoiceCorrectionsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly templates: VendorTemplateLearningService,
  ) {}

  async correct(user: AuthUser, documentId: string, patch: InvoicePatch): Promise<CorrectionOutcome> {
    const { accept, ...correction } = patch;
    const { reviewed, ...result } = await this.apply(user, documentId, correction, accept);
    if (Object.keys(correction).length === 0 && !reviewed) return result;
    // The correction is saved; the vendor template learns from it (a failure there never fails the correction).
    await this.templates.learn(user.organizationId, documentId, correction, { reviewed }).catch((error: unknown) => {
      this.logger.warn({ documentId, error: error instanceof Error ? error.message : String(error) }, 'vendor template not updated');
    });
    return result;
  }

  private async apply(
    user: AuthUser,
    documentId: string,
    correction: InvoiceCorrection,
    accept?: InvoiceAccept,
  ): Promise<CorrectionOutcome & { reviewed: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const document = await manager.findOne(DocumentEntity, {
        where: { id: documentId, organizationId: user.organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!document) throw new DomainError('NOT_FOUND', `Invoice ${documentId} not found`);
      const invoice = await manager.findOne(InvoiceEntity, {
        where: { documentId, organizationId: user.organizationId },
        relations: { lineItems: true },
      });
      if (!invoice) {
        throw new DomainError('CONFLICT', `Invoice ${documentId} has no extraction to correct yet (status ${document.status})`);
      }

      const { lineItems: newItems, ...scalars } = correction;
      const currentItems = plainItems(invoice.lineItems ?? []);
      const changes = diff(invoice, scalars, currentItems, newItems);
      const issues = checkInvoice({ ...invoice, ...scalars, lineItems: newItems ?? currentItems });
      const previous = reviewState(document, invoice);
      if (Object.keys(changes).length > 0) await this.save(manager, invoice, { scalars, newItems, currentItems, changes, issues });

      const acceptance: ReviewAcceptance | null =
        accept && issues.length > 0
          ? { userId: user.userId, username: user.username, acceptedAt: new Date().toISOString(), reason: accept.reason, issues }
          : null;
      // A person checked it: trusted when every check passes or when they accepted the failing ones with a reason.
      const status = issues.length === 0 || acceptance ? 'done' : 'needs_review';
      // The review outcome is audited with the values: the status, an acceptance, a rejection that a correction lifts.
      const outcome: Changes = {};
      if (status !== document.status) outcome.status = { from: document.status, to: status };
      if (acceptance) outcome.reviewAcceptance = { from: invoice.reviewAcceptance ?? null, to: acceptance };
      if (invoice.reviewRejection) outcome.reviewRejection = { from: invoice.reviewRejection, to: null };
      if (acceptance || invoice.reviewRejection) {
        await manager.update(
          InvoiceEntity,
          { id: invoice.id },
          { ...(acceptance ? { reviewAcceptance: acceptance } : {}), reviewRejection: null },
        );
      }
      if (status !== document.status) {
        await markDocumentReviewed(manager, documentId, status);
      }
      const all = { ...changes, ...outcome };
      if (Object.keys(all).length > 0) await recordChanges(manager, user, invoice.id, { changes: all, previous });
      // The save that ends a review: the person checked every value the invoice holds.
      const reviewed = document.status === 'needs_review' && status === 'done';
      return { changed: Object.keys(changes), status, issues, reviewed };
    });
  }

  private async save(manager: EntityManager, invoice: InvoiceEntity, edit: PendingEdit): Promise<void> {
    const { scalars, newItems, currentItems, issues } = edit;
    const original =
      invoice.originalExtraction ??
      Object.fromEntries(
        [...CORRECTABLE_FIELDS, 'issues'].map((field) => [
          field,
          field === 'lineItems' ? currentItems : invoice[field as keyof InvoiceEntity],
        ]),
      );
    const next = { ...invoice, ...scalars };
    // A person's value is evidence of its own: source `person`, confidence 1, no OCR words.
    const fieldEvidence: FieldEvidenceMap = { ...(invoice.fieldEvidence ?? {}) };
    for (const field of Object.keys(scalars)) {
      if ((INVOICE_FIELD_NAMES as readonly string[]).includes(field))
        fieldEvidence[field as InvoiceFieldName] = { confidence: 1, wordIndexes: [], source: 'person' };
    }

    await manager.update(InvoiceEntity, { id: invoice.id }, { ...scalars, customerKey: customerKey(next), issues, fieldEvidence });
    if (!invoice.originalExtraction) {
      await setOriginalExtraction(manager, invoice.id, original);
    }
    if (newItems) await replaceLineItems(manager, invoice, newItems);
  }

  async history(invoiceId: string): Promise<InvoiceCorrectionRecord[]> {
    const rows = await invoiceCorrections(this.dataSource, invoiceId);
    return rows.map((r) => ({
      id: r.id,
      username: r.username,
      changedAt: r.createdAt.toISOString(),
      changes: r.changes,
      undoOf: r.undoOf,
    }));
  }
}
