import { describe, expect, it } from '@jest/globals';
import {
  createHttpMetrics,
  createRegistry,
  createSegmentationMetrics,
  createWorkerMetrics,
  recordExtractionIssues,
  registerCollectedGauge,
} from './metrics.registry.js';

describe('metrics registry', () => {
  it('labels every series with the service and prefixes every name', async () => {
    const registry = createRegistry('gateway');
    const http = createHttpMetrics(registry);
    http.duration.observe({ method: 'GET', route: '/api/jobs/:jobId', status_code: '200' }, 0.012);
    const text = await registry.metrics();
    expect(text).toContain('invoice_ocr_process_cpu_seconds_total{service="gateway"}');
    expect(text).toMatch(
      /invoice_ocr_http_request_duration_seconds_bucket\{le="0.025",service="gateway",method="GET",route="\/api\/jobs\/:jobId",status_code="200"\} 1/,
    );
    const names = (await registry.getMetricsAsJSON()).map((m) => m.name);
    expect(names.every((name) => name.startsWith('invoice_ocr_'))).toBe(true);
  });

  it('follows the Prometheus naming rules: counters end in _total, durations in _seconds', async () => {
    const registry = createRegistry('ocr-worker');
    createHttpMetrics(registry);
    createWorkerMetrics(registry);
    createSegmentationMetrics(registry);
    for (const metric of await registry.getMetricsAsJSON()) {
      if (String(metric.type) === 'counter') expect(metric.name).toMatch(/_total$/);
      if (/duration|wait|timestamp/.test(metric.name)) expect(metric.name).toMatch(/_seconds$/);
    }
  });

  it('counts missing fields and failed checks by name', async () => {
    const registry = createRegistry('ocr-worker');
    const metrics = createWorkerMetrics(registry);
    recordExtractionIssues(metrics, ['missing:total', 'missing:total', 'total_mismatch', 'qr_text_mismatch:invoiceNumber']);
    const text = await registry.metrics();
    expect(text).toContain('invoice_ocr_extraction_fields_missing_total{field="total",service="ocr-worker"} 2');
    expect(text).toContain('invoice_ocr_extraction_checks_failed_total{check="total_mismatch",service="ocr-worker"} 1');
    expect(text).toContain('invoice_ocr_extraction_checks_failed_total{check="qr_text_mismatch",service="ocr-worker"} 1');
  });

  it('computes collected gauges at scrape time', async () => {
    const registry = createRegistry('ocr-worker');
    let busy = 1;
    registerCollectedGauge(registry, 'tesseract_workers', 'Tesseract workers by state', ['state'], () => [
      { labels: { state: 'busy' }, value: busy },
      { labels: { state: 'idle' }, value: 2 - busy },
    ]);
    expect(await registry.metrics()).toContain('invoice_ocr_tesseract_workers{state="busy",service="ocr-worker"} 1');
    busy = 2;
    expect(await registry.metrics()).toContain('invoice_ocr_tesseract_workers{state="idle",service="ocr-worker"} 0');
  });
});
