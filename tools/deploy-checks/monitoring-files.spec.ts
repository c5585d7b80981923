import path from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { gatewayEnvSchema, segmentationEnvSchema, workerEnvSchema } from '@invoice/config';
import { checkPromql, exportedSeries, parsePromql, type SeriesInfo } from './promql.js';
import { exists, readText, readYaml } from './repo-files.js';

interface PrometheusConfig {
  global?: Record<string, string>;
  rule_files: string[];
  scrape_configs: {
    job_name: string;
    metrics_path?: string;
    static_configs?: { targets: string[] }[];
    dns_sd_configs?: { names: string[]; type: string; port: number }[];
  }[];
}
interface RuleFile {
  groups: {
    name: string;
    rules: {
      alert?: string;
      record?: string;
      expr: string;
      for?: string;
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
    }[];
  }[];
}
interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { type: string; uid: string };
  targets?: { refId: string; expr: string; datasource?: { type: string; uid: string } }[];
}
interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
}

const prometheus = readYaml<PrometheusConfig>('monitoring/prometheus.yml');
const rules = readYaml<RuleFile>('monitoring/alerts.yml');
const datasources = readYaml<{ apiVersion: number; datasources: { name: string; uid: string; type: string; url: string }[] }>(
  'monitoring/grafana/provisioning/datasources/prometheus.yml',
);
const providers = readYaml<{ apiVersion: number; providers: { name: string; type: string; options: { path: string } }[] }>(
  'monitoring/grafana/provisioning/dashboards/invoice-ocr.yml',
);
const dashboard = JSON.parse(readText('monitoring/grafana/dashboards/invoice-ocr.json')) as Dashboard;

const alertRules = rules.groups.flatMap((group) => group.rules);
const queryPanels = dashboard.panels.filter((panel) => panel.type !== 'row');
const dashboardExprs = queryPanels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })));
const PROMETHEUS_DURATION = /^([0-9]+(ms|s|m|h|d|w|y))+$/;
const DURATION_UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };
/** A Prometheus duration ("1h30m") in seconds. */
function durationToSeconds(duration: string): number {
  expect(duration).toMatch(PROMETHEUS_DURATION);
  return [...duration.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)].reduce((sum, [, value, unit]) => sum + Number(value) * DURATION_UNITS[unit!]!, 0);
}

describe('monitoring files: every PromQL expression uses metrics the services really export', () => {
  let series: Map<string, SeriesInfo>;

  beforeAll(async () => {
    series = await exportedSeries(prometheus.scrape_configs.map((job) => job.job_name));
  });

  it('builds the catalog from the real registries (histograms with _bucket/_sum/_count, default metrics, up)', () => {
    for (const name of [
      'invoice_ocr_http_request_duration_seconds_bucket',
      'invoice_ocr_http_request_duration_seconds_count',
      'invoice_ocr_ocr_stage_duration_seconds_sum',
      'invoice_ocr_queue_jobs',
      'invoice_ocr_tesseract_workers',
      'invoice_ocr_invoices_processed_total',
      'invoice_ocr_process_cpu_seconds_total',
      'invoice_ocr_segmentation_run_duration_seconds_bucket',
      'invoice_ocr_segmentation_runs_total',
      'invoice_ocr_segmentation_customers',
      'invoice_ocr_segmentation_clusters',
      'invoice_ocr_segmentation_silhouette',
      'invoice_ocr_segmentation_last_success_timestamp_seconds',
      'up',
    ]) {
      expect(series.has(name)).toBe(true);
    }
    expect(series.has('invoice_ocr_http_request_duration_seconds')).toBe(false); // a histogram has no bare series
    expect([...series.get('invoice_ocr_queue_jobs')!.labels].sort()).toEqual(['instance', 'job', 'queue', 'service', 'state']);
    expect(series.get('invoice_ocr_segmentation_runs_total')!.values.status).toEqual(['succeeded', 'failed']);
    expect(series.get('invoice_ocr_queue_jobs')!.values.queue).toContain('segmentation');
  });

  it('rejects what does not exist: metric names, labels, label values, grouping labels, bad syntax', () => {
    expect(checkPromql('rate(invoice_ocr_invoices_processed_totl[5m])', series)).toEqual([
      'unknown metric "invoice_ocr_invoices_processed_totl": no service exports it',
    ]);
    expect(checkPromql('invoice_ocr_queue_jobs{stat="waiting"}', series)[0]).toMatch(/has no label "stat"/);
    expect(checkPromql('invoice_ocr_queue_jobs{state=~"waiting|queued"}', series)[0]).toMatch(/"queued" is not a value/);
    expect(checkPromql('sum by (outcom) (invoice_ocr_invoices_processed_total)', series)[0]).toMatch(/grouping label "outcom"/);
    expect(checkPromql('sum(rate(invoice_ocr_invoices_processed_total[5m])', series)[0]).toMatch(/syntax error/);
    expect(checkPromql('histogram_quantile(0.9, rate(invoice_ocr_ocr_stage_duration_seconds[5m]))', series)[0]).toMatch(/unknown metric/);
    expect(checkPromql('invoice_ocr_segmentation_last_success_timestamp', series)[0]).toMatch(/unknown metric/);
    expect(checkPromql('invoice_ocr_segmentation_runs_total{status="failure"}', series)[0]).toMatch(/"failure" is not a value/);
    expect(checkPromql('up{job="segmentaton"}', series)[0]).toMatch(/"segmentaton" is not a value/);
  });

  it.each(alertRules.map((rule) => [rule.alert ?? rule.record ?? '(unnamed)', rule.expr]))('alert rule %s', (_name, expr) => {
    expect(checkPromql(expr, series)).toEqual([]);
  });

  it.each(dashboardExprs.map(({ panel, expr }) => [panel, expr]))('dashboard panel "%s": %s', (_panel, expr) => {
    expect(checkPromql(expr, series)).toEqual([]);
  });
});

describe('monitoring/prometheus.yml', () => {
  const jobs = new Map(prometheus.scrape_configs.map((job) => [job.job_name, job]));

  it('loads the alert rules file that exists beside it', () => {
    expect(prometheus.rule_files.length).toBeGreaterThan(0);
    for (const file of prometheus.rule_files) {
      expect(path.isAbsolute(file)).toBe(false); // resolved relative to prometheus.yml, wherever it is mounted
      expect(exists(path.join('monitoring', file))).toBe(true);
    }
    expect(prometheus.rule_files).toContain('alerts.yml');
    for (const key of ['scrape_interval', 'evaluation_interval']) expect(prometheus.global?.[key]).toMatch(PROMETHEUS_DURATION);
  });

  it("scrapes the gateway, every OCR worker replica and every segmentation replica on the apps' own ports at /metrics", () => {
    const ports = {
      gateway: gatewayEnvSchema.parse({}).PORT,
      'ocr-worker': workerEnvSchema.parse({}).PORT,
      segmentation: segmentationEnvSchema.parse({}).PORT,
    };
    expect(ports).toEqual({ gateway: 3000, 'ocr-worker': 9464, segmentation: 9465 });
    for (const [name, port] of Object.entries(ports)) {
      const job = jobs.get(name)!;
      expect({ name, path: job?.metrics_path }).toEqual({ name, path: '/metrics' });
      // DNS A records of the compose service name: one target per replica.
      expect(job.dns_sd_configs).toEqual([expect.objectContaining({ names: [name], type: 'A', port })]);
    }
  });
});

describe('monitoring/alerts.yml', () => {
  it('has well-formed rules: unique names, a for duration, a severity and a summary', () => {
    const names = alertRules.map((rule) => rule.alert);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of alertRules) {
      expect(rule.alert).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(rule.for).toMatch(PROMETHEUS_DURATION);
      expect(['warning', 'critical']).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary).toEqual(expect.any(String));
    }
  });

  it('covers a growing OCR backlog (10 min), no worker alive, and a 5xx share over 5%', () => {
    const byName = new Map(alertRules.map((rule) => [rule.alert, rule]));
    const backlog = byName.get('OcrQueueBacklogGrowing')!;
    expect(backlog.for).toBe('10m');
    expect(parsePromql(backlog.expr).selectors).toContainEqual({
      metric: 'invoice_ocr_queue_jobs',
      // OCR jobs carry a fair-queueing priority: they wait in BullMQ's prioritized set.
      matchers: expect.arrayContaining([{ label: 'state', op: 'EqlRegex', value: 'waiting|prioritized' }]),
    });
    expect(backlog.expr).toMatch(/deriv\(\(sum by \(queue, instance\) \(invoice_ocr_queue_jobs\{[^}]*\}\)\)\[10m:1m\]\)/);

    const noWorker = parsePromql(byName.get('OcrNoWorkerAlive')!.expr);
    expect(noWorker.selectors.map((s) => s.metric)).toEqual(expect.arrayContaining(['up', 'invoice_ocr_tesseract_workers']));
    expect(byName.get('OcrNoWorkerAlive')!.expr).toContain('absent(up{job="ocr-worker"} == 1)');

    const errors = byName.get('HttpErrorRateHigh')!;
    expect(parsePromql(errors.expr).selectors).toContainEqual({
      metric: 'invoice_ocr_http_request_duration_seconds_count',
      matchers: [{ label: 'status_code', op: 'EqlRegex', value: '5..' }],
    });
    expect(errors.expr).toMatch(/>\s*0\.05\b/);
  });

  it('alerts when no segmentation run succeeded for 3 hours, including while the per-process gauge reads 0 or is absent', () => {
    const byName = new Map(alertRules.map((rule) => [rule.alert, rule]));
    const metric = 'invoice_ocr_segmentation_last_success_timestamp_seconds';
    const flat = (expr: string) => expr.replace(/\s+/g, ' ').trim();

    // The newest success of any process (replaced processes included), older than 3 hours.
    const stale = byName.get('SegmentationStale')!;
    expect(parsePromql(stale.expr).selectors.map((s) => s.metric)).toEqual([metric]);
    expect(flat(stale.expr)).toBe(`time() - max(max_over_time(${metric}[3h]) > 0) > 3 * 3600`);
    expect(durationToSeconds(stale.for!)).toBeLessThanOrEqual(15 * 60);

    // Processes that have not succeeded report 0 (prom-client's initial value) or nothing: 3 hours of that.
    const none = byName.get('SegmentationNoSuccessReported')!;
    expect(flat(none.expr)).toBe(`absent(${metric} > 0)`);
    expect(durationToSeconds(none.for!)).toBe(3 * 3600);

    // Failing runs (one organization failing does not make the others stale).
    const failing = byName.get('SegmentationRunsFailing')!;
    expect(parsePromql(failing.expr).selectors).toEqual([
      { metric: 'invoice_ocr_segmentation_runs_total', matchers: [{ label: 'status', op: 'EqlSingle', value: 'failed' }] },
    ]);
    expect(flat(failing.expr)).toMatch(/^sum\(increase\(invoice_ocr_segmentation_runs_total\{status="failed"\}\[\d+h\]\)\) > 0$/);
  });
});

describe('monitoring/grafana', () => {
  it('provisions the Prometheus datasource with the uid the dashboard uses, and a file provider', () => {
    expect(datasources.apiVersion).toBe(1);
    expect(datasources.datasources).toEqual([
      expect.objectContaining({ uid: 'prometheus', type: 'prometheus', url: 'http://prometheus:9090' }),
    ]);
    expect(providers.apiVersion).toBe(1);
    expect(providers.providers).toEqual([
      expect.objectContaining({ type: 'file', options: expect.objectContaining({ path: '/var/lib/grafana/dashboards' }) }),
    ]);
  });

  it('has a well-formed dashboard: unique panel ids, grid positions in 24 columns, unique refIds, the provisioned datasource', () => {
    expect(dashboard).toMatchObject({ uid: 'invoice-ocr', title: expect.any(String), schemaVersion: expect.any(Number) });
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of dashboard.panels) {
      const { x, y, w, h } = panel.gridPos;
      expect([x, y, w, h].every(Number.isInteger)).toBe(true);
      expect(x + w).toBeLessThanOrEqual(24);
      expect(w > 0 && h > 0).toBe(true);
    }
    for (const panel of queryPanels) {
      expect(panel.datasource).toEqual({ type: 'prometheus', uid: 'prometheus' });
      expect(panel.targets?.length).toBeGreaterThan(0);
      const refIds = panel.targets!.map((target) => target.refId);
      expect(new Set(refIds).size).toBe(refIds.length);
      for (const target of panel.targets!) expect(target.datasource ?? panel.datasource).toEqual({ type: 'prometheus', uid: 'prometheus' });
    }
    // No two panels overlap.
    const cells = new Set<string>();
    for (const { gridPos } of dashboard.panels) {
      for (let dx = 0; dx < gridPos.w; dx++) {
        for (let dy = 0; dy < gridPos.h; dy++) {
          const cell = `${gridPos.x + dx},${gridPos.y + dy}`;
          expect(cells.has(cell)).toBe(false);
          cells.add(cell);
        }
      }
    }
  });

  it('has the panels asked for: throughput, OCR p50/p95/p99, queue depths, errors, review rate, tesseract workers, API latency by route, queue wait', () => {
    const exprs = dashboardExprs.map(({ expr }) => expr.replace(/\s+/g, ' '));
    const has = (pattern: RegExp) => expect(exprs.some((expr) => pattern.test(expr))).toBe(true);
    has(/sum by \(outcome\) \(rate\(invoice_ocr_invoices_processed_total\[/);
    for (const q of ['0.50', '0.95', '0.99']) {
      has(
        new RegExp(`histogram_quantile\\(${q}, sum by \\(le\\) \\(rate\\(invoice_ocr_ocr_stage_duration_seconds_bucket\\{stage="ocr"\\}`),
      );
    }
    has(/max by \(state\) \(invoice_ocr_queue_jobs\{/);
    has(/invoice_ocr_http_request_duration_seconds_count\{status_code=~"5\.\."\}/);
    has(/invoice_ocr_invoices_processed_total\{outcome="needs_review"\}.* \/ sum\(rate\(invoice_ocr_invoices_processed_total/);
    has(/sum by \(state\) \(invoice_ocr_tesseract_workers\)/);
    has(/sum by \(le, route\) \(rate\(invoice_ocr_http_request_duration_seconds_bucket/);
    has(/invoice_ocr_queue_wait_seconds_bucket/);
  });

  it('has a segmentation row: run duration, customers, chosen k, silhouette, time since the last success, runs by status', () => {
    const exprs = dashboardExprs.map(({ expr }) => expr.replace(/\s+/g, ' '));
    const has = (pattern: RegExp) =>
      expect({ pattern: String(pattern), found: exprs.some((expr) => pattern.test(expr)) }).toEqual({
        pattern: String(pattern),
        found: true,
      });
    expect(dashboard.panels.filter((panel) => panel.type === 'row').map((panel) => panel.title)).toContain('Segmentation');
    has(/histogram_quantile\(0\.95, sum by \(le\) \(increase\(invoice_ocr_segmentation_run_duration_seconds_bucket\[/);
    has(/invoice_ocr_segmentation_run_duration_seconds_sum/);
    has(/^invoice_ocr_segmentation_customers /);
    has(/^invoice_ocr_segmentation_clusters /);
    has(/^invoice_ocr_segmentation_silhouette /);
    has(/^time\(\) - max\(invoice_ocr_segmentation_last_success_timestamp_seconds > 0\)$/);
    has(/sum by \(status\) \(increase\(invoice_ocr_segmentation_runs_total\[/);
    has(/invoice_ocr_queue_jobs\{queue="segmentation"/);
    has(/up\{job="segmentation"\}/);
  });
});
