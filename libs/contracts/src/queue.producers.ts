import {
  JOBS,
  OcrJobPayloadSchema,
  SEGMENTATION_SCHEDULER_ID,
  SegmentationJobPayloadSchema,
  WebhookDeliveryJobPayloadSchema,
  type OcrJobPayload,
  type OcrOptions,
  type SegmentationJobPayload,
  type WebhookDeliveryJobPayload,
} from './queues.js';

/**
 * The one producer of each queue: every job of the platform is built here, with its name, its
 * payload parsed by the queue's schema and its options, and the callers only hand it to BullMQ
 * (`queue.add(job.name, job.data, job.opts)` or `queue.addBulk(jobs)`). OCR jobs come from the
 * gateway (upload, reprocess) and the worker's reconciler; segmentation runs from the gateway
 * (manual), the OCR worker (invoice count) and the schedule; webhook deliveries from the OCR worker
 * (final status) and its reconciler.
 */
export interface QueueJob<Data, Options> {
  name: string;
  data: Data;
  opts: Options;
}

/** Completed jobs kept a day (at most 10,000), failed ones a week: long enough to look at. */
const RETENTION = { removeOnComplete: { age: 24 * 3600, count: 10_000 }, removeOnFail: { age: 7 * 24 * 3600 } } as const;

/** Retry policy of OCR jobs: 3 attempts, exponential backoff from 2 s. */
export const OCR_JOB_OPTIONS = { attempts: 3, backoff: { type: 'exponential', delay: 2_000 }, ...RETENTION } as const;

/**
 * An OCR job, under the document's job id (`documents.job_id`), so queueing it twice is harmless and
 * the reconciler finds it. `priority` is the fair-queueing place (`ocrJobPriority`); a job without one
 * goes to BullMQ's wait list, ahead of every prioritized job.
 */
export function ocrJob(job: {
  documentId: string;
  organizationId: string;
  jobId: string;
  requestId?: string | null;
  ocrOptions?: OcrOptions | null;
  priority?: number;
}) {
  const data = OcrJobPayloadSchema.parse({
    documentId: job.documentId,
    organizationId: job.organizationId,
    ...(job.requestId && { requestId: job.requestId }),
    ...(job.ocrOptions && { ocrOptions: job.ocrOptions }),
  });
  const opts = { ...OCR_JOB_OPTIONS, jobId: job.jobId, ...(job.priority !== undefined && { priority: job.priority }) };
  return { name: JOBS.OCR_DOCUMENT, data, opts } satisfies QueueJob<OcrJobPayload, typeof opts>;
}

/** Retry policy of segmentation runs, whatever asked for them: 2 attempts, 30 s apart; the last 100 kept. */
export const SEGMENTATION_JOB_OPTIONS = {
  attempts: 2,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: 100,
  removeOnFail: 100,
} as const;

/**
 * A segmentation run for one organization. `manual` (POST /api/segments/recompute): a run already
 * waiting for the organization is reused. `invoices` (the OCR worker's count): debounced, each
 * further request pushes the run back by `debounceMs`, so a batch asks for one run once it is over.
 */
export function segmentationRunJob(
  request: { trigger: 'manual'; organizationId: string } | { trigger: 'invoices'; organizationId: string; debounceMs: number },
) {
  const data = SegmentationJobPayloadSchema.parse({ organizationId: request.organizationId, trigger: request.trigger });
  const opts =
    request.trigger === 'manual'
      ? { ...SEGMENTATION_JOB_OPTIONS, deduplication: { id: `manual:${request.organizationId}` } }
      : {
          ...SEGMENTATION_JOB_OPTIONS,
          delay: request.debounceMs,
          deduplication: { id: `invoices:${request.organizationId}`, ttl: Math.max(request.debounceMs, 1), extend: true, replace: true },
        };
  return { name: JOBS.SEGMENTATION_RUN, data, opts } satisfies QueueJob<SegmentationJobPayload, typeof opts>;
}

/**
 * The segmentation schedule of every organization, as a BullMQ job scheduler: one record in Redis
 * under a fixed id, so any number of replicas upserting it still produce one run per tick.
 */
export function segmentationSchedule(cron: string) {
  const data: SegmentationJobPayload = SegmentationJobPayloadSchema.parse({ trigger: 'schedule' });
  return {
    id: SEGMENTATION_SCHEDULER_ID,
    repeat: { pattern: cron, tz: 'UTC' },
    template: { name: JOBS.SEGMENTATION_RUN, data, opts: SEGMENTATION_JOB_OPTIONS },
  };
}

/** Retry policy of webhook deliveries: `attempts` (WEBHOOK_ATTEMPTS), exponential from `backoffMs` (WEBHOOK_BACKOFF_MS). */
export const webhookJobOptions = (attempts: number, backoffMs: number) =>
  ({ attempts, backoff: { type: 'exponential', delay: backoffMs }, ...RETENTION }) as const;

/** A webhook delivery's job, under the delivery's id (so queueing it twice is harmless). */
export function webhookDeliveryJob(
  delivery: { deliveryId: string; organizationId: string },
  retry: { attempts: number; backoffMs: number },
) {
  const data = WebhookDeliveryJobPayloadSchema.parse({ deliveryId: delivery.deliveryId, organizationId: delivery.organizationId });
  const opts = { ...webhookJobOptions(retry.attempts, retry.backoffMs), jobId: delivery.deliveryId };
  return { name: JOBS.WEBHOOK_DELIVERY, data, opts } satisfies QueueJob<WebhookDeliveryJobPayload, typeof opts>;
}
