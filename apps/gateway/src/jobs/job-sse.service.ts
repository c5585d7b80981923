import { Inject, Injectable, type MessageEvent } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { finalize, Observable, ReplaySubject } from 'rxjs';
import { DataSource } from 'typeorm';
import { DomainError, type JobStatusEvent } from '@invoice/contracts';
import { findDocumentByJobId } from '@invoice/database';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';
import { jobSseStream, type JobSnapshot } from './job-sse.stream.js';
import { JobStatusFeedService } from '../events/job-status-feed.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `GET /api/jobs/:jobId/events`: subscribe first, then read Postgres, so no change falls in between. */
@Injectable()
export class JobSseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: JobStatusFeedService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** The job's status in Postgres, scoped to the organization; null when it has no such job. */
  async snapshot(organizationId: string, jobId: string): Promise<JobSnapshot | null> {
    if (!UUID.test(jobId)) return null;
    const row = await findDocumentByJobId(this.dataSource, organizationId, jobId);
    return row
      ? {
          jobId: row.jobId,
          documentId: row.documentId,
          status: row.status,
          progress: row.progress,
          error: row.error,
          at: row.updatedAt.toISOString(),
        }
      : null;
  }

  /** Throws NOT_FOUND (a JSON 404, before any event is sent) for another organization's job or an unknown one. */
  async open(organizationId: string, jobId: string, signal?: AbortSignal): Promise<Observable<MessageEvent>> {
    const buffer = new ReplaySubject<JobStatusEvent>();
    const subscription = this.events.forOrganization(organizationId, new Set([jobId])).subscribe(buffer);
    // Nest aborts the signal when the request ends, also when the client left before the stream started.
    signal?.addEventListener('abort', () => subscription.unsubscribe(), { once: true });
    try {
      const snapshot = await this.snapshot(organizationId, jobId);
      if (!snapshot) throw new DomainError('NOT_FOUND', `Job ${jobId} not found`);
      return jobSseStream({
        snapshot,
        live$: buffer,
        recheck: () => this.snapshot(organizationId, jobId),
        heartbeatMs: this.config.SSE_HEARTBEAT_MS,
      }).pipe(finalize(() => subscription.unsubscribe()));
    } catch (error) {
      subscription.unsubscribe();
      throw error;
    }
  }
}
