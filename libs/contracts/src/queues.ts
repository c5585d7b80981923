import { z } from 'zod';

/** BullMQ queue names. Producer (gateway) and consumer (ocr-worker) import these; never spell them twice. */
export const QUEUES = {
  OCR: 'ocr',
  SEGMENTATION: 'segmentation',
  /** One job per webhook delivery (the OCR worker produces and consumes them). */
  WEBHOOKS: 'webhooks',
} as const;

export const JOBS = {
  OCR_DOCUMENT: 'ocr-document',
  SEGMENTATION_RUN: 'segmentation-run',
  WEBHOOK_DELIVERY: 'webhook-delivery',
} as const;

/**
 * Tesseract page segmentation modes that recognize text (0 and 2 only analyse layout; 1 and 12 need
 * the OSD model, which is not installed). 3 = automatic, 4 = single column of text of variable sizes,
 * 6 = single uniform block, 7 = single line, 11 = sparse text.
 */
export const OCR_PAGE_SEG_MODES = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13] as const;
export type PageSegMode = (typeof OCR_PAGE_SEG_MODES)[number];

/** Optional preprocessing steps (libs/ocr preprocess.steps.ts); each measured by `npm run eval:preprocess`. */
/** `adapt`: per-page choices from measurements of the page (dark scanner borders painted over, small print magnified more). */
export const PREPROCESS_STEPS = ['orientation', 'deskew', 'denoise', 'crop', 'contrast', 'adapt', 'rules'] as const;
export type PreprocessStep = (typeof PREPROCESS_STEPS)[number];

/** OCR settings for one job (a reprocess may ask for other ones); anything left out uses the worker's defaults. */
export const OcrOptionsSchema = z
  .object({
    /** Tesseract page segmentation mode (default 4: one column of text of variable sizes). */
    psm: z.literal(OCR_PAGE_SEG_MODES, { error: `psm must be one of ${OCR_PAGE_SEG_MODES.join(', ')}` }).optional(),
    /** Use a PDF page's text layer when it has one (default true); false OCRs every page. */
    textLayer: z.boolean().optional(),
    /** Preprocessing steps switched on (true) or off (false) for this job; the others keep the worker's defaults. */
    preprocessing: z.partialRecord(z.enum(PREPROCESS_STEPS), z.boolean()).optional(),
  })
  .strict();
export type OcrOptions = z.infer<typeof OcrOptionsSchema>;

/** What an OCR job carries: ids only, never the file bytes (those stay in Postgres). */
export const OcrJobPayloadSchema = z.object({
  documentId: z.uuid(),
  organizationId: z.uuid(),
  /** The gateway request that created the job, so worker logs can be joined with the upload. */
  requestId: z.string().max(128).optional(),
  /** Other OCR settings than the worker's defaults (a reprocess). */
  ocrOptions: OcrOptionsSchema.optional(),
});
export type OcrJobPayload = z.infer<typeof OcrJobPayloadSchema>;

/** BullMQ's largest priority (2^21); lower numbers run sooner. */
export const MAX_JOB_PRIORITY = 2_097_152;

/**
 * Fair queueing: an OCR job's BullMQ priority is its position among its organization's pending
 * documents (1 = the organization's next document). Organizations therefore interleave round-robin,
 * whatever the size of their backlog, and a single upload of an organization with nothing pending
 * gets priority 1 and overtakes every large batch. The gateway passes the organization's documents
 * already queued and the file's index in the request; the reconciler passes the document's rank
 * among the organization's pending documents (pendingBefore = rank - 1, index 0).
 */
export function ocrJobPriority(pendingBefore: number, index = 0): number {
  const position = Math.max(0, Math.floor(pendingBefore)) + Math.max(0, Math.floor(index)) + 1;
  return Math.min(position, MAX_JOB_PRIORITY);
}

export const SEGMENTATION_TRIGGERS = ['schedule', 'manual', 'invoices'] as const;

/** A segmentation run: for one organization, or for every organization (the schedule). */
export const SegmentationJobPayloadSchema = z.object({
  organizationId: z.uuid().optional(),
  trigger: z.enum(SEGMENTATION_TRIGGERS),
  /** ISO date the recency is measured from; today (UTC) by default. */
  referenceDate: z.iso.date().optional(),
});
export type SegmentationJobPayload = z.infer<typeof SegmentationJobPayloadSchema>;

/** The job scheduler's id: one schedule across any number of segmentation replicas. */
export const SEGMENTATION_SCHEDULER_ID = 'segmentation-recompute';

/** Redis counter of invoices accepted since the organization's last segmentation run (OCR worker increments, segmentation resets). */
export const segmentationCounterKey = (queuePrefix: string, organizationId: string) =>
  `${queuePrefix}:segmentation:since-last-run:${organizationId}`;

/** A webhook delivery job: the delivery row carries the endpoint, the event and its body. Job id = delivery id. */
export const WebhookDeliveryJobPayloadSchema = z.object({
  deliveryId: z.uuid(),
  organizationId: z.uuid(),
});
export type WebhookDeliveryJobPayload = z.infer<typeof WebhookDeliveryJobPayloadSchema>;
