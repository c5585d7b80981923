import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/**
 * The organization's main currency (the one most of its invoices use): revenue is summed in it
 * only, never across currencies. Shared by every query as a CTE.
 */
const MAIN_CURRENCY = `main AS (
  SELECT currency FROM invoices WHERE organization_id = $1 AND currency IS NOT NULL
  GROUP BY currency ORDER BY count(*) DESC, currency LIMIT 1
)`;

/** Issue-date range filter on `i`, parameters $2 (from) and $3 (to), both optional. */
const RANGE = `($2::date IS NULL OR i.issue_date >= $2::date) AND ($3::date IS NULL OR i.issue_date <= $3::date)`;

/** What the revenue sums: done invoices in the main currency. */
const COUNTED = `d.status = 'done' AND i.currency = (SELECT currency FROM main)`;

/** An issue-date range (ISO dates, either end open). */
export interface IssueDateRange {
  from: string | null;
  to: string | null;
}

export interface MonthlyRevenueRow {
  /** `YYYY-MM`. */
  month: string;
  /** Done invoices in the main currency. */
  revenue: number;
  /** Every extracted invoice with an issue date. */
  invoices: number;
  currency: string | null;
}

/** Invoices per month count every extracted invoice with an issue date; revenue only the done ones in the main currency. */
export async function monthlyRevenue(db: Db, organizationId: string, range: IssueDateRange): Promise<MonthlyRevenueRow[]> {
  const rows: { month: string; revenue: string | null; invoices: number; currency: string | null }[] = await db.query(
    `WITH ${MAIN_CURRENCY}
     SELECT to_char(date_trunc('month', i.issue_date), 'YYYY-MM') AS month,
            coalesce(sum(i.total) FILTER (WHERE ${COUNTED}), 0) AS revenue,
            count(*)::int AS invoices,
            (SELECT currency FROM main) AS currency
       FROM invoices i JOIN documents d ON d.id = i.document_id
      WHERE i.organization_id = $1 AND i.issue_date IS NOT NULL AND ${RANGE}
      GROUP BY 1 ORDER BY 1`,
    [organizationId, range.from, range.to],
  );
  return rows.map((r) => ({ month: r.month, revenue: Number(r.revenue ?? 0), invoices: r.invoices, currency: r.currency }));
}

export interface TopCustomerRow {
  customerKey: string;
  customerName: string | null;
  revenue: number;
  invoices: number;
  currency: string | null;
}

/** The `limit` customers with the most revenue (done invoices in the main currency), then by key. */
export async function topCustomers(db: Db, organizationId: string, range: IssueDateRange, limit: number): Promise<TopCustomerRow[]> {
  const rows: { customer_key: string; customer_name: string | null; revenue: string; invoices: number; currency: string | null }[] =
    await db.query(
      `WITH ${MAIN_CURRENCY}
     SELECT i.customer_key, (array_agg(i.customer_name ORDER BY i.issue_date DESC NULLS LAST))[1] AS customer_name,
            sum(i.total) AS revenue, count(*)::int AS invoices, (SELECT currency FROM main) AS currency
       FROM invoices i JOIN documents d ON d.id = i.document_id
      WHERE i.organization_id = $1 AND d.status = 'done' AND i.customer_key IS NOT NULL AND i.total IS NOT NULL
        AND i.currency = (SELECT currency FROM main) AND ${RANGE}
      GROUP BY i.customer_key ORDER BY revenue DESC, i.customer_key LIMIT $4`,
      [organizationId, range.from, range.to, limit],
    );
  return rows.map((c) => ({
    customerKey: c.customer_key,
    customerName: c.customer_name,
    revenue: Number(c.revenue),
    invoices: c.invoices,
    currency: c.currency,
  }));
}

export interface AnalyticsTotalsRow {
  /** Done invoices in the main currency. */
  revenue: number;
  /** Every extracted invoice with an issue date. */
  invoices: number;
  /** Revenue over the invoices it sums; null when it sums none. */
  averageInvoice: number | null;
  /** Distinct customers of the summed invoices. */
  customers: number;
}

/** The headline figures over the same invoices as the monthly series (so they are its bars added up). */
export async function analyticsTotals(db: Db, organizationId: string, range: IssueDateRange): Promise<AnalyticsTotalsRow> {
  const [row]: { revenue: string; invoices: number; summed: number; customers: number }[] = await db.query(
    `WITH ${MAIN_CURRENCY}
     SELECT coalesce(sum(i.total) FILTER (WHERE ${COUNTED}), 0) AS revenue,
            count(*)::int AS invoices,
            (count(i.total) FILTER (WHERE ${COUNTED}))::int AS summed,
            (count(DISTINCT i.customer_key) FILTER (WHERE ${COUNTED} AND i.total IS NOT NULL))::int AS customers
       FROM invoices i JOIN documents d ON d.id = i.document_id
      WHERE i.organization_id = $1 AND i.issue_date IS NOT NULL AND ${RANGE}`,
    [organizationId, range.from, range.to],
  );
  const revenue = Number(row?.revenue ?? 0);
  const summed = row?.summed ?? 0;
  return { revenue, invoices: row?.invoices ?? 0, averageInvoice: summed > 0 ? revenue / summed : null, customers: row?.customers ?? 0 };
}
