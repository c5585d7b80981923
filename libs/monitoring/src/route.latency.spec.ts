import { describe, expect, it } from '@jest/globals';
import { createHttpMetrics, createRegistry } from './metrics.registry.js';
import { summarizeRoutes, type MetricSample } from './route.latency.js';

describe('summarizeRoutes', () => {
  it('merges status codes of a route and computes its percentiles in milliseconds', async () => {
    const registry = createRegistry('gateway');
    const http = createHttpMetrics(registry);
    const route = { method: 'GET', route: '/api/jobs/:jobId' };
    for (let i = 0; i < 8; i++) http.duration.observe({ ...route, status_code: '200' }, 0.004);
    http.duration.observe({ ...route, status_code: '404' }, 0.04);
    http.duration.observe({ ...route, status_code: '500' }, 0.2);
    http.duration.observe({ method: 'POST', route: '/api/invoices', status_code: '202' }, 0.3);

    const [metric] = (await registry.getMetricsAsJSON()).filter((m) => m.name === 'invoice_ocr_http_request_duration_seconds');
    const summary = summarizeRoutes(metric!.values as MetricSample[]);
    expect(summary[0]).toEqual({ method: 'GET', route: '/api/jobs/:jobId', requests: 10, errors: 1, p50Ms: 3.1, p95Ms: 175, p99Ms: 235 });
    expect(summary[1]).toMatchObject({ method: 'POST', route: '/api/invoices', requests: 1, errors: 0 });
  });
});
