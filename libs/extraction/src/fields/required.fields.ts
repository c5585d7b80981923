import type { ExtractedInvoice, InvoiceFieldName } from '@invoice/contracts';

export type RequiredField = InvoiceFieldName | 'lineItems';

/** An invoice (and an untyped document): who it bills, for what, when, how much. */
const INVOICE_REQUIRED: readonly RequiredField[] = ['invoiceNumber', 'issueDate', 'customerName', 'lineItems', 'total'];
/** A credit note refers to its number, customer and amount; it may credit a sum without item lines. */
const CREDIT_NOTE_REQUIRED: readonly RequiredField[] = ['invoiceNumber', 'issueDate', 'customerName', 'total'];
/** A till receipt names the shop, the date and what was paid; no number, customer or items are required. */
const RECEIPT_REQUIRED: readonly RequiredField[] = ['vendorName', 'issueDate', 'total'];

/**
 * The fields a document of that type must have to be `done` (missing ones are `missing:<field>` issues).
 * Other codes and no type at all are held to the invoice's list.
 */
export function requiredFieldsFor(documentType: string | null | undefined): readonly RequiredField[] {
  if (documentType === 'receipt') return RECEIPT_REQUIRED;
  if (documentType === 'credit_note') return CREDIT_NOTE_REQUIRED;
  return INVOICE_REQUIRED;
}

/**
 * Whether a document is a receipt that some of its words say is one (a "Receipt" title, cash, change, a cashier):
 * a tall narrow column alone is also how some invoices' text layers read, and what only a receipt may drop (a
 * doubtful customer, doubtful line items) an invoice needs.
 */
export function isToldReceipt(invoice: Pick<ExtractedInvoice, 'documentType' | 'fieldEvidence'>): boolean {
  return invoice.documentType === 'receipt' && (invoice.fieldEvidence.documentType?.wordIndexes.length ?? 0) > 0;
}
