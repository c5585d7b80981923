import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { InvoiceEntity } from './entities/invoice.entity.js';
import { InvoiceLineItemEntity } from './entities/invoice-line-item.entity.js';

/** What an OCR run stores on its invoice: every column but the keys, the timestamps and what people add later (corrections, review). */
export type InvoiceResultFields = Omit<InvoiceEntity, 'id' | 'documentId' | 'lineItems' | 'createdAt' | 'updatedAt' | 'originalExtraction' | 'reviewAcceptance' | 'reviewRejection'>;

export type InvoiceResultLineItem = Pick<InvoiceLineItemEntity, 'description' | 'quantity' | 'unitPrice' | 'amount'>;

/**
 * Stores a document's invoice and its line items, in the caller's transaction. Idempotent: the
 * invoice is upserted on its document id (a document processed twice keeps one invoice, and its id)
 * and its line items are replaced. Returns the invoice id.
 */
export async function saveInvoiceResult(
  manager: EntityManager,
  documentId: string,
  fields: InvoiceResultFields,
  lineItems: readonly InvoiceResultLineItem[],
): Promise<string> {
  const metadata = manager.getRepository(InvoiceEntity).metadata;
  const columns = Object.keys(fields).map((key) => {
    const column = metadata.findColumnWithPropertyName(key);
    if (!column) throw new Error(`InvoiceEntity has no column for ${key}`);
    return column.databaseName;
  });
  await manager.createQueryBuilder().insert().into(InvoiceEntity).values({ id: randomUUID(), documentId, ...fields }).orUpdate(columns, ['document_id']).execute();
  const { id: invoiceId } = await manager.findOneOrFail(InvoiceEntity, { select: { id: true }, where: { documentId } });
  await manager.delete(InvoiceLineItemEntity, { invoiceId });
  if (lineItems.length) {
    await manager.insert(
      InvoiceLineItemEntity,
      lineItems.map((item, position) => ({ invoiceId, organizationId: fields.organizationId, position, ...item })),
    );
  }
  return invoiceId;
}
