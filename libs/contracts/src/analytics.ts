import { z } from 'zod';
import type { DocumentStatus } from './enums.js';
import { CalendarDateSchema, opaqueText, safeText } from './validation.js';

/*
 * Answers of the read-only dashboards (analytics, segments, monitoring). The gateway's OpenAPI
 * schemas are checked against these types (`satisfies`), and the web app reads them from here.
 */

export const AnalyticsOverviewQuerySchema = z
  .object({
    /** Issue date range, inclusive. */
    from: CalendarDateSchema.optional(),
    to: CalendarDateSchema.optional(),
    /** How many top customers to list (by revenue). */
    top: z.coerce.number().int().min(1).max(100).default(10),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export type AnalyticsOverviewQuery = z.infer<typeof AnalyticsOverviewQuerySchema>;

/** The headline figures of a range: the same invoices as the monthly charts, summed over the range. */
export interface AnalyticsTotals {
  /** Sum of the `done` invoices in the main currency (the revenue chart's bars added up). */
  revenue: number;
  /** Invoices with an issue date in the range, whatever their status (the invoice chart's bars added up). */
  invoices: number;
  /** Revenue divided by the invoices it sums; null when it sums none. */
  averageInvoice: number | null;
  /** Distinct customers of the invoices the revenue sums. */
  customers: number;
}

export interface AnalyticsOverviewResponse {
  /** The organization's main currency (most invoices); revenue counts `done` invoices in it only. */
  currency: string | null;
  from: string | null;
  to: string | null;
  totals: AnalyticsTotals;
  /** One row per month (YYYY-MM) of issue date that has invoices, oldest first. */
  months: { month: string; revenue: number; invoices: number }[];
  topCustomers: { customerKey: string; customerName: string | null; revenue: number; invoices: number }[];
}

/** Customers of the latest segmentation run, one page, optionally of one k-means segment or one classic RFM segment. */
export const CustomerListQuerySchema = z.object({
  /** A k-means segment's label, as the run named it. */
  segment: safeText(1, 100).optional(),
  /** A classic RFM segment (the grid's names: Champions, Loyal, ...). */
  rfmSegment: safeText(1, 100).optional(),
  sort: z.enum(['monetary', 'frequency', 'recency']).default('monetary'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: opaqueText(100).optional(),
});
export type CustomerListQuery = z.infer<typeof CustomerListQuerySchema>;

/** The criteria of one k tried by a run (see libs/segmentation: chooseClustering, chooseK). */
export interface SegmentationCriterion {
  k: number;
  inertia: number;
  silhouette: number | null;
  daviesBouldin: number | null;
  /** null when not defined, or infinite (clusters without spread). */
  calinskiHarabasz: number | null;
  /** Mean adjusted Rand index between the seeds' runs; null with one seed. */
  stability: number | null;
  /** Mean rank of silhouette and Davies-Bouldin among the k tried (1 is best). */
  rank: number;
}

export interface SegmentationRun {
  id: string;
  status: 'running' | 'succeeded' | 'failed';
  trigger: 'schedule' | 'manual' | 'invoices';
  referenceDate: string;
  currency: string | null;
  customers: number;
  invoices: number;
  k: number | null;
  silhouette: number | null;
  inertia: number | null;
  /** How much structure k-means found: clear, weak (read the RFM grid), none (one segment); null for runs without it. */
  structure: 'clear' | 'weak' | 'none' | null;
  /** The criteria of every k tried, by increasing k. */
  criteria: SegmentationCriterion[];
  durationMs: number | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface SegmentsResponse {
  run: SegmentationRun | null;
  segments: {
    cluster: number;
    label: string;
    size: number;
    revenueShare: number;
    centroid: { recencyDays: number; frequency: number; monetary: number };
  }[];
  /** The classic RFM segments (grid of the R and F scores), with their customers' mean figures. */
  rfmSegments: { name: string; size: number; revenueShare: number; mean: { recencyDays: number; frequency: number; monetary: number } }[];
  movements: { since: string | null; changes: { from: string | null; to: string | null; customers: number }[] };
  categories: { segment: string; category: string | null; customers: number }[];
}

export interface CustomerScores {
  customerKey: string;
  customerName: string | null;
  customerCategory: string | null;
  recencyDays: number;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  segment: string;
  /** The customer's classic RFM segment; null for runs without it. */
  rfmSegment: string | null;
}

export interface CustomerListResponse {
  runId: string | null;
  items: CustomerScores[];
  nextCursor: string | null;
}

export interface CustomerResponse {
  customer: CustomerScores | null;
  runId: string | null;
  invoices: {
    documentId: string;
    status: DocumentStatus;
    invoiceNumber: string | null;
    issueDate: string | null;
    total: number | null;
    currency: string | null;
  }[];
}

/**
 * The monitoring dashboard's data. Throughput, latency, rates and segmentation are the caller's organization's;
 * queue depths, workers and per-route API traffic belong to the whole platform and are null unless the caller
 * is a platform operator (`scope: 'platform'`).
 */
export interface MonitoringSummary {
  scope: 'organization' | 'platform';
  generatedAt: string;
  windowMinutes: number;
  throughput: { perMinute: { minute: string; done: number; needsReview: number; failed: number }[]; invoicesPerMinute: number };
  ocrLatencyMs: { p50: number | null; p95: number | null; p99: number | null; samples: number };
  errorRate: number | null;
  reviewRate: number | null;
  queues: Record<string, Record<string, number>> | null;
  workers: {
    alive: number;
    concurrency: number;
    busy: number;
    list: {
      workerId: string;
      hostname: string;
      pid: number;
      startedAt: string;
      lastSeen: string;
      concurrency: number;
      busy: number;
      idle: number;
      processed: number;
      failed: number;
    }[];
  } | null;
  api: {
    instance: string;
    routes: {
      method: string;
      route: string;
      requests: number;
      errors: number;
      p50Ms: number | null;
      p95Ms: number | null;
      p99Ms: number | null;
    }[];
  } | null;
  segmentation: { lastRun: SegmentationRun | null };
}
