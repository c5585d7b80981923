import { parser } from '@prometheus-io/lezer-promql';
import type { Registry } from 'prom-client';
import { DOCUMENT_STATUSES, PENDING_STATUSES, QUEUES } from '@invoice/contracts';
import type { finishRun } from '@invoice/database';
import {
  createHttpMetrics,
  createRegistry,
  createSegmentationMetrics,
  createWebhookMetrics,
  createWorkerMetrics,
  OCR_STAGES,
  QUEUE_STATES,
  registerQueueGauges,
  registerTesseractGauge,
  WEBHOOK_OUTCOMES,
} from '@invoice/monitoring';

/** One series name a PromQL expression may select, with the labels it carries and known label values. */
export interface SeriesInfo {
  labels: Set<string>;
  /** For enumerated labels: every value the services can emit. */
  values: Record<string, readonly string[]>;
}

export interface LabelMatcher {
  label: string;
  /** EqlSingle (=), Neq (!=), EqlRegex (=~), NeqRegex (!~). */
  op: string;
  value: string;
}

export interface ParsedPromql {
  /** Every vector selector: metric name and label matchers. */
  selectors: { metric: string; matchers: LabelMatcher[] }[];
  /** Labels named in `by (...)`, `without (...)`, `on (...)`, `ignoring (...)`, `group_left (...)`. */
  groupingLabels: string[];
  /** Syntax errors (positions in the expression). */
  syntaxErrors: string[];
}

/** Labels Prometheus adds to every scraped series. */
const TARGET_LABELS = ['job', 'instance'];

function unquote(literal: string): string {
  if (literal.startsWith('"')) return JSON.parse(literal) as string;
  return literal.slice(1, -1); // '...' or `...` (no escapes used in this project's files)
}

/** Parses an expression with Prometheus' own PromQL grammar (the one its web UI uses). */
export function parsePromql(expr: string): ParsedPromql {
  const result: ParsedPromql = { selectors: [], groupingLabels: [], syntaxErrors: [] };
  const text = (from: number, to: number) => expr.slice(from, to);
  parser.parse(expr).iterate({
    enter(ref) {
      if (ref.type.isError) {
        result.syntaxErrors.push(`syntax error at ${ref.from}: "${expr.slice(Math.max(0, ref.from - 20), ref.from + 20)}"`);
        return;
      }
      if (ref.name === 'GroupingLabels') {
        for (const label of ref.node.getChildren('LabelName')) result.groupingLabels.push(text(label.from, label.to));
        return;
      }
      if (ref.name !== 'VectorSelector') return;
      const node = ref.node;
      const matchers: LabelMatcher[] = [];
      const list = node.getChild('LabelMatchers');
      for (const matcher of list ? [...list.getChildren('UnquotedLabelMatcher'), ...list.getChildren('QuotedLabelMatcher')] : []) {
        const name = matcher.getChild('LabelName') ?? matcher.getChild('QuotedLabelName')?.getChild('StringLiteral');
        const op = matcher.getChild('MatchOp')?.firstChild;
        const values = matcher.getChildren('StringLiteral');
        const value = values.at(-1);
        if (!name || !op || !value) continue;
        const label = name.name === 'StringLiteral' ? unquote(text(name.from, name.to)) : text(name.from, name.to);
        matchers.push({ label, op: op.name, value: unquote(text(value.from, value.to)) });
      }
      const identifier = node.getChild('Identifier');
      const metric = identifier ? text(identifier.from, identifier.to) : (matchers.find((m) => m.label === '__name__')?.value ?? '');
      result.selectors.push({ metric, matchers: matchers.filter((m) => m.label !== '__name__') });
    },
  });
  return result;
}

/** How a segmentation run ends: the statuses it is stored with, which its runs counter uses as `status` label. */
type SegmentationRunStatus = Parameters<typeof finishRun>[2]['status'];
/** Values of invoice_ocr_segmentation_runs_total's `status` label; the compiler checks the list is the whole type. */
export const SEGMENTATION_RUN_STATUSES = ['succeeded', 'failed'] as const satisfies readonly SegmentationRunStatus[];
const everyRunStatusListed: Exclude<SegmentationRunStatus, (typeof SEGMENTATION_RUN_STATUSES)[number]> extends never ? true : false = true;
void everyRunStatusListed;

/**
 * Every series name the services export, built from the real registries the gateway, the OCR
 * worker and the segmentation service create (plus prom-client's default process metrics), with
 * `_bucket`/`_sum`/`_count` for histograms, and Prometheus' own `up`.
 */
export async function exportedSeries(scrapeJobs: readonly string[]): Promise<Map<string, SeriesInfo>> {
  const gateway = createRegistry('gateway');
  createHttpMetrics(gateway);
  registerQueueGauges(gateway, []);
  const worker = createRegistry('ocr-worker');
  createWorkerMetrics(worker);
  createWebhookMetrics(worker);
  registerQueueGauges(worker, []);
  registerTesseractGauge(worker, () => ({ busy: 0, idle: 0 }));
  const segmentation = createRegistry('segmentation');
  createSegmentationMetrics(segmentation);
  registerQueueGauges(segmentation, []);

  const outcomes = DOCUMENT_STATUSES.filter((status) => !PENDING_STATUSES.includes(status));
  const knownValues: Record<string, Record<string, readonly string[]>> = {
    invoice_ocr_queue_jobs: { queue: Object.values(QUEUES), state: QUEUE_STATES },
    invoice_ocr_tesseract_workers: { state: ['busy', 'idle'] },
    invoice_ocr_ocr_stage_duration_seconds: { stage: OCR_STAGES },
    invoice_ocr_invoices_processed_total: { outcome: outcomes },
    invoice_ocr_pages_processed_total: { outcome: outcomes },
    invoice_ocr_http_request_duration_seconds: { method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] },
    invoice_ocr_segmentation_runs_total: { status: SEGMENTATION_RUN_STATUSES },
    invoice_ocr_webhook_deliveries_total: { outcome: WEBHOOK_OUTCOMES },
  };

  const series = new Map<string, SeriesInfo>();
  const add = (name: string, labels: Iterable<string>, values: Record<string, readonly string[]>) => {
    const known = series.get(name) ?? { labels: new Set<string>(), values: {} };
    for (const label of labels) known.labels.add(label);
    Object.assign(known.values, values);
    series.set(name, known);
  };
  for (const registry of [gateway, worker, segmentation] as Registry[]) {
    for (const metric of registry.getMetricsAsArray()) {
      const labelNames = (metric as unknown as { labelNames?: readonly string[] }).labelNames ?? [];
      const labels = [...labelNames, 'service', ...TARGET_LABELS];
      const values = { service: ['gateway', 'ocr-worker', 'segmentation'], ...knownValues[metric.name] };
      switch (String(metric.type)) {
        case 'histogram':
          add(`${metric.name}_bucket`, [...labels, 'le'], values);
          add(`${metric.name}_sum`, labels, values);
          add(`${metric.name}_count`, labels, values);
          break;
        case 'summary':
          add(metric.name, [...labels, 'quantile'], values);
          add(`${metric.name}_sum`, labels, values);
          add(`${metric.name}_count`, labels, values);
          break;
        default:
          add(metric.name, labels, values);
      }
    }
  }
  add('up', TARGET_LABELS, { job: scrapeJobs });
  return series;
}

function valueProblems(metric: string, matcher: LabelMatcher, allowed: readonly string[]): string[] {
  if (matcher.op === 'EqlSingle' || matcher.op === 'Neq') {
    return allowed.includes(matcher.value)
      ? []
      : [`${metric}{${matcher.label}="${matcher.value}"}: "${matcher.value}" is not a value it has (${allowed.join(', ')})`];
  }
  // A plain alternation (a|b|c) is checked value by value; anything fancier is left to Prometheus.
  if (/^[\w-]+(\|[\w-]+)*$/.test(matcher.value)) {
    return matcher.value
      .split('|')
      .filter((value) => !allowed.includes(value))
      .map((value) => `${metric}{${matcher.label}=~"${matcher.value}"}: "${value}" is not a value it has (${allowed.join(', ')})`);
  }
  return [];
}

/** What is wrong with an expression: syntax, unknown metric names, labels or label values. Empty when fine. */
export function checkPromql(expr: string, series: Map<string, SeriesInfo>): string[] {
  const parsed = parsePromql(expr);
  const problems = [...parsed.syntaxErrors];
  if (parsed.selectors.length === 0) problems.push('selects no metric');
  const labelsInExpr = new Set<string>(['le', 'quantile', ...TARGET_LABELS]);
  for (const { metric, matchers } of parsed.selectors) {
    const info = series.get(metric);
    if (!info) {
      problems.push(`unknown metric "${metric}": no service exports it`);
      continue;
    }
    for (const label of info.labels) labelsInExpr.add(label);
    for (const matcher of matchers) {
      if (!info.labels.has(matcher.label)) {
        problems.push(`${metric} has no label "${matcher.label}" (it has ${[...info.labels].join(', ')})`);
        continue;
      }
      const allowed = info.values[matcher.label];
      if (allowed) problems.push(...valueProblems(metric, matcher, allowed));
    }
  }
  for (const label of parsed.groupingLabels) {
    if (!labelsInExpr.has(label)) problems.push(`grouping label "${label}" is on none of the selected metrics`);
  }
  return problems;
}
