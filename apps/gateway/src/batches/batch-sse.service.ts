import { Inject, Injectable, type MessageEvent } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { filter, finalize, Observable, ReplaySubject } from 'rxjs';
import { DataSource } from 'typeorm';
import type { BatchSummary, JobStatusEvent } from '@invoice/contracts';
import { batchDocumentIds } from '@invoice/database';
import { BatchesService } from './batches.service.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';
import { batchSseStream } from './batch-sse.stream.js';
import { JobStatusFeedService } from '../events/job-status-feed.service.js';

/** At most one re-read of a batch's counts per stream in this interval, however many of its jobs change. */
const BATCH_REREAD_MS = 500;

const summary = ({ failed: _failed, rejected: _rejected, ...batch }: Awaited<ReturnType<BatchesService['getBatch']>>): BatchSummary =>
  batch;

/** `GET /api/batches/:batchId/events`: subscribe first, then read Postgres, so no change falls in between. */
@Injectable()
export class BatchSseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly batches: BatchesService,
    private readonly events: JobStatusFeedService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Throws NOT_FOUND (a JSON 404, before any event is sent) for another organization's batch or an unknown one. */
  async open(organizationId: string, batchId: string, signal?: AbortSignal): Promise<Observable<MessageEvent>> {
    const buffer = new ReplaySubject<JobStatusEvent>();
    const subscription = this.events.forOrganization(organizationId).subscribe(buffer);
    signal?.addEventListener('abort', () => subscription.unsubscribe(), { once: true });
    try {
      const snapshot = summary(await this.batches.getBatch(organizationId, batchId));
      // Documents, not jobs: a duplicate of an earlier upload belongs to the batch too, and a reprocessed document changes its job id.
      const documentIds = new Set(await batchDocumentIds(this.dataSource, organizationId, batchId));
      return batchSseStream({
        snapshot,
        live$: buffer.pipe(filter((event) => documentIds.has(event.documentId))),
        reread: async () => summary(await this.batches.getBatch(organizationId, batchId)),
        heartbeatMs: this.config.SSE_HEARTBEAT_MS,
        throttleMs: BATCH_REREAD_MS,
      }).pipe(finalize(() => subscription.unsubscribe()));
    } catch (error) {
      subscription.unsubscribe();
      throw error;
    }
  }
}
