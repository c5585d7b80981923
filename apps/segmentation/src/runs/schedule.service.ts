import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QUEUES, segmentationSchedule } from '@invoice/contracts';
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
    const schedule = segmentationSchedule(this.config.SEGMENTATION_CRON);
    await this.queue.upsertJobScheduler(schedule.id, schedule.repeat, schedule.template);
    this.logger.log(`Segments recomputed on "${this.config.SEGMENTATION_CRON}" (UTC)`);
  }
}
