/** Example values shown in the OpenAPI document. */
export const EXAMPLE_IDS = {
  organizationId: '0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f',
  userId: '5d0c3f8e-2b7a-4f51-9a3e-1c2d3e4f5a6b',
  documentId: '3a1f2b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b',
  jobId: '3a1f2b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b',
  runId: '7c6b5a49-3827-4160-9f8e-7d6c5b4a3928',
  batchId: 'b4a3c2d1-0e9f-4a8b-9c7d-6e5f4a3b2c1d',
  webhookId: '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  deliveryId: '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b',
};

export const EXAMPLE_WEBHOOK = {
  id: EXAMPLE_IDS.webhookId,
  url: 'https://erp.example.com/hooks/invoices',
  events: ['invoice.done', 'invoice.needs_review'],
  createdAt: '2026-03-01T08:00:00.000Z',
};

export const EXAMPLE_WEBHOOK_DELIVERY = {
  id: EXAMPLE_IDS.deliveryId,
  endpointId: EXAMPLE_IDS.webhookId,
  eventType: 'invoice.done',
  documentId: EXAMPLE_IDS.documentId,
  status: 'succeeded',
  attempts: 2,
  responseCode: 200,
  lastError: null,
  createdAt: '2026-03-02T09:14:09.900Z',
  updatedAt: '2026-03-02T09:14:20.100Z',
  lastAttemptAt: '2026-03-02T09:14:20.100Z',
  deliveredAt: '2026-03-02T09:14:20.100Z',
};

const document = {
  documentId: EXAMPLE_IDS.documentId,
  jobId: EXAMPLE_IDS.jobId,
  status: 'done',
  error: null,
  filename: 'invoice-0042.png',
  mimeType: 'image/png',
  sizeBytes: 48213,
  sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  createdAt: '2026-03-02T09:14:05.120Z',
  updatedAt: '2026-03-02T09:14:09.870Z',
  completedAt: '2026-03-02T09:14:09.870Z',
  pageCount: 1,
};

const invoiceFields = {
  invoiceNumber: 'INV-2026-0042',
  issueDate: '2026-02-28',
  issueTime: '14:30:00',
  dueDate: '2026-03-30',
  vendorName: 'Papeterie Martin',
  vendorAddress: '4 avenue Foch, 69006 Lyon',
  customerName: 'Acme SARL',
  customerEmail: 'billing@acme.example',
  customerAddressLine1: '12 rue de la Paix',
  customerAddressLine2: '75002 Paris',
  customerId: 'CUST-0007',
  customerCategory: 'B2B',
  currency: 'EUR',
  subtotal: 1042.1,
  taxAmount: 208.42,
  taxRate: 20,
  total: 1250.52,
  documentType: 'invoice',
  vendorVatId: 'FR40303265045',
  customerVatId: 'FR83404833048',
  iban: 'FR1420041010050500013M02606',
  orderNumber: 'PO-7781',
  amountDue: 1250.52,
  taxLines: [{ rate: 20, base: 1042.1, amount: 208.42 }],
  deliveryDate: null,
  prepaidAmount: null,
  paymentTerms: null,
  vendorRegistrationId: null,
  vendorEmail: null,
  customerRegistrationId: null,
  buyerReference: null,
  einvoice: null,
};

export const EXAMPLE_INVOICE = {
  ...document,
  invoice: {
    ...invoiceFields,
    language: 'fr',
    issues: [],
    fieldEvidence: {
      invoiceNumber: { confidence: 0.97, wordIndexes: [1], source: 'ocr' },
      total: { confidence: 0.99, wordIndexes: [57], source: 'ocr' },
    },
    reviewThreshold: 0.91,
    lineItems: [{ description: 'Consulting, February', quantity: 5, unitPrice: 208.42, amount: 1042.1 }],
    corrections: [],
    originalExtraction: null,
    reviewAcceptance: null,
    reviewRejection: null,
    ocr: {
      text: 'FACTURE INV-2026-0042 …',
      meanConfidence: 91.4,
      durationMs: 3120,
      engineVersion: 'tesseract.js 7.0.0',
      qrPayload: 'CUST:CUST-0007;CAT:B2B',
      words: [{ text: 'FACTURE', confidence: 96.2, bbox: { x0: 40, y0: 32, x1: 210, y1: 70 }, page: 1 }],
    },
  },
};

export const EXAMPLE_INVOICE_SUMMARY = {
  ...document,
  invoiceNumber: invoiceFields.invoiceNumber,
  issueDate: invoiceFields.issueDate,
  customerName: invoiceFields.customerName,
  total: invoiceFields.total,
  currency: invoiceFields.currency,
  documentType: invoiceFields.documentType,
};

export const EXAMPLE_RUN = {
  id: EXAMPLE_IDS.runId,
  status: 'succeeded',
  trigger: 'schedule',
  referenceDate: '2026-03-01',
  currency: 'EUR',
  customers: 120,
  invoices: 1480,
  k: 4,
  silhouette: 0.47,
  inertia: 61.2,
  structure: 'clear',
  criteria: [
    { k: 3, inertia: 88.4, silhouette: 0.41, daviesBouldin: 0.86, calinskiHarabasz: 140.2, stability: 0.97, rank: 2 },
    { k: 4, inertia: 61.2, silhouette: 0.47, daviesBouldin: 0.71, calinskiHarabasz: 171.5, stability: 0.99, rank: 1 },
  ],
  durationMs: 850,
  error: null,
  startedAt: '2026-03-01T02:00:00.000Z',
  finishedAt: '2026-03-01T02:00:00.850Z',
};

export const EXAMPLE_CUSTOMER = {
  customerKey: 'id:CUST-0007',
  customerName: 'Acme SARL',
  customerCategory: 'B2B',
  recencyDays: 3,
  frequency: 14,
  monetary: 15230.4,
  r: 5,
  f: 4,
  m: 5,
  segment: 'Champions',
  rfmSegment: 'Champions',
};

export const EXAMPLE_BATCH = {
  batchId: EXAMPLE_IDS.batchId,
  createdAt: '2026-03-02T09:14:05.120Z',
  createdBy: EXAMPLE_IDS.userId,
  startedAt: '2026-03-02T09:14:05.410Z',
  completedAt: null,
  total: 120,
  duplicates: 2,
  counts: { queued: 70, processing: 2, done: 45, needs_review: 2, failed: 1, rejected: 0 },
  progress: 40,
  failed: [
    { documentId: EXAMPLE_IDS.documentId, jobId: EXAMPLE_IDS.jobId, filename: 'scan-0007.png', error: 'The image cannot be decoded' },
  ],
  rejected: [
    {
      filename: 'notes.txt',
      code: 'UNSUPPORTED_TYPE' as const,
      reason:
        'Unsupported file: content of an unknown type. Accepted types are PNG, JPEG, TIFF, WebP, PDF and e-invoice XML (CII: ZUGFeRD, Factur-X, XRechnung; UBL: Peppol BIS 3, XRechnung).',
    },
  ],
};
