import path from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { gatewayEnvSchema, workerEnvSchema } from '@invoice/config';
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
  groups: { name: string; rules: { alert?: string; record?: string; expr: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> }[] }[];
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
      'up',
    ]) {
      expect(series.has(name)).toBe(true);
    }
    expect(series.has('invoice_ocr_http_request_duration_seconds')).toBe(false); // a histogram has no bare series
    expect([...series.get('invoice_ocr_queue_jobs')!.labels].sort()).toEqual(['instance', 'job', 'queue', 'service', 'state']);
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

  it("scrapes the gateway and every OCR worker replica on the apps' own ports at /metrics", () => {
    const gatewayPort = gatewayEnvSchema.parse({}).PORT;
    const workerPort = workerEnvSchema.parse({}).PORT;
    expect([gatewayPort, workerPort]).toEqual([3000, 9464]);
    const gateway = jobs.get('gateway')!;
    const worker = jobs.get('ocr-worker')!;
    expect(gateway.metrics_path).toBe('/metrics');
    expect(worker.metrics_path).toBe('/metrics');
    // DNS A records of the compose service name: one target per replica.
    expect(gateway.dns_sd_configs).toEqual([expect.objectContaining({ names: ['gateway'], type: 'A', port: gatewayPort })]);
    expect(worker.dns_sd_configs).toEqual([expect.objectContaining({ names: ['ocr-worker'], type: 'A', port: workerPort })]);
    expect(prometheus.scrape_configs.some((job) => /segmentation/.test(JSON.stringify(job)))).toBe(false);
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
      matchers: expect.arrayContaining([{ label: 'state', op: 'EqlSingle', value: 'waiting' }]),
    });
    expect(backlog.expr).toMatch(/deriv\(invoice_ocr_queue_jobs\{[^}]*\}\[10m\]\)/);

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

  it('says the segmentation-staleness alert comes with the segmentation service, and has no rule for it yet', () => {
    const comments = readText('monitoring/alerts.yml')
      .split('\n')
      .filter((line) => line.trim().startsWith('#'))
      .map((line) => line.trim().replace(/^#\s*/, ''))
      .join(' ');
    expect(comments).toMatch(/staleness alert.*arrives together with the segmentation service/);
    expect(alertRules.some((rule) => /segmentation/i.test(`${rule.alert} ${rule.expr}`))).toBe(false);
  });
});

describe('monitoring/grafana', () => {
  it('provisions the Prometheus datasource with the uid the dashboard uses, and a file provider', () => {
    expect(datasources.apiVersion).toBe(1);
    expect(datasources.datasources).toEqual([expect.objectContaining({ uid: 'prometheus', type: 'prometheus', url: 'http://prometheus:9090' })]);
    expect(providers.apiVersion).toBe(1);
    expect(providers.providers).toEqual([expect.objectContaining({ type: 'file', options: expect.objectContaining({ path: '/var/lib/grafana/dashboards' }) })]);
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
      has(new RegExp(`histogram_quantile\\(${q}, sum by \\(le\\) \\(rate\\(invoice_ocr_ocr_stage_duration_seconds_bucket\\{stage="ocr"\\}`));
    }
    has(/max by \(state\) \(invoice_ocr_queue_jobs\{/);
    has(/invoice_ocr_http_request_duration_seconds_count\{status_code=~"5\.\."\}/);
    has(/invoice_ocr_invoices_processed_total\{outcome="needs_review"\}.* \/ sum\(rate\(invoice_ocr_invoices_processed_total/);
    has(/sum by \(state\) \(invoice_ocr_tesseract_workers\)/);
    has(/sum by \(le, route\) \(rate\(invoice_ocr_http_request_duration_seconds_bucket/);
    has(/invoice_ocr_queue_wait_seconds_bucket/);
    expect(JSON.stringify(dashboard)).not.toMatch(/segmentation/i);
  });
});
