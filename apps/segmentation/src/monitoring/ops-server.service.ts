import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { QUEUES } from '@invoice/contracts';
import { startOpsServer, type OpsServer } from '@invoice/monitoring';
import { SEGMENTATION_CONFIG, type SegmentationConfig } from '../config/segmentation.config.js';
import { METRICS_REGISTRY } from './metrics.providers.js';

/** Health checks and Prometheus metrics on the service's own port; no other HTTP. */
@Injectable()
export class OpsServerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OpsServerService.name);
  private server: OpsServer | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.SEGMENTATION) private readonly queue: Queue,
    @Inject(SEGMENTATION_CONFIG) private readonly config: SegmentationConfig,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
  ) {}

  get port(): number {
    return this.server?.port ?? this.config.PORT;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.server = await startOpsServer({
      port: this.config.PORT,
      registry: this.registry,
      readiness: { postgres: () => this.dataSource.query('SELECT 1'), redis: () => this.queue.getWaitingCount() },
    });
    this.logger.log(`Health and metrics on port ${this.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}
