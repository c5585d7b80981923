import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JOBS, QUEUES, SEGMENTATION_SCHEDULER_ID, type SegmentationJobPayload } from '@invoice/contracts';
import { SEGMENTATION_CONFIG, type SegmentationConfig } from '../config/segmentation.config.js';

/**
 * The schedule only enqueues. A BullMQ job scheduler is one record in Redis under a fixed id, so
 * any number of replicas upserting it still produce one run per tick.
 */
@Injectable()
export class ScheduleService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScheduleService.name);

  constructor(
    @InjectQueue(QUEUES.SEGMENTATION) private readonly queue: Queue,
    @Inject(SEGMENTATION_CONFIG) private readonly config: SegmentationConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const data: SegmentationJobPayload = { trigger: 'schedule' };
    await this.queue.upsertJobScheduler(
      SEGMENTATION_SCHEDULER_ID,
      { pattern: this.config.SEGMENTATION_CRON, tz: 'UTC' },
      { name: JOBS.SEGMENTATION_RUN, data, opts: { attempts: 2, backoff: { type: 'exponential', delay: 30_000 }, removeOnComplete: 100, removeOnFail: 100 } },
    );
    this.logger.log(`Segments recomputed on "${this.config.SEGMENTATION_CRON}" (UTC)`);
  }
}
