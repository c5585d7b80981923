import type { EntityManager } from 'typeorm';
import type { AuthUser, DocumentStatus, FieldEvidenceMap, LineItem, ReviewAcceptance, ReviewRejection } from '@invoice/contracts';
import { InvoiceLineItemEntity, recordInvoiceCorrection, type DocumentEntity, type InvoiceEntity } from '@invoice/database';

export type Changes = Record<string, { from: unknown; to: unknown }>;

/** What a save replaces besides the changed values themselves, kept on its record so an undo restores it exactly. */
export interface ReviewState {
  status: DocumentStatus;
  completedAt: string | null;
  issues: string[];
  fieldEvidence: FieldEvidenceMap;
  reviewAcceptance: ReviewAcceptance | null;
  reviewRejection: ReviewRejection | null;
  originalExtraction: Record<string, unknown> | null;
}

export function reviewState(document: DocumentEntity, invoice: InvoiceEntity): ReviewState {
  return {
    status: document.status,
    completedAt: document.completedAt?.toISOString() ?? null,
    issues: invoice.issues,
    fieldEvidence: invoice.fieldEvidence ?? {},
    reviewAcceptance: invoice.reviewAcceptance ?? null,
    reviewRejection: invoice.reviewRejection ?? null,
    originalExtraction: invoice.originalExtraction ?? null,
  };
}

export const plainItems = (items: readonly InvoiceLineItemEntity[]): LineItem[] =>
  [...items]
    .sort((a, b) => a.position - b.position)
    .map(({ description, quantity, unitPrice, amount, unit, taxRate }) => ({
      description,
      quantity,
      unitPrice,
      amount,
      ...(unit != null && { unit }),
      ...(taxRate != null && { taxRate }),
    }));

/** Replaces an invoice's line items, in the order given. */
export async function replaceLineItems(
  manager: EntityManager,
  invoice: Pick<InvoiceEntity, 'id' | 'organizationId'>,
  items: readonly LineItem[],
): Promise<void> {
  await manager.delete(InvoiceLineItemEntity, { invoiceId: invoice.id });
  if (items.length === 0) return;
  await manager.insert(
    InvoiceLineItemEntity,
    items.map((item, position) => ({ invoiceId: invoice.id, organizationId: invoice.organizationId, position, ...item })),
  );
}

/** One audit record: who, the changes, the state they replaced, and the record undone when this is an undo. */
export async function recordChanges(
  manager: EntityManager,
  user: AuthUser,
  invoiceId: string,
  entry: { changes: Changes; previous: ReviewState; undoOf?: string },
): Promise<string> {
  return recordInvoiceCorrection(manager, {
    organizationId: user.organizationId,
    invoiceId,
    userId: user.userId,
    username: user.username,
    changes: entry.changes,
    previous: entry.previous,
    ...(entry.undoOf && { undoOf: entry.undoOf }),
  });
}
