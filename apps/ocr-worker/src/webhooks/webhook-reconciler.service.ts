import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QUEUES } from '@invoice/contracts';
import { failPendingWebhookDelivery, pendingWebhookDeliveries } from '@invoice/database';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker.config.js';
import { reconcileWithQueue, runPeriodically, type ReconcileReport } from '../reconcile/queue-reconcile.js';
import { WebhookDispatchService } from './webhook-dispatch.service.js';

// Arbitrary but fixed, and not the documents reconciler's: one webhook reconciler at a time.
const WEBHOOK_RECONCILE_LOCK_KEY = 7412003;

/**
 * Like the documents' ReconcilerService, for deliveries: Postgres records every delivery; a pending
 * one whose job Redis no longer holds (lost, or never queued) is queued again under its own id.
 */
@Injectable()
export class WebhookReconcilerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhookReconcilerService.name);
  private periodic: { stop: () => Promise<void> } | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.WEBHOOKS) private readonly queue: Queue,
    private readonly dispatch: WebhookDispatchService,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.periodic = runPeriodically(
      () => this.reconcile({ graceMs: this.config.RECONCILE_GRACE_MS }),
      this.config.RECONCILE_INTERVAL_MS,
      this.logger,
      'webhook deliveries',
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.periodic?.stop();
  }

  private async requeue(row: { id: string; organizationId: string }): Promise<void> {
    const { name, data, opts } = this.dispatch.job(row.id, row.organizationId);
    await this.queue.add(name, data, opts);
  }

  async reconcile({ graceMs }: { graceMs: number }): Promise<ReconcileReport> {
    return this.dataSource.transaction((manager) =>
      reconcileWithQueue(manager, this.queue, {
        lockKey: WEBHOOK_RECONCILE_LOCK_KEY,
        pending: (m, after, limit) => pendingWebhookDeliveries(m, graceMs, after, limit),
        jobId: (row) => row.id,
        requeue: (row) => this.requeue(row),
        markFailed: (m, row, reason) => failPendingWebhookDelivery(m, row.id, reason),
      }),
    );
  }
}
