import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DomainError,
  INVOICE_FIELD_NAMES,
  InvoiceCorrectionSchema,
  type AuthUser,
  type FieldEvidenceMap,
  type InvoiceCorrection,
  type InvoiceFieldName,
  type LineItem,
} from '@invoice/contracts';
import { DocumentEntity, InvoiceEntity, InvoiceLineItemEntity } from '@invoice/database';
import { checkInvoice, customerKey } from '@invoice/extraction';
import { VendorTemplateLearningService } from './vendor-template-learning.service.js';

type ScalarField = Exclude<keyof InvoiceCorrection, 'lineItems'>;

/** What a person may correct: the keys of the correction schema, snapshotted before the first correction. */
const CORRECTABLE_FIELDS = Object.keys(InvoiceCorrectionSchema.shape);

const plainItems = (items: readonly InvoiceLineItemEntity[]): LineItem[] =>
  [...items].sort((a, b) => a.position - b.position).map(({ description, quantity, unitPrice, amount }) => ({ description, quantity, unitPrice, amount }));

/**
 * A person's corrections: applied in one transaction, recorded with who and when, the original
 * extraction kept, the checks and the customer key recomputed, and the invoice moved to `done`.
 */
@Injectable()
export class InvoiceCorrectionsService {
  private readonly logger = new Logger(InvoiceCorrectionsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly templates: VendorTemplateLearningService,
  ) {}

  async correct(user: AuthUser, documentId: string, correction: InvoiceCorrection): Promise<{ changed: string[] }> {
    const result = await this.apply(user, documentId, correction);
    // The correction is saved; the vendor template learns from it (a failure there never fails the correction).
    await this.templates.learn(user.organizationId, documentId, correction).catch((error: unknown) => {
      this.logger.warn({ documentId, error: error instanceof Error ? error.message : String(error) }, 'vendor template not updated');
    });
    return result;
  }

  private async apply(user: AuthUser, documentId: string, correction: InvoiceCorrection): Promise<{ changed: string[] }> {
    return this.dataSource.transaction(async (manager) => {
      const document = await manager.findOne(DocumentEntity, {
        where: { id: documentId, organizationId: user.organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!document) throw new DomainError('NOT_FOUND', `Invoice ${documentId} not found`);
      const invoice = await manager.findOne(InvoiceEntity, { where: { documentId, organizationId: user.organizationId }, relations: { lineItems: true } });
      if (!invoice) {
        throw new DomainError('CONFLICT', `Invoice ${documentId} has no extraction to correct yet (status ${document.status})`);
      }

      const changes: Record<string, { from: unknown; to: unknown }> = {};
      const { lineItems: newItems, ...scalars } = correction;
      for (const [field, to] of Object.entries(scalars) as [ScalarField, unknown][]) {
        const from = invoice[field];
        // Tax lines are arrays of objects (jsonb orders their keys its own way): compared by value.
        if (!isDeepStrictEqual(from, to)) changes[field] = { from, to };
      }
      const currentItems = plainItems(invoice.lineItems ?? []);
      if (newItems && JSON.stringify(newItems) !== JSON.stringify(currentItems)) changes.lineItems = { from: currentItems, to: newItems };
      if (Object.keys(changes).length === 0) return { changed: [] };

      const original =
        invoice.originalExtraction ??
        Object.fromEntries([...CORRECTABLE_FIELDS, 'issues'].map((field) => [field, field === 'lineItems' ? currentItems : invoice[field as keyof InvoiceEntity]]));
      const next = { ...invoice, ...scalars };
      const items = newItems ?? currentItems;
      const issues = checkInvoice({ ...next, lineItems: items });
      // A person's value is evidence of its own: source `person`, confidence 1, no OCR words.
      const fieldEvidence: FieldEvidenceMap = { ...(invoice.fieldEvidence ?? {}) };
      for (const field of Object.keys(scalars)) {
        if ((INVOICE_FIELD_NAMES as readonly string[]).includes(field)) fieldEvidence[field as InvoiceFieldName] = { confidence: 1, wordIndexes: [], source: 'person' };
      }

      await manager.update(InvoiceEntity, { id: invoice.id }, { ...scalars, customerKey: customerKey(next), issues, fieldEvidence });
      if (!invoice.originalExtraction) {
        await manager.query(`UPDATE invoices SET original_extraction = $2 WHERE id = $1`, [invoice.id, JSON.stringify(original)]);
      }
      if (newItems) {
        await manager.delete(InvoiceLineItemEntity, { invoiceId: invoice.id });
        if (newItems.length) {
          await manager.insert(
            InvoiceLineItemEntity,
            newItems.map((item, position) => ({ invoiceId: invoice.id, organizationId: user.organizationId, position, ...item })),
          );
        }
      }
      await manager.query(
        `INSERT INTO invoice_corrections (id, organization_id, invoice_id, user_id, username, changes) VALUES ($1, $2, $3, $4, $5, $6)`,
        [randomUUID(), user.organizationId, invoice.id, user.userId, user.username, JSON.stringify(changes)],
      );
      // A person checked it: the invoice is trusted as corrected, whatever the extraction said.
      await manager.update(DocumentEntity, { id: documentId }, { status: 'done', error: null, completedAt: document.completedAt ?? new Date() });
      return { changed: Object.keys(changes) };
    });
  }

  async history(invoiceId: string) {
    const rows: { username: string; created_at: Date; changes: Record<string, { from: unknown; to: unknown }> }[] = await this.dataSource.query(
      `SELECT username, created_at, changes FROM invoice_corrections WHERE invoice_id = $1 ORDER BY created_at, id`,
      [invoiceId],
    );
    return rows.map((r) => ({ username: r.username, changedAt: r.created_at.toISOString(), changes: r.changes }));
  }
}
