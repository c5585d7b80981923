import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QUEUES } from '@invoice/contracts';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker.config.js';
import { WebhookDispatchService } from './webhook-dispatch.service.js';

export interface WebhookReconcileReport {
  checked: number;
  requeued: number;
  failed: number;
  skipped: boolean;
}

// Arbitrary but fixed, and not the documents reconciler's: one webhook reconciler at a time.
const WEBHOOK_RECONCILE_LOCK_KEY = 7412003;
const BATCH = 500;

/**
 * Like the documents' ReconcilerService, for deliveries: Postgres records every delivery; a pending
 * one whose job Redis no longer holds (lost, or never queued) is queued again under its own id.
 */
@Injectable()
export class WebhookReconcilerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhookReconcilerService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.WEBHOOKS) private readonly queue: Queue,
    private readonly dispatch: WebhookDispatchService,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      this.running ??= this.reconcile({ graceMs: this.config.RECONCILE_GRACE_MS })
        .then((report) => {
          if (report.requeued || report.failed) this.logger.warn(`Reconciled webhook deliveries: ${JSON.stringify(report)}`);
        })
        .catch((error: Error) => this.logger.error(`Webhook reconcile failed: ${error.message}`))
        .finally(() => (this.running = undefined));
    };
    tick();
    this.timer = setInterval(tick, this.config.RECONCILE_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async requeue(row: { id: string; organization_id: string }): Promise<void> {
    const { name, data, opts } = this.dispatch.job(row.id, row.organization_id);
    await this.queue.add(name, data, opts);
  }

  async reconcile({ graceMs }: { graceMs: number }): Promise<WebhookReconcileReport> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [WEBHOOK_RECONCILE_LOCK_KEY]);
      if (!locked) return { checked: 0, requeued: 0, failed: 0, skipped: true };
      const report: WebhookReconcileReport = { checked: 0, requeued: 0, failed: 0, skipped: false };
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const rows: { id: string; organization_id: string }[] = await manager.query(
          `SELECT id, organization_id FROM webhook_deliveries
            WHERE status = 'pending' AND updated_at < now() - make_interval(secs => $1::float / 1000) AND id > $2
            ORDER BY id LIMIT $3`,
          [graceMs, after, BATCH],
        );
        for (const row of rows) {
          report.checked++;
          const state = await this.queue.getJobState(row.id);
          if (state === 'unknown') {
            await this.requeue(row);
            report.requeued++;
          } else if (state === 'failed') {
            const job = await this.queue.getJob(row.id);
            await manager.query(
              `UPDATE webhook_deliveries SET status = 'failed', last_error = coalesce(last_error, $2), updated_at = now() WHERE id = $1 AND status = 'pending'`,
              [row.id, job?.failedReason ?? 'Job failed'],
            );
            report.failed++;
          } else if (state === 'completed') {
            // The job finished but the row was not updated (crash in between): send it again.
            await this.queue.remove(row.id);
            await this.requeue(row);
            report.requeued++;
          }
        }
        if (rows.length < BATCH) break;
        after = rows[rows.length - 1]!.id;
      }
      return report;
    });
  }
}
