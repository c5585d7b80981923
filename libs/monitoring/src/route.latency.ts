import { histogramQuantile } from './histogram.quantile.js';

/** One sample of prom-client's JSON output (`registry.getMetricsAsJSON()`). */
export interface MetricSample {
  value: number;
  labels: Record<string, string | number>;
  metricName?: string;
}

export interface RouteLatency {
  method: string;
  route: string;
  requests: number;
  errors: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

/** Latency percentiles and counts per method and route template, from the HTTP duration histogram's samples. */
export function summarizeRoutes(samples: MetricSample[]): RouteLatency[] {
  const routes = new Map<string, { method: string; route: string; buckets: Map<number, number>; requests: number; errors: number }>();
  for (const sample of samples) {
    const method = String(sample.labels.method ?? '');
    const route = String(sample.labels.route ?? '');
    const key = `${method} ${route}`;
    const entry = routes.get(key) ?? { method, route, buckets: new Map(), requests: 0, errors: 0 };
    routes.set(key, entry);
    if (sample.metricName?.endsWith('_bucket')) {
      const le = sample.labels.le === '+Inf' ? Infinity : Number(sample.labels.le);
      entry.buckets.set(le, (entry.buckets.get(le) ?? 0) + sample.value);
    } else if (sample.metricName?.endsWith('_count')) {
      entry.requests += sample.value;
      if (Number(sample.labels.status_code) >= 500) entry.errors += sample.value;
    }
  }
  const ms = (seconds: number | null) => (seconds === null ? null : Math.round(seconds * 1000 * 10) / 10);
  return [...routes.values()]
    .map(({ method, route, buckets, requests, errors }) => {
      const cumulative = [...buckets.entries()].map(([le, count]) => ({ le, count }));
      return {
        method,
        route,
        requests,
        errors,
        p50Ms: ms(histogramQuantile(0.5, cumulative)),
        p95Ms: ms(histogramQuantile(0.95, cumulative)),
        p99Ms: ms(histogramQuantile(0.99, cumulative)),
      };
    })
    .sort((a, b) => b.requests - a.requests);
}
