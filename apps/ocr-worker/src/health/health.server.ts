import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { QUEUES } from '@invoice/contracts';
import { startOpsServer, type OpsServer } from '@invoice/monitoring';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker.config.js';
import { METRICS_REGISTRY } from '../monitoring/metrics.providers.js';

/** The worker serves no public API: only health checks and Prometheus metrics on its own port. */
@Injectable()
export class HealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HealthServer.name);
  private server: OpsServer | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.OCR) private readonly queue: Queue,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
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
