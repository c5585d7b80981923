import type { DataSource, EntityManager } from 'typeorm';

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
  const [row] = await db.query(
    `SELECT i.currency FROM invoices i JOIN documents d ON d.id = i.document_id
      WHERE i.organization_id = $1 AND ${COUNTED} AND i.currency IS NOT NULL
      GROUP BY i.currency ORDER BY count(*) DESC, i.currency LIMIT 1`,
    [organizationId],
  );
  return row?.currency ?? null;
}

/**
 * Recency (days from the reference date back to the last invoice), frequency (invoices) and
 * monetary value (sum of totals) per customer, aggregated inside Postgres. The invoice date is the
 * issue date, or the upload date when the invoice has none.
 */
export async function aggregateCustomerRfm(
  db: Db,
  organizationId: string,
  referenceDate: string,
  currency: string,
): Promise<CustomerRfmRow[]> {
  const rows: { customer_key: string; customer_name: string | null; customer_category: string | null; recency_days: number; frequency: number; monetary: string }[] =
    await db.query(
      `SELECT i.customer_key,
              (array_agg(i.customer_name ORDER BY coalesce(i.issue_date, d.created_at::date) DESC))[1] AS customer_name,
              mode() WITHIN GROUP (ORDER BY i.customer_category) AS customer_category,
              greatest(0, $2::date - max(coalesce(i.issue_date, d.created_at::date)))::int AS recency_days,
              count(*)::int AS frequency,
              sum(i.total)::text AS monetary
         FROM invoices i JOIN documents d ON d.id = i.document_id
        WHERE i.organization_id = $1 AND ${COUNTED} AND i.currency = $3
          AND coalesce(i.issue_date, d.created_at::date) <= $2::date
        GROUP BY i.customer_key
        ORDER BY i.customer_key`,
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
