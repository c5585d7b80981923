import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { QueueBase, QueueEvents, QueueEventsProducer, type QueueEventsListener } from 'bullmq';
import { filter, Observable, Subject } from 'rxjs';
import { redisConnectionFromUrl } from '@invoice/config';
import {
  EVENT_CHANNELS,
  JOB_EVENTS_MAX_LEN,
  JOB_STATUS_EVENT,
  parseJobEventFields,
  toJobEventFields,
  type JobStatusEvent,
} from '@invoice/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';

const PUBLISH_TIMEOUT_MS = 1000;

/** BullMQ's typing of a custom event (the entry's fields but `event`). */
interface JobStatusListener extends QueueEventsListener {
  [JOB_STATUS_EVENT]: (fields: { payload?: string }, id: string) => void;
}

/**
 * The gateway's one subscription to job status events (BullMQ custom events on
 * `EVENT_CHANNELS.JOB_STATUS`, see libs/contracts/src/events.ts): one blocking reader per process,
 * whatever the number of open streams, shared as an RxJS Observable. Routes filter it by
 * organization and by job ids (a job's stream, a batch's stream).
 */
@Injectable()
export class JobStatusFeedService implements OnApplicationShutdown {
  private readonly logger = new Logger(JobStatusFeedService.name);
  private readonly subject = new Subject<JobStatusEvent>();
  private readonly reader: QueueEvents;
  private readonly producer: QueueEventsProducer;
  private readerConnected = false;

  /** Every job status event of every organization, as this process receives them. */
  readonly events$: Observable<JobStatusEvent> = this.subject.asObservable();

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    const connection = redisConnectionFromUrl(config.REDIS_URL);
    // Reads from the stream's end at start ('$'), then from the last id it read, also across reconnections.
    this.reader = new QueueEvents(EVENT_CHANNELS.JOB_STATUS, { connection, prefix: config.QUEUE_PREFIX });
    this.reader.on('error', (error: Error) => this.logger.warn(`Job events reader: ${error.message}`));
    this.reader.waitUntilReady().then(
      () => (this.readerConnected = true),
      () => undefined,
    );
    this.reader.on<JobStatusListener>(JOB_STATUS_EVENT, (fields: { payload?: string }) => {
      const event = parseJobEventFields(fields);
      if (event) this.subject.next(event);
      else this.logger.warn('Ignored a malformed job status event');
    });
    this.producer = new QueueEventsProducer(EVENT_CHANNELS.JOB_STATUS, {
      connection: { ...connection, enableOfflineQueue: false },
      prefix: config.QUEUE_PREFIX,
    });
    this.producer.on('error', (error: Error) => this.logger.warn(`Job events producer: ${error.message}`));
  }

  /** Events of one organization, optionally only those of the given jobs. */
  forOrganization(organizationId: string, jobIds?: ReadonlySet<string>): Observable<JobStatusEvent> {
    return this.events$.pipe(filter((event) => event.organizationId === organizationId && (!jobIds || jobIds.has(event.jobId))));
  }

  /** Publishes events of changes the gateway makes (`queued` at upload). Never throws: Postgres holds the status anyway. */
  async publish(events: Omit<JobStatusEvent, 'at'>[]): Promise<void> {
    if (!events.length) return;
    const at = new Date().toISOString();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.all(events.map((event) => this.producer.publishEvent(toJobEventFields({ ...event, at }), JOB_EVENTS_MAX_LEN))),
        new Promise(
          (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${PUBLISH_TIMEOUT_MS} ms`)), PUBLISH_TIMEOUT_MS)),
        ),
      ]);
    } catch (error) {
      this.logger.warn(`${events.length} job status event(s) not published: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves once the reader is connected and waiting for events (tests, readiness). */
  async waitUntilReady(): Promise<void> {
    await this.reader.waitUntilReady();
  }

  async onApplicationShutdown(): Promise<void> {
    this.subject.complete();
    // QueueEvents.close() first waits for its connection, forever while Redis was never reached:
    // then the base close, which drops a connection still being opened.
    const closeReader = this.readerConnected ? this.reader.close() : QueueBase.prototype.close.call(this.reader);
    await Promise.all([closeReader, this.producer.close()]);
  }
}
