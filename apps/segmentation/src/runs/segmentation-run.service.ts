import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { segmentationCounterKey, type SegmentationJobPayload } from '@invoice/contracts';
import {
  aggregateCustomerRfm,
  dominantCurrency,
  failInterruptedRuns,
  finishRun,
  organizationsWithInvoices,
  saveRunResults,
  startRun,
  type CustomerRfmRow,
  type CustomerSegmentRow,
  type SegmentRow,
} from '@invoice/database';
import { RedisClient, type SegmentationMetrics } from '@invoice/monitoring';
import { segmentCustomers, type SegmentationResult } from '@invoice/segmentation';
import { SEGMENTATION_CONFIG, type SegmentationConfig } from '../config/segmentation.config.js';
import { SEGMENTATION_METRICS } from '../monitoring/metrics.providers.js';

export interface RunOutcome {
  runId: string;
  organizationId: string;
  status: 'succeeded' | 'failed';
  customers: number;
  k: number | null;
  /** Milliseconds spent aggregating in Postgres, clustering in process, and storing the results (succeeded runs). */
  stages?: { aggregateMs: number; clusterMs: number; storeMs: number };
}

export type RunStage = 'aggregate' | 'cluster' | 'store';

/** Called at the end of each stage of a run, synchronously (a benchmark reads the process's memory there). */
export type StageObserver = (stage: RunStage) => void;

/**
 * Every customer's figures and segments, made one at a time as the COPY reads them (result.customers
 * is in the order of the aggregated rows), so a run never holds a third copy of its customers.
 */
function* customerRows(rows: readonly CustomerRfmRow[], segmented: SegmentationResult['customers']): Generator<CustomerSegmentRow> {
  for (const [i, row] of rows.entries()) {
    const c = segmented[i];
    if (c === undefined) throw new Error(`segmentation run: no segment for customer ${row.customerKey}`);
    yield { ...row, rScore: c.r, fScore: c.f, mScore: c.m, cluster: c.cluster, segment: c.segment, rfmSegment: c.rfmSegment };
  }
}

const todayUtc = () => new Date().toISOString().slice(0, 10);

/** One segmentation run: RFM aggregated in Postgres, clustered in process, stored as a run with its history. */
@Injectable()
export class SegmentationRunService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SegmentationRunService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SEGMENTATION_CONFIG) private readonly config: SegmentationConfig,
    @Inject(SEGMENTATION_METRICS) private readonly metrics: SegmentationMetrics,
    private readonly client: RedisClient,
  ) {}

  /** A run left `running` by a process that was killed mid-run is closed as failed (older than an hour). */
  async onApplicationBootstrap(): Promise<void> {
    await failInterruptedRuns(this.dataSource);
  }

  /**
   * Runs for one organization (a failure is thrown, so the job is retried), or for every
   * organization with invoices (the schedule: one organization's failure, recorded on its run,
   * does not stop the others).
   */
  async handle(payload: SegmentationJobPayload): Promise<RunOutcome[]> {
    const referenceDate = payload.referenceDate ?? todayUtc();
    if (payload.organizationId) return [await this.run(payload.organizationId, payload.trigger, referenceDate)];
    const outcomes: RunOutcome[] = [];
    for (const organizationId of await organizationsWithInvoices(this.dataSource)) {
      outcomes.push(
        await this.run(organizationId, payload.trigger, referenceDate).catch((): RunOutcome => ({
          runId: '',
          organizationId,
          status: 'failed',
          customers: 0,
          k: null,
        })),
      );
    }
    return outcomes;
  }

  async run(
    organizationId: string,
    trigger: SegmentationJobPayload['trigger'],
    referenceDate: string,
    observe?: StageObserver,
  ): Promise<RunOutcome> {
    const runId = randomUUID();
    const started = performance.now();
    await startRun(this.dataSource, { id: runId, organizationId, trigger, referenceDate });
    // Invoices accepted from now on count towards the next invoice-triggered run.
    await this.client.redis.del(segmentationCounterKey(this.config.QUEUE_PREFIX, organizationId)).catch(() => undefined);
    try {
      const currency = await dominantCurrency(this.dataSource, organizationId);
      const rows = currency ? await aggregateCustomerRfm(this.dataSource, organizationId, referenceDate, currency) : [];
      const aggregated = performance.now();
      observe?.('aggregate');
      const seeds = Array.from({ length: this.config.SEGMENTATION_SEEDS }, (_, i) => i + 1);
      const result = segmentCustomers(rows, { minK: this.config.SEGMENTATION_MIN_K, maxK: this.config.SEGMENTATION_MAX_K, seeds });
      const clustered = performance.now();
      observe?.('cluster');
      const { k, silhouette, inertia, structure } = result;
      const criteria = result.scores.map(
        ({ k: kTried, inertia: kInertia, silhouette: kSilhouette, daviesBouldin, calinskiHarabasz, stability, rank }) => ({
          k: kTried,
          inertia: kInertia,
          silhouette: kSilhouette,
          daviesBouldin,
          calinskiHarabasz: calinskiHarabasz !== null && Number.isFinite(calinskiHarabasz) ? calinskiHarabasz : null,
          stability,
          rank,
        }),
      );
      const segments: SegmentRow[] = result.segments.map((s) => ({
        cluster: s.cluster,
        label: s.label,
        size: s.size,
        revenueShare: s.revenueShare,
        centroid: s.centroid,
      }));
      const invoices = rows.reduce((sum, row) => sum + row.frequency, 0);
      const customers = result.customers.length;
      const durationMs = Math.round(performance.now() - started);
      await this.dataSource.transaction(async (manager) => {
        await saveRunResults(manager, runId, organizationId, segments, customerRows(rows, result.customers));
        await finishRun(manager, runId, {
          status: 'succeeded',
          currency,
          customers,
          invoices,
          k,
          silhouette,
          inertia,
          structure,
          criteria,
          durationMs,
        });
      });
      observe?.('store');
      const stages = {
        aggregateMs: Math.round(aggregated - started),
        clusterMs: Math.round(clustered - aggregated),
        storeMs: Math.round(performance.now() - clustered),
      };
      this.metrics.runs.inc({ status: 'succeeded' });
      this.metrics.runDuration.observe(durationMs / 1000);
      this.metrics.customers.set(customers);
      this.metrics.clusters.set(k);
      if (silhouette !== null) this.metrics.silhouette.set(silhouette);
      this.metrics.lastSuccess.set(Date.now() / 1000);
      this.logger.log(
        { runId, organizationId, customers, invoices, k, silhouette, structure, durationMs, ...stages },
        'segmentation run succeeded',
      );
      return { runId, organizationId, status: 'succeeded', customers, k, stages };
    } catch (error) {
      const durationMs = Math.round(performance.now() - started);
      await finishRun(this.dataSource, runId, { status: 'failed', durationMs, error: (error as Error).message });
      this.metrics.runs.inc({ status: 'failed' });
      this.logger.error({ runId, organizationId, error: (error as Error).message }, 'segmentation run failed');
      throw error;
    }
  }
}
