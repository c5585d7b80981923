import { OcrOptionsSchema, type OcrOptions } from './queues.js';
import { isValidIBAN } from 'ibantools';
import { z } from 'zod';
import { NewPasswordSchema, type PlatformRole } from './auth.js';
import { DOCUMENT_STATUSES, ROLES, type DocumentStatus, type Role } from './enums.js';
import {
  DocumentTypeSchema,
  LineItemSchema,
  TaxLineSchema,
  type EInvoiceSource,
  type FieldEvidenceMap,
  type LineItem,
  type TaxLine,
} from './invoice.js';
import { CalendarDateSchema, opaqueText, safeText } from './validation.js';

export const LoginRequestSchema = z.object({
  username: z.string().trim().min(1, 'username is required').max(128),
  password: z.string().min(1, 'password is required').max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

/** The login form's fields (urlencoded): the credentials, and the page to return to once logged in. */
export const LoginFormSchema = LoginRequestSchema.extend({ from: z.string().max(2048).optional() });
export type LoginForm = z.infer<typeof LoginFormSchema>;

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

export const CreateUserRequestSchema = z.object({
  username: z
    .string()
    .trim()
    .min(3)
    .max(128)
    .regex(/^[A-Za-z0-9._@-]+$/, 'username may use letters, digits and . _ @ -'),
  password: NewPasswordSchema,
  role: z.enum(ROLES),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequestSchema>;

/** Claims carried by the access token. */
export interface AuthUser {
  userId: string;
  organizationId: string;
  username: string;
  role: Role;
  /** Platform roles granted by the gateway's configuration (empty for almost everyone). */
  platformRoles: PlatformRole[];
}

export interface UploadedJob {
  jobId: string;
  documentId: string;
  filename: string;
  status: DocumentStatus;
  duplicate: boolean;
}

export interface RejectedFile {
  filename: string;
  code: 'EMPTY_FILE' | 'UNSUPPORTED_TYPE' | 'FILE_TOO_LARGE';
  reason: string;
}

export interface UploadResponse {
  /** The batch this request created (`GET /api/batches/:batchId`). */
  batchId: string;
  jobs: UploadedJob[];
  rejected: RejectedFile[];
}

export interface JobStatusResponse {
  jobId: string;
  documentId: string;
  status: DocumentStatus;
  /** 0..100 */
  progress: number;
  error: string | null;
}

export interface InvoiceResponse {
  documentId: string;
  jobId: string;
  status: DocumentStatus;
  error: string | null;
  filename: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  /** Pages read (PDF and TIFF may have several); null until the document is processed. */
  pageCount: number | null;
  invoice: {
    invoiceNumber: string | null;
    issueDate: string | null;
    issueTime: string | null;
    dueDate: string | null;
    vendorName: string | null;
    vendorAddress: string | null;
    customerName: string | null;
    customerEmail: string | null;
    customerAddressLine1: string | null;
    customerAddressLine2: string | null;
    customerId: string | null;
    customerCategory: string | null;
    currency: string | null;
    subtotal: number | null;
    taxAmount: number | null;
    /** Percent, e.g. 20 for 20 %. */
    taxRate: number | null;
    total: number | null;
    /** `invoice`, `credit_note`, `receipt` or another code; null when nothing tells. */
    documentType: string | null;
    vendorVatId: string | null;
    customerVatId: string | null;
    iban: string | null;
    orderNumber: string | null;
    amountDue: number | null;
    taxLines: TaxLine[];
    /** Fields an e-invoice states (null when read from a page, or not stated; the gateway always sends them). */
    deliveryDate?: string | null;
    prepaidAmount?: number | null;
    paymentTerms?: string | null;
    vendorRegistrationId?: string | null;
    vendorEmail?: string | null;
    customerRegistrationId?: string | null;
    buyerReference?: string | null;
    /** Set when the data came from a structured e-invoice; its XML is at `GET /api/invoices/:documentId/einvoice`. */
    einvoice?: EInvoiceSource | null;
    language: string | null;
    issues: string[];
    /** Per field: confidence 0..1, the OCR words it was read from, and its source. */
    fieldEvidence: FieldEvidenceMap;
    /** The confidence under which a field without a threshold of its own sends the invoice to review (REVIEW_THRESHOLD when set, else 0.91; the scored header fields have per-field thresholds, and the ones under theirs are listed in `issues` as `low_confidence:<field>`). */
    reviewThreshold: number;
    lineItems: LineItem[];
    /** Who corrected what and when, oldest first; the original extraction when corrected. */
    corrections: InvoiceCorrectionRecord[];
    originalExtraction: Record<string, unknown> | null;
    /** Who accepted the invoice with failing checks, when and why; null unless accepted. */
    reviewAcceptance: ReviewAcceptance | null;
    /** Who rejected it (or marked it as not an invoice), when and why; null unless its status is `rejected`. */
    reviewRejection: ReviewRejection | null;
    ocr: {
      text: string;
      meanConfidence: number;
      durationMs: number;
      engineVersion: string;
      qrPayload: string | null;
      words: { text: string; confidence: number; bbox: { x0: number; y0: number; x1: number; y1: number }; page: number }[];
    };
  } | null;
}

export type InvoiceSummary = Omit<InvoiceResponse, 'invoice'> & {
  invoiceNumber: string | null;
  issueDate: string | null;
  customerName: string | null;
  total: number | null;
  currency: string | null;
  documentType: string | null;
};

export interface InvoiceListResponse {
  items: InvoiceSummary[];
  nextCursor: string | null;
}

export const INVOICE_SORTS = ['createdAt', 'issueDate', 'total', 'customerName', 'invoiceNumber', 'status'] as const;
export type InvoiceSort = (typeof INVOICE_SORTS)[number];

export const InvoiceListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: opaqueText(200).optional(),
  status: z.enum(DOCUMENT_STATUSES).optional(),
  /** Upload date range, inclusive, on the document's creation date. */
  from: CalendarDateSchema.optional(),
  to: CalendarDateSchema.optional(),
  /** Issue date range, inclusive (the analytics charts' months open the invoices of one month this way). */
  issuedFrom: CalendarDateSchema.optional(),
  issuedTo: CalendarDateSchema.optional(),
  /** Free text over invoice number, customer name, email and file name. */
  q: safeText(1, 200).optional(),
  /** Customer name contains (case-insensitive). */
  customer: safeText(1, 200).optional(),
  /** Total range, inclusive. */
  minTotal: z.coerce.number().finite().min(0).optional(),
  maxTotal: z.coerce.number().finite().min(0).optional(),
  /** Only this document type (`invoice`, `credit_note`, `receipt`, ...). */
  documentType: DocumentTypeSchema.optional(),
  /** Sort column; `createdAt` (upload time) by default. Rows without a value come last. */
  sort: z.enum(INVOICE_SORTS).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type InvoiceListQuery = z.infer<typeof InvoiceListQuerySchema>;

/** `Idempotency-Key` request header: 1-255 printable ASCII characters. */
export const IdempotencyKeySchema = z
  .string()
  .min(1, 'Idempotency-Key must not be empty')
  .max(255, 'Idempotency-Key must have at most 255 characters')
  .regex(/^[\x20-\x7E]+$/, 'Idempotency-Key must be printable ASCII characters');

/** Header telling that an answer is the stored answer of an earlier request with the same Idempotency-Key. */
export const IDEMPOTENT_REPLAY_HEADER = 'Idempotent-Replayed';

export const BatchListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: opaqueText(200).optional(),
});
export type BatchListQuery = z.infer<typeof BatchListQuerySchema>;

export interface ErrorResponse {
  statusCode: number;
  code: string;
  message: string;
  correlationId?: string;
  details?: unknown;
}

const nullableText = (max: number) => safeText(1, max).nullable();
/** An EU VAT id: country prefix and 2-13 letters or digits, stored upper case without blanks or dots. */
const vatId = z
  .string()
  .max(40)
  .transform((value) => value.replace(/[\s.\-]+/g, '').toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{2}[A-Z0-9+*]{2,13}$/, 'VAT id must start with its country code, e.g. DE136695976'))
  .nullable();

/** Fields a person may correct on an invoice; at least one. Unknown fields are refused. */
export const InvoiceCorrectionSchema = z
  .strictObject({
    invoiceNumber: nullableText(100),
    issueDate: CalendarDateSchema.nullable(),
    issueTime: z.iso.time({ precision: 0 }).nullable(),
    customerName: nullableText(300),
    customerEmail: z.email().max(320).nullable(),
    customerAddressLine1: nullableText(300),
    customerAddressLine2: nullableText(300),
    customerId: nullableText(50),
    customerCategory: nullableText(20),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code such as EUR')
      .nullable(),
    /** Amounts keep the printed sign: a credit note printing "-100.00" is corrected to -100. */
    total: z.number().finite().nullable(),
    dueDate: CalendarDateSchema.nullable(),
    vendorName: nullableText(300),
    vendorAddress: nullableText(500),
    subtotal: z.number().finite().nullable(),
    taxAmount: z.number().finite().nullable(),
    taxRate: z.number().finite().min(0).max(100).nullable(),
    lineItems: z.array(LineItemSchema).max(500),
    documentType: DocumentTypeSchema.nullable(),
    vendorVatId: vatId,
    customerVatId: vatId,
    iban: z
      .string()
      .max(60)
      .transform((value) => value.replace(/\s+/g, '').toUpperCase())
      .pipe(
        z
          .string()
          .refine(isValidIBAN, 'iban must be a valid IBAN (country length and mod-97 check digits), such as DE89 3704 0044 0532 0130 00'),
      )
      .nullable(),
    orderNumber: nullableText(100),
    /** Negative on a credit note that prints it so. */
    amountDue: z.number().finite().nullable(),
    taxLines: z.array(TaxLineSchema).max(20),
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, { message: 'send at least one field to correct' });
export type InvoiceCorrection = z.infer<typeof InvoiceCorrectionSchema>;

/** A person's acceptance of an invoice whose checks still fail: why it is right as it is. */
export const InvoiceAcceptSchema = z.strictObject({ reason: safeText(3, 500) });
export type InvoiceAccept = z.infer<typeof InvoiceAcceptSchema>;

/**
 * `PATCH /api/invoices/:documentId`: corrections and/or `accept`. With every check passing the invoice
 * becomes `done`; with checks still failing it stays `needs_review` unless `accept` gives a reason.
 */
export const InvoicePatchSchema = z
  .strictObject({ ...InvoiceCorrectionSchema.shape, accept: InvoiceAcceptSchema.optional() })
  .refine((value) => Object.keys(value).length > 0, { message: 'send at least one field to correct, or accept with a reason' });
export type InvoicePatch = z.infer<typeof InvoicePatchSchema>;

/** Recorded on the invoice when a person accepts it with checks failing. */
export interface ReviewAcceptance {
  userId: string;
  username: string;
  acceptedAt: string;
  reason: string;
  /** The checks that failed when it was accepted. */
  issues: string[];
}

export interface InvoiceCorrectionRecord {
  /** The record's id (what `POST /api/invoices/:documentId/undo` takes). */
  id: string;
  username: string;
  changedAt: string;
  /** Fields, line items, and the review outcome (`status`, `reviewAcceptance`, `reviewRejection`) when they changed. */
  changes: Record<string, { from: unknown; to: unknown }>;
  /** The record this one undid; null for a save. */
  undoOf: string | null;
}

/** Ways a person takes an invoice out of review without accepting it. */
export const REVIEW_REJECTIONS = ['rejected', 'not_invoice'] as const;
export type ReviewRejectionOutcome = (typeof REVIEW_REJECTIONS)[number];

/** `POST /api/invoices/:documentId/reject`: the outcome, and optionally why. */
export const InvoiceRejectSchema = z.strictObject({
  outcome: z.enum(REVIEW_REJECTIONS),
  reason: safeText(1, 500).optional(),
});
export type InvoiceReject = z.infer<typeof InvoiceRejectSchema>;

/** Recorded on the invoice when a person rejects it or marks it as not an invoice (status `rejected`). */
export interface ReviewRejection {
  outcome: ReviewRejectionOutcome;
  reason: string | null;
  userId: string;
  username: string;
  rejectedAt: string;
}

/** `POST /api/invoices/:documentId/undo`: the save to undo, which must be the invoice's latest one. */
export const InvoiceUndoSchema = z.strictObject({ correctionId: z.guid({ error: 'correctionId must be a UUID' }) });
export type InvoiceUndo = z.infer<typeof InvoiceUndoSchema>;

/** `POST /api/invoices/:documentId/reprocess`: optional other OCR settings for the new job (an empty body keeps the defaults). */
export const ReprocessRequestSchema = OcrOptionsSchema.optional();
export type ReprocessRequest = OcrOptions | undefined;
