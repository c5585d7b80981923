import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { RedisClient } from '@invoice/monitoring';
import { QUEUES, segmentationCounterKey, segmentationRunJob } from '@invoice/contracts';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker.config.js';

/**
 * Counts accepted invoices per organization; past the threshold, asks for a segmentation run,
 * debounced: each further invoice pushes the run back, so a batch triggers one run once it is over.
 */
@Injectable()
export class SegmentationTriggerService {
  private readonly logger = new Logger(SegmentationTriggerService.name);

  constructor(
    @InjectQueue(QUEUES.SEGMENTATION) private readonly queue: Queue,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    private readonly client: RedisClient,
  ) {}

  async invoiceAccepted(organizationId: string): Promise<boolean> {
    try {
      const count = await this.client.redis.incr(segmentationCounterKey(this.config.QUEUE_PREFIX, organizationId));
      if (count < this.config.SEGMENTATION_TRIGGER_INVOICES) return false;
      const { name, data, opts } = segmentationRunJob({ trigger: 'invoices', organizationId, debounceMs: this.config.SEGMENTATION_DEBOUNCE_MS });
      await this.queue.add(name, data, opts);
      return true;
    } catch (error) {
      // Never fail an invoice for this: the hourly schedule recomputes the segments anyway.
      this.logger.warn({ organizationId, error: (error as Error).message }, 'segmentation trigger not recorded');
      return false;
    }
  }
}
