import type { ExtractedInvoice } from '@invoice/contracts';
import type { InvoiceResultFields, InvoiceResultLineItem } from '@invoice/database';
import { customerKey } from '@invoice/extraction';
import type { OcrDocumentResult } from '@invoice/ocr';
import type { WebhookInvoiceSummary } from '../webhooks/webhook.attempt.js';
import { einvoiceColumns } from '../einvoice/einvoice.step.js';

/**
 * The invoice row an OCR run stores: the extracted fields, the OCR reading they come from, the threshold they
 * were judged by, and the e-invoice XML they were read from (null for a page reading).
 */
export function invoiceRecord(
  organizationId: string,
  ocr: OcrDocumentResult,
  extracted: ExtractedInvoice,
  reviewThreshold: number,
  einvoiceXml: Buffer | null = null,
): { fields: InvoiceResultFields; lineItems: InvoiceResultLineItem[] } {
  const fields: InvoiceResultFields = {
    organizationId,
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
    reviewThreshold,
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
  return { fields, lineItems: extracted.lineItems };
}

/** What an invoice's webhook events carry of it (besides its id). */
export function webhookSummary(fields: InvoiceResultFields): Omit<WebhookInvoiceSummary, 'invoiceId'> {
  const { invoiceNumber, issueDate, customerName, customerEmail, currency, total, issues } = fields;
  return { invoiceNumber, issueDate, customerName, customerEmail, currency, total, issues };
}
