import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { QueueEventsProducer } from 'bullmq';
import { redisConnectionFromUrl } from '@invoice/config';
import { EVENT_CHANNELS, JOB_EVENTS_MAX_LEN, toJobEventFields, type DocumentStatus, type JobStatusEvent } from '@invoice/contracts';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker.config.js';

/** The most a status change waits for its event to be written: Postgres holds the truth, events only tell. */
const PUBLISH_TIMEOUT_MS = 1000;

export interface DocumentState {
  jobId: string;
  documentId: string;
  organizationId: string;
  status: DocumentStatus;
  progress: number;
  error: string | null;
}

/**
 * Publishes job status events (BullMQ custom events on `EVENT_CHANNELS.JOB_STATUS`, see
 * libs/contracts/src/events.ts) after each change the worker makes to a document. Awaited, so a
 * job's events keep their order, but bounded and never failing the job: a client that misses one
 * still gets the status from Postgres (the SSE route re-reads it at every heartbeat).
 */
@Injectable()
export class JobStatusPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger(JobStatusPublisher.name);
  private readonly producer: QueueEventsProducer;

  constructor(@Inject(WORKER_CONFIG) config: WorkerConfig) {
    // No offline queue: while Redis is away a publish fails at once instead of waiting.
    this.producer = new QueueEventsProducer(EVENT_CHANNELS.JOB_STATUS, {
      connection: { ...redisConnectionFromUrl(config.REDIS_URL), enableOfflineQueue: false },
      prefix: config.QUEUE_PREFIX,
    });
    this.producer.on('error', (error: Error) => this.logger.warn(`Job events connection: ${error.message}`));
  }

  async publish(state: DocumentState): Promise<void> {
    const event: JobStatusEvent = { ...state, at: new Date().toISOString() };
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.producer.publishEvent(toJobEventFields(event), JOB_EVENTS_MAX_LEN),
        new Promise(
          (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${PUBLISH_TIMEOUT_MS} ms`)), PUBLISH_TIMEOUT_MS)),
        ),
      ]);
    } catch (error) {
      this.logger.warn({ jobId: event.jobId, status: event.status, error: (error as Error).message }, 'job status event not published');
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.close();
  }
}
