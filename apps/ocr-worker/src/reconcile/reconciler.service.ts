import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ocrJob, ocrJobPriority, QUEUES } from '@invoice/contracts';
import { pendingDocuments, type PendingDocumentRow } from '@invoice/database';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker.config.js';
import { DocumentLifecycle, type FinalTransition } from '../lifecycle/document-lifecycle.service.js';
import { reconcileWithQueue, runPeriodically, type ReconcileReport } from './queue-reconcile.js';

export type { ReconcileReport } from './queue-reconcile.js';

// Arbitrary but fixed key: one reconciler at a time across every worker process.
const RECONCILE_LOCK_KEY = 7412002;

/**
 * Postgres is the record of what must be processed; Redis (which may keep nothing on disk) only
 * carries the work. At start and then periodically, every document that Postgres has as queued or
 * processing but whose job Redis no longer holds is queued again under the same job id.
 */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReconcilerService.name);
  private periodic: { stop: () => Promise<void> } | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.OCR) private readonly queue: Queue,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    private readonly lifecycle: DocumentLifecycle,
  ) {}

  onApplicationBootstrap(): void {
    this.periodic = runPeriodically(
      () => this.reconcile({ graceMs: this.config.RECONCILE_GRACE_MS }),
      this.config.RECONCILE_INTERVAL_MS,
      this.logger,
      'documents',
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.periodic?.stop();
  }

  /**
   * Queues a document's job again under its own job id, with the payload the gateway would have
   * sent and the fair-queueing priority of its place in its organization's backlog.
   */
  private async requeue(row: PendingDocumentRow): Promise<void> {
    const { name, data, opts } = ocrJob({
      documentId: row.id,
      organizationId: row.organizationId,
      jobId: row.jobId,
      requestId: row.requestId,
      priority: ocrJobPriority(row.position - 1),
    });
    await this.queue.add(name, data, opts);
  }

  async reconcile({ graceMs }: { graceMs: number }): Promise<ReconcileReport> {
    const failures: FinalTransition[] = [];
    const report = await this.dataSource.transaction((manager) =>
      reconcileWithQueue(manager, this.queue, {
        lockKey: RECONCILE_LOCK_KEY,
        pending: (m, after, limit) => pendingDocuments(m, graceMs, after, limit),
        jobId: (row) => row.jobId,
        requeue: (row) => this.requeue(row),
        markFailed: async (m, row, reason) => {
          const failed = await this.lifecycle.failInTransaction(m, row.id, reason);
          if (failed) failures.push(failed);
        },
      }),
    );
    // After the commit: tell the gateways, and queue the webhook deliveries.
    for (const failed of failures) await this.lifecycle.announce(failed);
    return report;
  }
}
