import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { finishedPerMinute, listRuns, ocrLatency } from '@invoice/database';
import type { MonitoringSummary } from '@invoice/contracts';
import { readHeartbeats, RedisClient, summarizeRoutes, type MetricSample, type WorkerHeartbeat } from '@invoice/monitoring';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';
import { METRICS_REGISTRY } from './metrics.providers.js';
import { QueueJobsService } from './queue-jobs.service.js';

const WINDOW_MINUTES = 60;

@Injectable()
export class MonitoringService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queueJobs: QueueJobsService,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly client: RedisClient,
  ) {}

  /** The organization's figures; the whole platform's queues, workers and API traffic only when `platform` (a platform operator). */
  async summary(organizationId: string, platform: boolean): Promise<MonitoringSummary> {
    const [perMinute, latency, [lastRun], platformFigures] = await Promise.all([
      this.throughput(organizationId),
      this.ocrLatency(organizationId),
      listRuns(this.dataSource, organizationId, 1),
      platform ? this.platformFigures() : Promise.resolve({ queues: null, workers: null, api: null }),
    ]);
    const totals = perMinute.reduce(
      (sum, m) => ({ done: sum.done + m.done, needsReview: sum.needsReview + m.needsReview, failed: sum.failed + m.failed }),
      { done: 0, needsReview: 0, failed: 0 },
    );
    const finished = totals.done + totals.needsReview + totals.failed;
    const extracted = totals.done + totals.needsReview;
    return {
      scope: platform ? 'platform' : 'organization',
      generatedAt: new Date().toISOString(),
      windowMinutes: WINDOW_MINUTES,
      throughput: { perMinute, invoicesPerMinute: Math.round((finished / WINDOW_MINUTES) * 100) / 100 },
      ocrLatencyMs: latency,
      errorRate: finished ? totals.failed / finished : null,
      reviewRate: extracted ? totals.needsReview / extracted : null,
      ...platformFigures,
      segmentation: { lastRun: lastRun ?? null },
    };
  }

  /** Queue depths, worker hosts and per-route traffic: shared by every organization, so for platform operators only. */
  private async platformFigures(): Promise<Pick<MonitoringSummary, 'queues' | 'workers' | 'api'>> {
    const [counts, heartbeats, httpMetric] = await Promise.all([
      this.queueJobs.counts(),
      this.heartbeats(),
      this.registry.getSingleMetric('invoice_ocr_http_request_duration_seconds')?.get(),
    ]);
    return {
      queues: counts,
      workers: {
        alive: heartbeats.length,
        concurrency: heartbeats.reduce((sum, w) => sum + w.concurrency, 0),
        busy: heartbeats.reduce((sum, w) => sum + w.busy, 0),
        list: heartbeats,
      },
      api: { instance: `${process.pid}`, routes: summarizeRoutes((httpMetric?.values ?? []) as MetricSample[]) },
    };
  }

  private heartbeats(): Promise<WorkerHeartbeat[]> {
    return readHeartbeats(this.client.redis, this.config.QUEUE_PREFIX);
  }

  /** Invoices finished per minute over the window, zeros included (one indexed range scan). */
  private async throughput(organizationId: string) {
    const rows = await finishedPerMinute(this.dataSource, organizationId, WINDOW_MINUTES);
    return rows.map((r) => ({ minute: r.minute.toISOString(), done: r.done, needsReview: r.needsReview, failed: r.failed }));
  }

  /** OCR duration percentiles of the invoices stored in the window (kept in Postgres, so they survive restarts). */
  private async ocrLatency(organizationId: string) {
    const row = await ocrLatency(this.dataSource, organizationId, WINDOW_MINUTES);
    const round = (v: number | null) => (v === null ? null : Math.round(v));
    return { p50: round(row.p50), p95: round(row.p95), p99: round(row.p99), samples: row.samples };
  }
}
