/** `rejected`: a person took it out of review as wrong or as not an invoice (see the invoice's `reviewRejection`). */
export const DOCUMENT_STATUSES = ['queued', 'processing', 'done', 'needs_review', 'failed', 'rejected'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** Statuses in which a document still expects the OCR queue to hold a job for it. */
export const PENDING_STATUSES: readonly DocumentStatus[] = ['queued', 'processing'];

export const ROLES = ['admin', 'uploader', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** File types the gateway accepts, sniffed from the bytes. */
export const SUPPORTED_MIME_TYPES = [
  'image/png',
  'image/jpeg',
  'image/tiff',
  'image/webp',
  'application/pdf',
  /** An e-invoice: CII (ZUGFeRD, Factur-X, XRechnung) or UBL (Peppol BIS 3, XRechnung); other XML is refused. */
  'application/xml',
] as const;
export type SupportedMimeType = (typeof SUPPORTED_MIME_TYPES)[number];

/**
 * The login form that works before the web app's scripts run (login.html) posts here; the gateway answers
 * with a redirect: to the page asked for once logged in, or back to the login page with one of
 * LOGIN_FORM_NOTICES as its fragment (the page shows the notice with that id).
 */
export const LOGIN_FORM_PATH = '/api/auth/login-form';
export const LOGIN_FORM_NOTICES = ['login-failed', 'login-throttled'] as const;
export type LoginFormNotice = (typeof LOGIN_FORM_NOTICES)[number];

/** The cookie in which the web app keeps the language chosen (`en`, `fr`), so the gateway sends the login page in it. */
export const LANGUAGE_COOKIE = 'invoice_ocr_language';
