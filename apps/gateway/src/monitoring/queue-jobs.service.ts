import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import {
  DomainError,
  QUEUE_JOB_STATES,
  QUEUES,
  type FailedJob,
  type FailedJobsResponse,
  type MonitoredQueue,
  type QueueJobState,
} from '@invoice/contracts';

/** Failed jobs scanned per listing: the list shows the organization's own among the newest of them. */
const SCAN = 500;

const belongsTo = (job: Job | undefined, organizationId: string): job is Job =>
  !!job &&
  typeof job.data === 'object' &&
  job.data !== null &&
  (job.data as { organizationId?: unknown }).organizationId === organizationId;

export const toFailedJob = (job: Job): FailedJob => ({
  id: job.id!,
  name: job.name,
  error: job.failedReason ?? '',
  attemptsMade: job.attemptsMade,
  createdAt: new Date(job.timestamp).toISOString(),
  failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
});

/**
 * Job counts of every queue by state, and the failed jobs an admin may read, retry and remove: only
 * jobs whose payload names the admin's organization (another organization's job is 404).
 */
@Injectable()
export class QueueJobsService {
  private readonly queues: Record<MonitoredQueue, Queue>;

  constructor(
    @InjectQueue(QUEUES.OCR) ocr: Queue,
    @InjectQueue(QUEUES.SEGMENTATION) segmentation: Queue,
    @InjectQueue(QUEUES.WEBHOOKS) webhooks: Queue,
  ) {
    this.queues = { [QUEUES.OCR]: ocr, [QUEUES.SEGMENTATION]: segmentation, [QUEUES.WEBHOOKS]: webhooks };
  }

  /** Every queue with every state, zeros included. */
  async counts(): Promise<Record<MonitoredQueue, Record<QueueJobState, number>>> {
    const entries = await Promise.all(
      Object.entries(this.queues).map(async ([name, queue]) => {
        const counts = await queue.getJobCounts(...QUEUE_JOB_STATES);
        return [name, Object.fromEntries(QUEUE_JOB_STATES.map((state) => [state, counts[state] ?? 0]))] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<MonitoredQueue, Record<QueueJobState, number>>;
  }

  async failed(organizationId: string, queue: MonitoredQueue, limit: number): Promise<FailedJobsResponse> {
    const jobs = await this.queues[queue].getFailed(0, SCAN - 1);
    const items = jobs
      .filter((job) => belongsTo(job, organizationId))
      .sort((a, b) => (b.finishedOn ?? 0) - (a.finishedOn ?? 0))
      .slice(0, limit)
      .map(toFailedJob);
    return { queue, items };
  }

  /** Puts a failed job back in the queue; 409 when the job is not failed. */
  async retry(organizationId: string, queue: MonitoredQueue, jobId: string): Promise<void> {
    const job = await this.find(organizationId, queue, jobId);
    const state = await job.getState();
    if (state !== 'failed') throw new DomainError('CONFLICT', `Job ${jobId} is ${state}, only a failed job can be retried`);
    await job.retry('failed');
  }

  /** Removes a job that is not running; 409 while it is active. */
  async remove(organizationId: string, queue: MonitoredQueue, jobId: string): Promise<void> {
    const job = await this.find(organizationId, queue, jobId);
    const state = await job.getState();
    if (state === 'active') throw new DomainError('CONFLICT', `Job ${jobId} is running and cannot be removed`);
    await job.remove();
  }

  private async find(organizationId: string, queue: MonitoredQueue, jobId: string): Promise<Job> {
    const job = await this.queues[queue].getJob(jobId);
    if (!belongsTo(job, organizationId)) throw new DomainError('NOT_FOUND', `Job ${jobId} not found in queue ${queue}`);
    return job;
  }
}
