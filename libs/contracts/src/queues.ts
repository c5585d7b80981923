import { z } from 'zod';

/** BullMQ queue names. Producer (gateway) and consumer (ocr-worker) import these; never spell them twice. */
export const QUEUES = {
  OCR: 'ocr',
} as const;

export const JOBS = {
  OCR_DOCUMENT: 'ocr-document',
} as const;

/** What an OCR job carries: ids only, never the file bytes (those stay in Postgres). */
export const OcrJobPayloadSchema = z.object({
  documentId: z.uuid(),
  organizationId: z.uuid(),
  /** The gateway request that created the job, so worker logs can be joined with the upload. */
  requestId: z.string().max(128).optional(),
});
export type OcrJobPayload = z.infer<typeof OcrJobPayloadSchema>;

/** Retry policy shared by the producer and the reconciler that re-queues lost jobs. */
export const OCR_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;
