import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { RedisClient } from '@invoice/monitoring';
import { QUEUES, segmentationCounterKey, segmentationRunJob } from '@invoice/contracts';
import { hasSegmentedCustomers } from '@invoice/database';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker.config.js';

/**
 * Counts accepted invoices per organization; past the threshold, asks for a segmentation run,
 * debounced: each further invoice pushes the run back, so a batch triggers one run once it is over.
 * An organization that has never had customers segmented asks from its first accepted invoice, so
 * a new organization sees its segments after its first batch rather than after the hourly schedule
 * or SEGMENTATION_TRIGGER_INVOICES invoices.
 */
@Injectable()
export class SegmentationTriggerService {
  private readonly logger = new Logger(SegmentationTriggerService.name);
  /** Organizations known to have segmented customers (a run never disappears, so this is never stale). */
  private readonly segmented = new Set<string>();

  constructor(
    @InjectQueue(QUEUES.SEGMENTATION) private readonly queue: Queue,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    private readonly client: RedisClient,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async invoiceAccepted(organizationId: string): Promise<boolean> {
    try {
      const count = await this.client.redis.incr(segmentationCounterKey(this.config.QUEUE_PREFIX, organizationId));
      if (count < this.config.SEGMENTATION_TRIGGER_INVOICES && (await this.hasSegments(organizationId))) return false;
      const { name, data, opts } = segmentationRunJob({
        trigger: 'invoices',
        organizationId,
        debounceMs: this.config.SEGMENTATION_DEBOUNCE_MS,
      });
      await this.queue.add(name, data, opts);
      return true;
    } catch (error) {
      // Never fail an invoice for this: the hourly schedule recomputes the segments anyway.
      this.logger.warn({ organizationId, error: (error as Error).message }, 'segmentation trigger not recorded');
      return false;
    }
  }

  private async hasSegments(organizationId: string): Promise<boolean> {
    if (this.segmented.has(organizationId)) return true;
    const segmented = await hasSegmentedCustomers(this.dataSource, organizationId);
    if (segmented) this.segmented.add(organizationId);
    return segmented;
  }
}
