import { z } from 'zod';
import { QUEUES } from './queues.js';

/** The queues the monitoring page shows, and the job states it counts for each. */
export const MONITORED_QUEUES = [QUEUES.OCR, QUEUES.SEGMENTATION, QUEUES.WEBHOOKS] as const;
export type MonitoredQueue = (typeof MONITORED_QUEUES)[number];
/** `prioritized` holds the jobs waiting with a priority (every OCR job has one): a backlog lives there. */
export const QUEUE_JOB_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'] as const;
export type QueueJobState = (typeof QUEUE_JOB_STATES)[number];

export const QueueNameParamSchema = z.enum(MONITORED_QUEUES, { error: `queue must be one of ${MONITORED_QUEUES.join(', ')}` });
/** BullMQ job ids of this platform: UUIDs and short keys such as `manual-<uuid>`. */
export const QueueJobIdParamSchema = z.string().regex(/^[A-Za-z0-9:_-]{1,200}$/, 'jobId must be 1 to 200 letters, digits, ":", "_" or "-"');

/** `GET /api/monitoring/queues/:queue/failed`: the newest failed jobs first. */
export const FailedJobsQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) });
export type FailedJobsQuery = z.infer<typeof FailedJobsQuerySchema>;

export interface FailedJob {
  id: string;
  name: string;
  /** The error the last attempt failed with. */
  error: string;
  attemptsMade: number;
  createdAt: string;
  failedAt: string | null;
}

export interface FailedJobsResponse {
  queue: MonitoredQueue;
  items: FailedJob[];
}
