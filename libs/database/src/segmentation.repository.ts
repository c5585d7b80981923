import type { SegmentationCriterion, SegmentationRun, SegmentsResponse } from '@invoice/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { copyRows } from './copy.rows.js';

export interface CustomerRfmRow {
  customerKey: string;
  customerName: string | null;
  customerCategory: string | null;
  recencyDays: number;
  frequency: number;
  monetary: number;
}

type Db = DataSource | EntityManager;

/** Only these invoices count: extracted and accepted (done), with a customer and a total. */
const COUNTED = `d.status = 'done' AND i.customer_key IS NOT NULL AND i.total IS NOT NULL`;

/** The currency most of an organization's counted invoices are in (a run covers one currency). */
export async function dominantCurrency(db: Db, organizationId: string): Promise<string | null> {
  const [row]: { currency: string }[] = await db.query(
    `SELECT i.currency FROM invoices i JOIN documents d ON d.id = i.document_id
      WHERE i.organization_id = $1 AND ${COUNTED} AND i.currency IS NOT NULL
      GROUP BY i.currency ORDER BY count(*) DESC, i.currency LIMIT 1`,
    [organizationId],
  );
  return row?.currency ?? null;
}

/**
 * Which invoices are credit notes: they reduce the customer's monetary value but are no purchase.
 * Credit notes keep the sign they print, so one is known by its document type, or by a negative total
 * where the type was not read.
 */
const CREDIT_NOTE = `(i.document_type IS NOT DISTINCT FROM 'credit_note' OR i.total < 0)`;

/**
 * Recency (days from the reference date back to the last purchase), frequency (purchases: invoices
 * that are not credit notes) and monetary value (totals of the purchases less the credit notes) per
 * customer, in one pass inside Postgres. The invoice date is the issue date, or the upload date
 * taken in UTC (the reference date is a UTC date, whatever the session's time zone). The name is
 * the latest known one (latest date, then latest upload, then invoice id). Customers whose invoices
 * are all credit notes are left out: they made no purchase.
 */
export async function aggregateCustomerRfm(
  db: Db,
  organizationId: string,
  referenceDate: string,
  currency: string,
): Promise<CustomerRfmRow[]> {
  const rows: {
    customer_key: string;
    customer_name: string | null;
    customer_category: string | null;
    recency_days: number;
    frequency: number;
    monetary: string;
  }[] = await db.query(
    `WITH counted AS (
         SELECT i.customer_key, i.customer_name, i.customer_category, i.total, i.id, d.created_at, ${CREDIT_NOTE} AS credit,
                coalesce(i.issue_date, (d.created_at AT TIME ZONE 'UTC')::date) AS day
           FROM invoices i JOIN documents d ON d.id = i.document_id
          WHERE i.organization_id = $1 AND ${COUNTED} AND i.currency = $3
            AND coalesce(i.issue_date, (d.created_at AT TIME ZONE 'UTC')::date) <= $2::date)
       SELECT customer_key,
              (array_agg(customer_name ORDER BY day DESC, created_at DESC, id DESC) FILTER (WHERE customer_name IS NOT NULL))[1] AS customer_name,
              mode() WITHIN GROUP (ORDER BY customer_category) AS customer_category,
              greatest(0, $2::date - max(day) FILTER (WHERE NOT credit))::int AS recency_days,
              (count(*) FILTER (WHERE NOT credit))::int AS frequency,
              sum(CASE WHEN credit THEN -abs(total) ELSE total END)::text AS monetary
         FROM counted
        GROUP BY customer_key
       HAVING count(*) FILTER (WHERE NOT credit) > 0
        ORDER BY customer_key`,
    [organizationId, referenceDate, currency],
  );
  return rows.map((r) => ({
    customerKey: r.customer_key,
    customerName: r.customer_name,
    customerCategory: r.customer_category,
    recencyDays: r.recency_days,
    frequency: r.frequency,
    monetary: Number(r.monetary),
  }));
}

/** A segmentation run as stored; the API answers it as it is (one declaration, the contracts'). */
export type RunRow = SegmentationRun;
export type RunTrigger = SegmentationRun['trigger'];

export interface SegmentRow {
  cluster: number;
  label: string;
  size: number;
  revenueShare: number;
  centroid: { recencyDays: number; frequency: number; monetary: number };
}

export interface CustomerSegmentRow extends CustomerRfmRow {
  rScore: number;
  fScore: number;
  mScore: number;
  cluster: number;
  segment: string;
  rfmSegment: string;
}

export type RfmSegmentRow = SegmentsResponse['rfmSegments'][number];

const RUN_COLUMNS = `id, status, trigger, reference_date::text AS "referenceDate", currency, customers, invoices, k, silhouette, inertia,
  structure, criteria, duration_ms AS "durationMs", error, started_at AS "startedAt", finished_at AS "finishedAt"`;

export async function startRun(
  db: Db,
  run: { id: string; organizationId: string; trigger: RunTrigger; referenceDate: string },
): Promise<void> {
  await db.query(
    `INSERT INTO segmentation_runs (id, organization_id, status, trigger, reference_date) VALUES ($1, $2, 'running', $3, $4)`,
    [run.id, run.organizationId, run.trigger, run.referenceDate],
  );
}

export async function finishRun(
  db: Db,
  id: string,
  result: {
    status: 'succeeded' | 'failed';
    currency?: string | null;
    customers?: number;
    invoices?: number;
    k?: number | null;
    silhouette?: number | null;
    inertia?: number | null;
    structure?: SegmentationRun['structure'];
    criteria?: SegmentationCriterion[];
    durationMs: number;
    error?: string | null;
  },
): Promise<void> {
  await db.query(
    `UPDATE segmentation_runs SET status = $2, currency = $3, customers = $4, invoices = $5, k = $6, silhouette = $7, inertia = $8,
            duration_ms = $9, error = $10, structure = $11, criteria = $12::jsonb, finished_at = now() WHERE id = $1`,
    [
      id,
      result.status,
      result.currency ?? null,
      result.customers ?? 0,
      result.invoices ?? 0,
      result.k ?? null,
      result.silhouette ?? null,
      result.inertia ?? null,
      result.durationMs,
      result.error ?? null,
      result.structure ?? null,
      JSON.stringify(result.criteria ?? []),
    ],
  );
}

/**
 * Stores a run's segments (one INSERT of unnested arrays) and every customer's scores (COPY, which
 * reads the customers as it sends them: a generator of them is never held whole).
 */
export async function saveRunResults(
  db: Db,
  runId: string,
  organizationId: string,
  segments: SegmentRow[],
  customers: Iterable<CustomerSegmentRow>,
): Promise<void> {
  if (segments.length) {
    await db.query(
      `INSERT INTO segmentation_segments (run_id, organization_id, cluster, label, size, revenue_share, centroid_recency_days, centroid_frequency, centroid_monetary)
       SELECT $1, $2, * FROM unnest($3::int[], $4::text[], $5::int[], $6::float8[], $7::float8[], $8::float8[], $9::float8[])`,
      [
        runId,
        organizationId,
        segments.map((s) => s.cluster),
        segments.map((s) => s.label),
        segments.map((s) => s.size),
        segments.map((s) => s.revenueShare),
        segments.map((s) => s.centroid.recencyDays),
        segments.map((s) => s.centroid.frequency),
        segments.map((s) => s.centroid.monetary),
      ],
    );
  }
  await copyRows(
    db,
    'customer_segments',
    [
      'run_id',
      'organization_id',
      'customer_key',
      'customer_name',
      'customer_category',
      'recency_days',
      'frequency',
      'monetary',
      'r_score',
      'f_score',
      'm_score',
      'cluster',
      'segment',
      'rfm_segment',
    ],
    (function* () {
      for (const c of customers) {
        yield [
          runId,
          organizationId,
          c.customerKey,
          c.customerName,
          c.customerCategory,
          c.recencyDays,
          c.frequency,
          c.monetary,
          c.rScore,
          c.fScore,
          c.mScore,
          c.cluster,
          c.segment,
          c.rfmSegment,
        ];
      }
    })(),
  );
}

/** Whether the organization has a successful run that segmented at least one customer. */
export async function hasSegmentedCustomers(db: Db, organizationId: string): Promise<boolean> {
  const [row]: { segmented: boolean }[] = await db.query(
    `SELECT EXISTS (SELECT 1 FROM segmentation_runs WHERE organization_id = $1 AND status = 'succeeded' AND customers > 0) AS segmented`,
    [organizationId],
  );
  return row?.segmented ?? false;
}

export async function listRuns(db: Db, organizationId: string, limit = 50): Promise<RunRow[]> {
  return db.query(`SELECT ${RUN_COLUMNS} FROM segmentation_runs WHERE organization_id = $1 ORDER BY started_at DESC LIMIT $2`, [
    organizationId,
    limit,
  ]);
}

/** The latest successful run and the one before it (for movements), newest first. */
export async function latestSucceededRuns(db: Db, organizationId: string, count = 2): Promise<RunRow[]> {
  return db.query(
    `SELECT ${RUN_COLUMNS} FROM segmentation_runs WHERE organization_id = $1 AND status = 'succeeded' ORDER BY started_at DESC LIMIT $2`,
    [organizationId, count],
  );
}

export async function runSegments(db: Db, runId: string): Promise<SegmentRow[]> {
  const rows: { cluster: number; label: string; size: number; revenue_share: number; r: number; f: number; m: number }[] = await db.query(
    `SELECT cluster, label, size, revenue_share, centroid_recency_days AS r, centroid_frequency AS f, centroid_monetary AS m
       FROM segmentation_segments WHERE run_id = $1 ORDER BY revenue_share DESC, cluster`,
    [runId],
  );
  return rows.map((r) => ({
    cluster: r.cluster,
    label: r.label,
    size: r.size,
    revenueShare: r.revenue_share,
    centroid: { recencyDays: r.r, frequency: r.f, monetary: r.m },
  }));
}

/** The classic RFM segments of a run: customers, revenue share and mean figures, in the grid's order (best first). */
export async function runRfmSegments(db: Db, runId: string, order: readonly string[]): Promise<RfmSegmentRow[]> {
  const rows: { name: string; size: number; revenue: string; total: string; r: number; f: number; m: number }[] = await db.query(
    `SELECT rfm_segment AS name, count(*)::int AS size, sum(monetary)::text AS revenue, sum(sum(monetary)) OVER ()::text AS total,
            avg(recency_days)::float8 AS r, avg(frequency)::float8 AS f, avg(monetary)::float8 AS m
       FROM customer_segments WHERE run_id = $1 AND rfm_segment IS NOT NULL GROUP BY rfm_segment`,
    [runId],
  );
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return rows
    .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name))
    .map((r) => ({
      name: r.name,
      size: r.size,
      revenueShare: Number(r.total) > 0 ? Number(r.revenue) / Number(r.total) : 0,
      mean: { recencyDays: r.r, frequency: r.f, monetary: r.m },
    }));
}

/** How many customers moved from which segment to which between two runs (same customers only), plus new and gone. */
export async function segmentMovements(
  db: Db,
  previousRunId: string,
  runId: string,
): Promise<{ from: string | null; to: string | null; customers: number }[]> {
  return db.query(
    `SELECT p.segment AS "from", c.segment AS "to", count(*)::int AS customers
       FROM (SELECT customer_key, segment FROM customer_segments WHERE run_id = $1) p
       FULL JOIN (SELECT customer_key, segment FROM customer_segments WHERE run_id = $2) c USING (customer_key)
      WHERE p.segment IS DISTINCT FROM c.segment
      GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`,
    [previousRunId, runId],
  );
}

/** How segments and the customer categories printed on invoices relate: customers per (segment, category). */
export async function segmentCategories(db: Db, runId: string): Promise<{ segment: string; category: string | null; customers: number }[]> {
  return db.query(
    `SELECT segment, customer_category AS category, count(*)::int AS customers
       FROM customer_segments WHERE run_id = $1 GROUP BY 1, 2 ORDER BY 1, 2 NULLS LAST`,
    [runId],
  );
}

/** A run left `running` for over an hour by a process killed mid-run is closed as failed. */
export async function failInterruptedRuns(db: Db): Promise<void> {
  await db.query(
    `UPDATE segmentation_runs SET status = 'failed', error = 'interrupted: the process stopped during the run', finished_at = now()
      WHERE status = 'running' AND started_at < now() - interval '1 hour'`,
  );
}

/** Every organization with at least one invoice, in id order (the schedule runs each). */
export async function organizationsWithInvoices(db: Db): Promise<string[]> {
  const rows: { organization_id: string }[] = await db.query(`SELECT DISTINCT organization_id FROM invoices ORDER BY 1`);
  return rows.map((row) => row.organization_id);
}

/** A customer's place in a run, as the segments API lists it. */
export interface CustomerProfileRow {
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
  rfmSegment: string | null;
}

const PROFILE_COLUMNS = `customer_key AS "customerKey", customer_name AS "customerName", customer_category AS "customerCategory",
  recency_days AS "recencyDays", frequency, monetary::float AS monetary, r_score AS r, f_score AS f, m_score AS m, segment, rfm_segment AS "rfmSegment"`;

const CUSTOMER_SORTS = { monetary: 'monetary DESC', frequency: 'frequency DESC', recency: 'recency_days ASC' } as const;

/** A page of a run's customers, optionally of one k-means segment and of one classic RFM segment, in the given order (then by key). */
export function runCustomers(
  db: Db,
  runId: string,
  page: { segment: string | null; rfmSegment: string | null; sort: keyof typeof CUSTOMER_SORTS; limit: number; offset: number },
): Promise<CustomerProfileRow[]> {
  return db.query(
    `SELECT ${PROFILE_COLUMNS}
       FROM customer_segments
      WHERE run_id = $1 AND ($2::text IS NULL OR segment = $2) AND ($5::text IS NULL OR rfm_segment = $5)
      ORDER BY ${CUSTOMER_SORTS[page.sort]}, customer_key
      LIMIT $3 OFFSET $4`,
    [runId, page.segment, page.limit, page.offset, page.rfmSegment],
  );
}

/** One customer of a run; null when the run does not have it. */
export async function runCustomer(db: Db, runId: string, customerKey: string): Promise<CustomerProfileRow | null> {
  const [row]: CustomerProfileRow[] = await db.query(
    `SELECT ${PROFILE_COLUMNS} FROM customer_segments WHERE run_id = $1 AND customer_key = $2`,
    [runId, customerKey],
  );
  return row ?? null;
}

/** A customer's invoices, latest issue date first (at most 500). */
export interface CustomerInvoiceRow {
  documentId: string;
  status: string;
  invoiceNumber: string | null;
  issueDate: string | null;
  total: number | null;
  currency: string | null;
}

export function customerInvoices(db: Db, organizationId: string, customerKey: string): Promise<CustomerInvoiceRow[]> {
  return db.query(
    `SELECT d.id AS "documentId", d.status, i.invoice_number AS "invoiceNumber", i.issue_date::text AS "issueDate", i.total::float AS total, i.currency
       FROM invoices i JOIN documents d ON d.id = i.document_id
      WHERE i.organization_id = $1 AND i.customer_key = $2
      ORDER BY i.issue_date DESC NULLS LAST LIMIT 500`,
    [organizationId, customerKey],
  );
}
