import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';
import {
  DOCUMENT_STATUSES,
  EInvoiceSourceSchema,
  FieldEvidenceSchema,
  INVOICE_FIELD_NAMES,
  LineItemSchema,
  REVIEW_REJECTIONS,
  ROLES,
  TaxLineSchema,
  type BatchListResponse,
  type BatchResponse,
  type AnalyticsOverviewResponse,
  type CustomerListResponse,
  type CustomerResponse,
  type InvoiceListResponse,
  type MonitoringSummary,
  type SegmentsResponse,
  type InvoiceResponse,
  type JobStatusResponse,
  type TokenResponse,
  type UploadResponse,
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_EVENT_TYPES,
  type CreatedWebhookResponse,
  type WebhookDeliveryListResponse,
  type WebhookEndpointResponse,
} from '@invoice/contracts';
import type { PublicUser } from '../users/users.service.js';
import { openApiSchema } from './zod-openapi.js';

/*
 * Answers of the gateway, for the OpenAPI document only (answers are not validated at run time).
 * Typed against the TypeScript interfaces the services return, so they cannot drift silently.
 */

const status = z.enum(DOCUMENT_STATUSES);
const uuid = z.string().meta({ format: 'uuid' });
const dateTime = z.string().meta({ format: 'date-time' });

export const ErrorResponseSchema = z.object({
  statusCode: z.number().int(),
  code: z.string().meta({ description: 'Stable error code, e.g. VALIDATION_FAILED, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT' }),
  message: z.string(),
  details: z
    .unknown()
    .optional()
    .meta({ description: 'Extra facts, e.g. the rejected files of an upload or the failing readiness checks' }),
  correlationId: z
    .string()
    .optional()
    .meta({ description: 'On 5xx answers: the id to look for in the logs (also the x-request-id header)' }),
});

export const TokenResponseSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().meta({ description: 'Seconds' }),
}) satisfies z.ZodType<TokenResponse>;

export const PublicUserSchema = z.object({
  id: uuid,
  organizationId: uuid,
  username: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
}) satisfies z.ZodType<PublicUser>;

const rejectedFile = z.object({
  filename: z.string(),
  code: z.enum(['EMPTY_FILE', 'UNSUPPORTED_TYPE', 'FILE_TOO_LARGE']),
  reason: z.string(),
});

export const UploadResponseSchema = z.object({
  batchId: uuid.meta({ description: 'The batch this request created: GET /api/batches/{batchId}' }),
  jobs: z.array(z.object({ jobId: z.string(), documentId: uuid, filename: z.string(), status, duplicate: z.boolean() })),
  rejected: z.array(rejectedFile),
}) satisfies z.ZodType<UploadResponse>;

const batchSummaryFields = {
  batchId: uuid,
  createdAt: dateTime,
  createdBy: uuid.nullable().meta({ description: 'The uploading user; null if deleted' }),
  startedAt: dateTime.nullable().meta({ description: 'When the first of its documents started processing; null while all are queued' }),
  completedAt: dateTime
    .nullable()
    .meta({ description: 'When the last of its documents reached a final status; null while any is pending' }),
  total: z
    .number()
    .int()
    .meta({ description: 'Accepted files, duplicates included (a duplicate counts with the status of the earlier document)' }),
  duplicates: z.number().int(),
  counts: z.object({
    queued: z.number().int(),
    processing: z.number().int(),
    done: z.number().int(),
    needs_review: z.number().int(),
    failed: z.number().int(),
    rejected: z.number().int(),
  }),
  progress: z
    .number()
    .int()
    .min(0)
    .max(100)
    .meta({ description: 'Share of accepted files in a final status (done, needs_review, failed, rejected), percent' }),
};

export const BatchResponseSchema = z.object({
  ...batchSummaryFields,
  failed: z
    .array(z.object({ documentId: uuid, jobId: z.string(), filename: z.string(), error: z.string().nullable() }))
    .meta({ description: 'Failed files with their error, in upload order (at most 1000; counts.failed is the full number)' }),
  rejected: z.array(rejectedFile).meta({ description: 'Files refused at upload, with the reason' }),
}) satisfies z.ZodType<BatchResponse>;

export const BatchListResponseSchema = z.object({
  items: z.array(z.object(batchSummaryFields)),
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
}) satisfies z.ZodType<BatchListResponse>;

export const JobStatusResponseSchema = z.object({
  jobId: z.string(),
  documentId: uuid,
  status,
  progress: z.number().min(0).max(100),
  error: z.string().nullable(),
}) satisfies z.ZodType<JobStatusResponse>;

const documentFields = {
  documentId: uuid,
  jobId: z.string(),
  status,
  error: z.string().nullable(),
  filename: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  createdAt: dateTime,
  updatedAt: dateTime,
  completedAt: dateTime.nullable(),
  pageCount: z.number().int().nullable(),
};

const nullableString = z.string().nullable();

export const InvoiceResponseSchema = z.object({
  ...documentFields,
  invoice: z
    .object({
      invoiceNumber: nullableString,
      issueDate: nullableString,
      issueTime: nullableString,
      dueDate: nullableString,
      vendorName: nullableString,
      vendorAddress: nullableString,
      customerName: nullableString,
      customerEmail: nullableString,
      customerAddressLine1: nullableString,
      customerAddressLine2: nullableString,
      customerId: nullableString,
      customerCategory: nullableString,
      currency: nullableString,
      subtotal: z.number().nullable(),
      taxAmount: z.number().nullable(),
      taxRate: z.number().nullable(),
      total: z.number().nullable(),
      documentType: nullableString.meta({
        description: '`invoice`, `credit_note`, `receipt` or another lower-case code; null when nothing tells',
      }),
      vendorVatId: nullableString.meta({ description: "The issuer's EU VAT id, upper case without blanks" }),
      customerVatId: nullableString.meta({ description: "The customer's EU VAT id" }),
      iban: nullableString.meta({ description: "The issuer's IBAN (mod-97 valid), without blanks" }),
      orderNumber: nullableString.meta({ description: 'Purchase order / order number' }),
      amountDue: z.number().nullable().meta({ description: 'What is left to pay; a credit note keeps its printed sign' }),
      taxLines: z.array(TaxLineSchema).meta({ description: 'The tax summary, one line per rate' }),
      deliveryDate: nullableString.meta({ description: 'ISO date of the delivery (e-invoices)' }),
      prepaidAmount: z.number().nullable().meta({ description: 'Already paid (e-invoices): total - prepaid = amount due' }),
      paymentTerms: nullableString.meta({ description: 'Payment terms as written (e-invoices)' }),
      vendorRegistrationId: nullableString.meta({ description: "The issuer's legal registration id, else its tax number (e-invoices)" }),
      vendorEmail: nullableString,
      customerRegistrationId: nullableString,
      buyerReference: nullableString.meta({ description: "The buyer's reference (e-invoices: the Leitweg-ID of XRechnung)" }),
      einvoice: EInvoiceSourceSchema.nullable().meta({
        description:
          'Set when the data came from a structured e-invoice (its fields have source einvoice, confidence 1); the XML is at GET /api/invoices/{documentId}/einvoice',
      }),
      language: nullableString,
      issues: z.array(z.string()),
      fieldEvidence: z.partialRecord(z.enum(INVOICE_FIELD_NAMES), FieldEvidenceSchema),
      reviewThreshold: z.number().min(0).max(1),
      lineItems: z.array(LineItemSchema),
      corrections: z.array(
        z.object({
          id: uuid,
          username: z.string(),
          changedAt: dateTime,
          changes: z
            .record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }) as z.ZodType<{ from: unknown; to: unknown }>)
            .meta({
              description:
                'Fields and line items changed, and the review outcome (`status`, `reviewAcceptance`, `reviewRejection`) when it changed',
            }),
          undoOf: uuid.nullable().meta({ description: 'The save this record undid; null for a save' }),
        }),
      ),
      originalExtraction: z.record(z.string(), z.unknown()).nullable(),
      reviewAcceptance: z
        .object({ userId: z.string(), username: z.string(), acceptedAt: dateTime, reason: z.string(), issues: z.array(z.string()) })
        .nullable(),
      reviewRejection: z
        .object({
          outcome: z.enum(REVIEW_REJECTIONS),
          reason: z.string().nullable(),
          userId: z.string(),
          username: z.string(),
          rejectedAt: dateTime,
        })
        .nullable()
        .meta({ description: 'Who rejected it or marked it as not an invoice, when and why; null unless the status is `rejected`' }),
      ocr: z.object({
        text: z.string(),
        meanConfidence: z.number(),
        durationMs: z.number(),
        engineVersion: z.string(),
        qrPayload: nullableString,
        words: z.array(
          z.object({
            text: z.string(),
            confidence: z.number(),
            bbox: z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() }),
            page: z.number().int(),
          }),
        ),
      }),
    })
    .nullable()
    .meta({ description: 'null until the OCR has run' }),
}) satisfies z.ZodType<InvoiceResponse>;

export const InvoiceListResponseSchema = z.object({
  items: z.array(
    z.object({
      ...documentFields,
      invoiceNumber: nullableString,
      issueDate: nullableString,
      customerName: nullableString,
      total: z.number().nullable(),
      currency: nullableString,
      documentType: nullableString,
    }),
  ),
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
}) satisfies z.ZodType<InvoiceListResponse>;

export const JobIdResponseSchema = z.object({ jobId: z.string() });

const RunSchema = z.object({
  id: uuid,
  status: z.enum(['running', 'succeeded', 'failed']),
  trigger: z.enum(['schedule', 'manual', 'invoices']),
  referenceDate: z.string(),
  currency: nullableString,
  customers: z.number().int(),
  invoices: z.number().int(),
  k: z.number().int().nullable(),
  silhouette: z.number().nullable(),
  inertia: z.number().nullable(),
  structure: z.enum(['clear', 'weak', 'none']).nullable(),
  criteria: z.array(
    z.object({
      k: z.number().int(),
      inertia: z.number(),
      silhouette: z.number().nullable(),
      daviesBouldin: z.number().nullable(),
      calinskiHarabasz: z.number().nullable(),
      stability: z.number().nullable(),
      rank: z.number(),
    }),
  ),
  durationMs: z.number().nullable(),
  error: nullableString,
  startedAt: dateTime,
  finishedAt: dateTime.nullable(),
});

export const SegmentsResponseSchema = z.object({
  run: RunSchema.nullable(),
  segments: z.array(
    z.object({
      cluster: z.number().int(),
      label: z.string(),
      size: z.number().int(),
      revenueShare: z.number(),
      centroid: z.object({ recencyDays: z.number(), frequency: z.number(), monetary: z.number() }),
    }),
  ),
  rfmSegments: z.array(
    z.object({
      name: z.string(),
      size: z.number().int(),
      revenueShare: z.number(),
      mean: z.object({ recencyDays: z.number(), frequency: z.number(), monetary: z.number() }),
    }),
  ),
  movements: z.object({
    since: dateTime.nullable(),
    changes: z.array(z.object({ from: nullableString, to: nullableString, customers: z.number().int() })),
  }),
  categories: z.array(z.object({ segment: z.string(), category: nullableString, customers: z.number().int() })),
}) satisfies z.ZodType<SegmentsResponse>;

export const RunsResponseSchema = z.array(RunSchema);

const CustomerSchema = z.object({
  customerKey: z.string(),
  customerName: nullableString,
  customerCategory: nullableString,
  recencyDays: z.number(),
  frequency: z.number(),
  monetary: z.number(),
  r: z.number().int().min(1).max(5),
  f: z.number().int().min(1).max(5),
  m: z.number().int().min(1).max(5),
  segment: z.string(),
  rfmSegment: nullableString,
});

export const CustomerListResponseSchema = z.object({
  runId: uuid.nullable(),
  items: z.array(CustomerSchema),
  nextCursor: nullableString,
}) satisfies z.ZodType<CustomerListResponse>;

export const CustomerResponseSchema = z.object({
  customer: CustomerSchema.nullable(),
  runId: uuid.nullable(),
  invoices: z.array(
    z.object({
      documentId: uuid,
      status,
      invoiceNumber: nullableString,
      issueDate: nullableString,
      total: z.number().nullable(),
      currency: nullableString,
    }),
  ),
}) satisfies z.ZodType<CustomerResponse>;

const platformOnly = { description: 'Whole-platform figures: null unless the caller is a platform operator (scope "platform")' };

export const MonitoringSummarySchema = z.object({
  scope: z
    .enum(['organization', 'platform'])
    .meta({ description: "platform for a platform operator; otherwise organization (the caller's organization's figures only)" }),
  generatedAt: dateTime,
  windowMinutes: z.number().int(),
  throughput: z.object({
    perMinute: z.array(z.object({ minute: dateTime, done: z.number(), needsReview: z.number(), failed: z.number() })),
    invoicesPerMinute: z.number(),
  }),
  ocrLatencyMs: z.object({ p50: z.number().nullable(), p95: z.number().nullable(), p99: z.number().nullable(), samples: z.number().int() }),
  errorRate: z.number().nullable(),
  reviewRate: z.number().nullable(),
  queues: z.record(z.string(), z.record(z.string(), z.number())).nullable().meta(platformOnly),
  workers: z
    .object({
      alive: z.number().int(),
      concurrency: z.number().int(),
      busy: z.number().int(),
      list: z.array(
        z.object({
          workerId: z.string(),
          hostname: z.string(),
          pid: z.number().int(),
          startedAt: dateTime,
          lastSeen: dateTime,
          concurrency: z.number().int(),
          busy: z.number().int(),
          idle: z.number().int(),
          processed: z.number().int(),
          failed: z.number().int(),
        }),
      ),
    })
    .nullable()
    .meta(platformOnly),
  api: z
    .object({
      instance: z.string(),
      routes: z.array(
        z.object({
          method: z.string(),
          route: z.string(),
          requests: z.number(),
          errors: z.number(),
          p50Ms: z.number().nullable(),
          p95Ms: z.number().nullable(),
          p99Ms: z.number().nullable(),
        }),
      ),
    })
    .nullable()
    .meta(platformOnly),
  segmentation: z.object({ lastRun: RunSchema.nullable() }),
}) satisfies z.ZodType<MonitoringSummary>;

export const AnalyticsOverviewResponseSchema = z.object({
  currency: nullableString.meta({ description: 'Main currency of the organization; revenue counts done invoices in it only' }),
  from: nullableString,
  to: nullableString,
  totals: z
    .object({
      revenue: z.number(),
      invoices: z.number().int(),
      averageInvoice: z.number().nullable().meta({ description: 'Revenue divided by the invoices it sums; null when it sums none' }),
      customers: z.number().int().meta({ description: 'Distinct customers of the invoices the revenue sums' }),
    })
    .meta({
      description: 'The range added up: revenue (done invoices in the main currency), invoices (every status), average invoice, customers',
    }),
  months: z.array(
    z.object({ month: z.string().meta({ description: 'YYYY-MM of the issue date' }), revenue: z.number(), invoices: z.number().int() }),
  ),
  topCustomers: z.array(
    z.object({ customerKey: z.string(), customerName: nullableString, revenue: z.number(), invoices: z.number().int() }),
  ),
}) satisfies z.ZodType<AnalyticsOverviewResponse>;

export const WebhookEndpointResponseSchema = z.object({
  id: uuid,
  url: z.string().meta({ format: 'uri' }),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  createdAt: dateTime,
}) satisfies z.ZodType<WebhookEndpointResponse>;

export const CreatedWebhookResponseSchema = WebhookEndpointResponseSchema.extend({
  secret: z.string().meta({ description: 'Standard Webhooks signing secret (whsec_...): shown only in this answer' }),
}) satisfies z.ZodType<CreatedWebhookResponse>;

export const WebhookDeliveryListResponseSchema = z.object({
  items: z.array(
    z.object({
      id: uuid.meta({ description: 'Also the event id: the `id` of the body and the webhook-id header' }),
      endpointId: uuid,
      eventType: z.enum(WEBHOOK_EVENT_TYPES),
      documentId: uuid,
      status: z
        .enum(WEBHOOK_DELIVERY_STATUSES)
        .meta({ description: 'pending (queued or waiting for a retry), succeeded (a 2xx answer), failed (every attempt failed)' }),
      attempts: z.number().int(),
      responseCode: z.number().int().nullable().meta({ description: 'HTTP status of the last attempt; null when there was no answer' }),
      lastError: nullableString,
      createdAt: dateTime,
      updatedAt: dateTime,
      lastAttemptAt: dateTime.nullable(),
      deliveredAt: dateTime.nullable(),
    }),
  ),
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
}) satisfies z.ZodType<WebhookDeliveryListResponse>;

export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  checks: z.record(z.string(), z.string()).optional().meta({ description: '`up` or `down: <reason>` per dependency' }),
});

const ERRORS = {
  400: {
    description: 'Invalid request (the message names the offending field)',
    code: 'VALIDATION_FAILED',
    message: 'password: password is required',
  },
  401: {
    description: 'Missing, invalid or expired bearer token',
    code: 'UNAUTHENTICATED',
    message: 'Missing bearer token: send "Authorization: Bearer <access_token>"',
  },
  403: {
    description: 'The role of the token may not do this',
    code: 'FORBIDDEN',
    message: 'This action needs one of the roles: admin (you are viewer)',
  },
  404: { description: 'Not found in the organization of the token', code: 'NOT_FOUND', message: 'Not found' },
  409: {
    description: 'Conflict with the current state (for an upload: a request with the same Idempotency-Key is still in progress)',
    code: 'CONFLICT',
    message: 'Conflict',
  },
  413: {
    description: 'A file is larger than MAX_UPLOAD_BYTES',
    code: 'PAYLOAD_TOO_LARGE',
    message: 'A file is larger than the limit of 10485760 bytes (MAX_UPLOAD_BYTES)',
  },
  422: {
    description: 'The Idempotency-Key was already used with a different request (other files)',
    code: 'IDEMPOTENCY_KEY_REUSED',
    message: 'This Idempotency-Key was already used for a different request (other files): use a new key for a new upload',
  },
  415: {
    description: 'No file of a supported type (details.rejected gives the reason per file)',
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'No acceptable file',
  },
  429: {
    description: 'Too many attempts: wait for the Retry-After header (seconds)',
    code: 'TOO_MANY_REQUESTS',
    message: 'Too many failed logins: try again in 8 s',
  },
  503: {
    description: 'A dependency (PostgreSQL, Redis) is down (details.checks says which)',
    code: 'DEPENDENCY_UNAVAILABLE',
    message: 'Not ready: a dependency is down',
  },
} satisfies Record<number, { description: string; code: string; message: string }>;

/** Error answers, all with the one error shape `{ statusCode, code, message, details?, correlationId? }`; 500 is always listed. */
export function ApiErrors(...statuses: (keyof typeof ERRORS)[]): MethodDecorator & ClassDecorator {
  const schema = openApiSchema(ErrorResponseSchema, 'output');
  const responses = statuses.map((statusCode) => {
    const { description, code, message } = ERRORS[statusCode];
    return ApiResponse({
      status: statusCode,
      description,
      content: { 'application/json': { schema, example: { statusCode, code, message } } },
    });
  });
  const internal = ApiResponse({
    status: 500,
    description: 'Unexpected failure: no internals, a correlation id to find it in the logs',
    content: {
      'application/json': {
        schema,
        example: { statusCode: 500, code: 'INTERNAL', message: 'Internal server error', correlationId: 'b8e0c7d2-…' },
      },
    },
  });
  return applyDecorators(...responses, internal);
}

export const FailedJobsResponseSchema = z.object({
  queue: z.enum(['ocr', 'segmentation', 'webhooks']),
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      error: z.string(),
      attemptsMade: z.number().int(),
      createdAt: dateTime,
      failedAt: dateTime.nullable(),
    }),
  ),
});
