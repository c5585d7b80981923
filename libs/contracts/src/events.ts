import { z } from 'zod';
import { DOCUMENT_STATUSES, type DocumentStatus } from './enums.js';

/*
 * Job status events: every status or progress change of a document, from the process that made it
 * (the OCR worker; the gateway for `queued` at upload) to every gateway replica.
 *
 * Transport: BullMQ custom events. Producers publish with a `QueueEventsProducer` on the pseudo-queue
 * `EVENT_CHANNELS.JOB_STATUS` (no job is ever added to it), i.e. an XADD to the Redis stream
 * `<QUEUE_PREFIX>:job-events:events`, trimmed to about `JOB_EVENTS_MAX_LEN` entries. Each gateway
 * process reads that stream with one `QueueEvents` (a blocking XREAD resumed from its last id), so
 * every replica sees every event, in order, and a short Redis disconnect loses nothing.
 * BullMQ's own events of the `ocr` queue are not enough: they carry neither the organization nor
 * the document, and a retry's error is not in them.
 */
export const EVENT_CHANNELS = {
  JOB_STATUS: 'job-events',
} as const;

/** The BullMQ event name of a job status event on `EVENT_CHANNELS.JOB_STATUS`. */
export const JOB_STATUS_EVENT = 'job-status';

/** Approximate length the events stream is trimmed to (XADD MAXLEN ~). */
export const JOB_EVENTS_MAX_LEN = 10_000;

/** Statuses after which a document does not change any more (until a person corrects it). */
export const FINAL_STATUSES = ['done', 'needs_review', 'failed'] as const satisfies readonly DocumentStatus[];
export type FinalStatus = (typeof FINAL_STATUSES)[number];
export const isFinalStatus = (status: DocumentStatus): status is FinalStatus => (FINAL_STATUSES as readonly string[]).includes(status);

export const JobStatusEventSchema = z.object({
  jobId: z.string().min(1).max(128),
  documentId: z.uuid(),
  organizationId: z.uuid(),
  status: z.enum(DOCUMENT_STATUSES),
  /** 0..100 */
  progress: z.number().int().min(0).max(100),
  error: z.string().nullable(),
  /** When the change happened (ISO 8601, the producer's clock). */
  at: z.iso.datetime(),
});
export type JobStatusEvent = z.infer<typeof JobStatusEventSchema>;

/** What an SSE client receives: the event without the organization (the token already says which). */
export type JobStatusStreamEvent = Omit<JobStatusEvent, 'organizationId'>;

/** The fields of the stream entry: the event as JSON under `payload` (stream values are strings). */
export const toJobEventFields = (event: JobStatusEvent) => ({
  eventName: JOB_STATUS_EVENT,
  jobId: event.jobId,
  payload: JSON.stringify(event),
});

/** Parses a stream entry back into an event; null when it is not a valid job status event. */
export function parseJobEventFields(fields: { payload?: unknown }): JobStatusEvent | null {
  if (typeof fields.payload !== 'string') return null;
  try {
    const parsed = JobStatusEventSchema.safeParse(JSON.parse(fields.payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
