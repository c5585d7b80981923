import type { InvoiceCorrectionRecord, InvoiceResponse, InvoiceSummary, JobStatusResponse } from '@invoice/contracts';
import type { DocumentEntity, InvoiceEntity } from '@invoice/database';
import { plainItems } from './review-record.js';

export function toJobStatus(doc: Pick<DocumentEntity, 'jobId' | 'id' | 'status' | 'progress' | 'error'>): JobStatusResponse {
  return { jobId: doc.jobId, documentId: doc.id, status: doc.status, progress: doc.progress, error: doc.error };
}

function documentFields(doc: DocumentEntity) {
  return {
    documentId: doc.id,
    jobId: doc.jobId,
    status: doc.status,
    error: doc.error,
    filename: doc.filename,
    mimeType: doc.mimeType,
    sizeBytes: doc.sizeBytes,
    sha256: doc.sha256,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    completedAt: doc.completedAt?.toISOString() ?? null,
    pageCount: doc.pageCount ?? null,
  };
}

export function toInvoiceResponse(
  doc: DocumentEntity,
  invoice: InvoiceEntity | null,
  corrections: InvoiceCorrectionRecord[] = [],
): InvoiceResponse {
  return {
    ...documentFields(doc),
    invoice: invoice && {
      invoiceNumber: invoice.invoiceNumber,
      issueDate: invoice.issueDate,
      issueTime: invoice.issueTime,
      dueDate: invoice.dueDate,
      vendorName: invoice.vendorName,
      vendorAddress: invoice.vendorAddress,
      customerName: invoice.customerName,
      customerEmail: invoice.customerEmail,
      customerAddressLine1: invoice.customerAddressLine1,
      customerAddressLine2: invoice.customerAddressLine2,
      customerId: invoice.customerId,
      customerCategory: invoice.customerCategory,
      currency: invoice.currency,
      subtotal: invoice.subtotal,
      taxAmount: invoice.taxAmount,
      taxRate: invoice.taxRate,
      total: invoice.total,
      documentType: invoice.documentType,
      vendorVatId: invoice.vendorVatId,
      customerVatId: invoice.customerVatId,
      iban: invoice.iban,
      orderNumber: invoice.orderNumber,
      amountDue: invoice.amountDue,
      taxLines: invoice.taxLines ?? [],
      deliveryDate: invoice.deliveryDate ?? null,
      prepaidAmount: invoice.prepaidAmount ?? null,
      paymentTerms: invoice.paymentTerms ?? null,
      vendorRegistrationId: invoice.vendorRegistrationId ?? null,
      vendorEmail: invoice.vendorEmail ?? null,
      customerRegistrationId: invoice.customerRegistrationId ?? null,
      buyerReference: invoice.buyerReference ?? null,
      einvoice: invoice.einvoice ?? null,
      language: invoice.language,
      issues: invoice.issues,
      fieldEvidence: invoice.fieldEvidence ?? {},
      // Invoices extracted before thresholds existed were judged on their issues alone.
      reviewThreshold: invoice.reviewThreshold ?? 0,
      lineItems: plainItems(invoice.lineItems ?? []),
      corrections,
      originalExtraction: invoice.originalExtraction,
      reviewAcceptance: invoice.reviewAcceptance ?? null,
      // Only while rejected: reading the document again leaves the rejection behind.
      reviewRejection: doc.status === 'rejected' ? (invoice.reviewRejection ?? null) : null,
      ocr: {
        text: invoice.ocrText,
        meanConfidence: invoice.ocrConfidence,
        durationMs: invoice.ocrDurationMs,
        engineVersion: invoice.engineVersion,
        qrPayload: invoice.qrPayload,
        words: invoice.ocrWords,
      },
    },
  };
}

export function toInvoiceSummary(doc: DocumentEntity, invoice: Partial<InvoiceEntity> | null): InvoiceSummary {
  return {
    ...documentFields(doc),
    invoiceNumber: invoice?.invoiceNumber ?? null,
    issueDate: invoice?.issueDate ?? null,
    customerName: invoice?.customerName ?? null,
    total: invoice?.total ?? null,
    currency: invoice?.currency ?? null,
    documentType: invoice?.documentType ?? null,
  };
}
