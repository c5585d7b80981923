import { z } from 'zod';
import { DOCUMENT_STATUSES } from './enums.js';

export const LineItemSchema = z.object({
  description: z.string().min(1).max(2000),
  quantity: z.number().finite(),
  unitPrice: z.number().finite(),
  amount: z.number().finite(),
});
export type LineItem = z.infer<typeof LineItemSchema>;

/** What the extraction produces from one document's OCR output. */
export const ExtractedInvoiceSchema = z.object({
  invoiceNumber: z.string().nullable(),
  /** ISO date, YYYY-MM-DD. */
  issueDate: z.string().nullable(),
  /** HH:MM:SS when the invoice prints a time. */
  issueTime: z.string().nullable(),
  customerName: z.string().nullable(),
  customerEmail: z.string().nullable(),
  customerAddressLine1: z.string().nullable(),
  customerAddressLine2: z.string().nullable(),
  /** From the QR code (`CUST:`), the most reliable customer key when present. */
  customerId: z.string().nullable(),
  /** From the QR code (`CAT:`). */
  customerCategory: z.string().nullable(),
  /** ISO 4217 code. */
  currency: z.string().nullable(),
  total: z.number().nullable(),
  lineItems: z.array(LineItemSchema),
  language: z.enum(['en', 'fr']).nullable(),
  /** Named reasons for failed checks or missing required fields. */
  issues: z.array(z.string()),
});
export type ExtractedInvoice = z.infer<typeof ExtractedInvoiceSchema>;

export const DocumentStatusSchema = z.enum(DOCUMENT_STATUSES);
