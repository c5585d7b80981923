import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { InvoiceEntity } from './entities/invoice.entity.js';
import { InvoiceLineItemEntity } from './entities/invoice-line-item.entity.js';

/** What an OCR run stores on its invoice: every column but the keys, the timestamps and what people add later (corrections, review). */
export type InvoiceResultFields = Omit<
  InvoiceEntity,
  'id' | 'documentId' | 'lineItems' | 'createdAt' | 'updatedAt' | 'originalExtraction' | 'reviewAcceptance' | 'reviewRejection'
>;

/** A line item as read; an e-invoice line also gives its unit and VAT rate. */
export type InvoiceResultLineItem = Pick<InvoiceLineItemEntity, 'description' | 'quantity' | 'unitPrice' | 'amount'> &
  Partial<Pick<InvoiceLineItemEntity, 'unit' | 'taxRate'>>;

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
  await manager
    .createQueryBuilder()
    .insert()
    .into(InvoiceEntity)
    .values({ id: randomUUID(), documentId, ...fields })
    .orUpdate(columns, ['document_id'])
    .execute();
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

/** The e-invoice XML an organization's invoice was read from, and the name to serve it under (the PDF's attachment, else the upload's). */
export interface EInvoiceXmlRow {
  content: Buffer;
  filename: string;
}

/** Null when the invoice does not exist in the organization or was read from its page alone. */
export async function findEInvoiceXml(
  db: DataSource | EntityManager,
  organizationId: string,
  documentId: string,
): Promise<EInvoiceXmlRow | null> {
  const [row]: { einvoice_xml: Buffer; attachment: string | null; filename: string }[] = await db.query(
    `SELECT i.einvoice_xml, i.einvoice->>'attachment' AS attachment, d.filename
       FROM invoices i JOIN documents d ON d.id = i.document_id
      WHERE i.document_id = $1 AND i.organization_id = $2 AND i.einvoice_xml IS NOT NULL`,
    [documentId, organizationId],
  );
  return row ? { content: row.einvoice_xml, filename: row.attachment ?? row.filename } : null;
}
