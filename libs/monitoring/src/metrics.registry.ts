import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Every metric name starts with this, so the product's series are easy to find and never collide. */
export const METRIC_PREFIX = 'invoice_ocr_';

export type ServiceName = 'gateway' | 'ocr-worker' | 'segmentation';

/** A registry with the process metrics and a `service` label on every series. */
export function createRegistry(service: ServiceName): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  return registry;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const OCR_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64];
const WAIT_BUCKETS = [0.1, 0.5, 1, 5, 15, 30, 60, 300, 900, 3600];

/** HTTP metrics of the gateway. Routes are templates (`/api/jobs/:jobId`), never raw paths. */
export function createHttpMetrics(registry: Registry) {
  return {
    duration: new Histogram({
      name: `${METRIC_PREFIX}http_request_duration_seconds`,
      help: 'HTTP request duration by method, route template and status code',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    inFlight: new Gauge({
      name: `${METRIC_PREFIX}http_requests_in_flight`,
      help: 'HTTP requests being served',
      registers: [registry],
    }),
    errors: new Counter({
      name: `${METRIC_PREFIX}http_errors_total`,
      help: 'HTTP error answers by error code',
      labelNames: ['code', 'status_code'] as const,
      registers: [registry],
    }),
  };
}
export type HttpMetrics = ReturnType<typeof createHttpMetrics>;

export const OCR_STAGES = ['download', 'preprocess', 'ocr', 'extraction', 'save'] as const;
export type OcrStage = (typeof OCR_STAGES)[number];

/** Metrics of the OCR worker. */
export function createWorkerMetrics(registry: Registry) {
  return {
    stageDuration: new Histogram({
      name: `${METRIC_PREFIX}ocr_stage_duration_seconds`,
      help: 'Time per processing stage of an OCR job (download the bytes from Postgres, preprocess, OCR, extraction, save)',
      labelNames: ['stage'] as const,
      buckets: OCR_BUCKETS,
      registers: [registry],
    }),
    invoices: new Counter({
      name: `${METRIC_PREFIX}invoices_processed_total`,
      help: 'Invoices processed, by outcome (done, needs_review, failed)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    pages: new Counter({
      name: `${METRIC_PREFIX}pages_processed_total`,
      help: 'Pages OCRed, by outcome of their invoice',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    confidence: new Histogram({
      name: `${METRIC_PREFIX}ocr_confidence`,
      help: 'Mean OCR word confidence of a page (0-100)',
      buckets: [10, 20, 30, 40, 50, 60, 70, 80, 85, 90, 95, 100],
      registers: [registry],
    }),
    queueWait: new Histogram({
      name: `${METRIC_PREFIX}queue_wait_seconds`,
      help: 'Time from enqueue to the start of processing',
      buckets: WAIT_BUCKETS,
      registers: [registry],
    }),
    retries: new Counter({
      name: `${METRIC_PREFIX}job_retries_total`,
      help: 'OCR job attempts that failed and will be retried',
      registers: [registry],
    }),
    fieldsMissing: new Counter({
      name: `${METRIC_PREFIX}extraction_fields_missing_total`,
      help: 'Required fields the extraction could not find, by field',
      labelNames: ['field'] as const,
      registers: [registry],
    }),
    checksFailed: new Counter({
      name: `${METRIC_PREFIX}extraction_checks_failed_total`,
      help: 'Extraction checks that failed, by check',
      labelNames: ['check'] as const,
      registers: [registry],
    }),
  };
}
export type WorkerMetrics = ReturnType<typeof createWorkerMetrics>;

export const WEBHOOK_OUTCOMES = ['succeeded', 'retried', 'failed'] as const;
export type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];

/** Metrics of webhook deliveries (OCR worker). */
export function createWebhookMetrics(registry: Registry) {
  const deliveries = new Counter({
    name: `${METRIC_PREFIX}webhook_deliveries_total`,
    help: 'Webhook delivery attempts by outcome (succeeded; retried: failed, another attempt follows; failed: last attempt failed)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  // Every series exists from the start, so increase() sees the first failure of a process too.
  for (const outcome of WEBHOOK_OUTCOMES) deliveries.inc({ outcome }, 0);
  return { deliveries };
}
export type WebhookMetrics = ReturnType<typeof createWebhookMetrics>;

/** Gauges computed when scraped (cheap reads only), e.g. queue depths or the tesseract pool. */
export function registerCollectedGauge<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly L[],
  collect: () => Promise<{ labels: Record<L, string>; value: number }[]> | { labels: Record<L, string>; value: number }[],
): Gauge<L> {
  return new Gauge<L>({
    name: `${METRIC_PREFIX}${name}`,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { labels, value } of await collect()) this.set(labels, value);
    },
  });
}

/** Counts the issues an extraction reported, by kind: `missing:<field>` and named checks. */
export function recordExtractionIssues(metrics: WorkerMetrics, issues: readonly string[]): void {
  for (const issue of issues) {
    const [kind, detail] = issue.split(':', 2);
    if (kind === 'missing' && detail) metrics.fieldsMissing.inc({ field: detail });
    else metrics.checksFailed.inc({ check: kind ?? issue });
  }
}

/** `invoice_ocr_tesseract_workers{state}`: the OCR pool's busy and idle workers, read at scrape time. */
export function registerTesseractGauge(registry: Registry, stats: () => { busy: number; idle: number }) {
  return registerCollectedGauge(registry, 'tesseract_workers', 'Tesseract workers of this process, busy or idle', ['state'], () => {
    const { busy, idle } = stats();
    return [
      { labels: { state: 'busy' }, value: busy },
      { labels: { state: 'idle' }, value: idle },
    ];
  });
}

/** Metrics of the segmentation service. */
export function createSegmentationMetrics(registry: Registry) {
  const metrics = {
    runDuration: new Histogram({
      name: `${METRIC_PREFIX}segmentation_run_duration_seconds`,
      help: 'Duration of a segmentation run (aggregation, clustering, storage)',
      buckets: [0.1, 0.5, 1, 2, 5, 10, 20, 40, 80],
      registers: [registry],
    }),
    runs: new Counter({
      name: `${METRIC_PREFIX}segmentation_runs_total`,
      help: 'Segmentation runs by status (succeeded, failed)',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
    customers: new Gauge({
      name: `${METRIC_PREFIX}segmentation_customers`,
      help: 'Customers segmented by the last successful run',
      registers: [registry],
    }),
    clusters: new Gauge({
      name: `${METRIC_PREFIX}segmentation_clusters`,
      help: 'Number of clusters (k) chosen by the last successful run',
      registers: [registry],
    }),
    silhouette: new Gauge({
      name: `${METRIC_PREFIX}segmentation_silhouette`,
      help: 'Silhouette score of the last successful run',
      registers: [registry],
    }),
    lastSuccess: new Gauge({
      name: `${METRIC_PREFIX}segmentation_last_success_timestamp_seconds`,
      help: 'Unix time of the last successful segmentation run',
      registers: [registry],
    }),
  };
  // Both series exist from the start, so increase() sees the first failure of a process too.
  for (const status of ['succeeded', 'failed']) metrics.runs.inc({ status }, 0);
  return metrics;
}
export type SegmentationMetrics = ReturnType<typeof createSegmentationMetrics>;
