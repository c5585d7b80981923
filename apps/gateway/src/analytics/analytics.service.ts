import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AnalyticsOverviewQuery, AnalyticsOverviewResponse, AnalyticsTotals } from '@invoice/contracts';

/**
 * The organization's main currency (the one most of its invoices use): revenue is summed in it
 * only, never across currencies. Shared by both queries as a CTE.
 */
const MAIN_CURRENCY = `main AS (
  SELECT currency FROM invoices WHERE organization_id = $1 AND currency IS NOT NULL
  GROUP BY currency ORDER BY count(*) DESC, currency LIMIT 1
)`;

/** Issue-date range filter on `i`, parameters $2 (from) and $3 (to), both optional. */
const RANGE = `($2::date IS NULL OR i.issue_date >= $2::date) AND ($3::date IS NULL OR i.issue_date <= $3::date)`;

/** What the revenue sums: done invoices in the main currency. */
const COUNTED = `d.status = 'done' AND i.currency = (SELECT currency FROM main)`;

/** Headline totals, revenue and invoice counts per month, and the top customers, one SQL statement each, per organization. */
@Injectable()
export class AnalyticsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async overview(organizationId: string, query: AnalyticsOverviewQuery): Promise<AnalyticsOverviewResponse> {
    const params = [organizationId, query.from ?? null, query.to ?? null];
    // Invoices per month counts every extracted invoice with an issue date; revenue only the done ones in the main currency.
    const months = await this.dataSource.query<{ month: string; revenue: string | null; invoices: number; currency: string | null }[]>(
      `WITH ${MAIN_CURRENCY}
       SELECT to_char(date_trunc('month', i.issue_date), 'YYYY-MM') AS month,
              coalesce(sum(i.total) FILTER (WHERE ${COUNTED}), 0) AS revenue,
              count(*)::int AS invoices,
              (SELECT currency FROM main) AS currency
         FROM invoices i JOIN documents d ON d.id = i.document_id
        WHERE i.organization_id = $1 AND i.issue_date IS NOT NULL AND ${RANGE}
        GROUP BY 1 ORDER BY 1`,
      params,
    );
    const top = await this.dataSource.query<{ customer_key: string; customer_name: string | null; revenue: string; invoices: number; currency: string | null }[]>(
      `WITH ${MAIN_CURRENCY}
       SELECT i.customer_key, (array_agg(i.customer_name ORDER BY i.issue_date DESC NULLS LAST))[1] AS customer_name,
              sum(i.total) AS revenue, count(*)::int AS invoices, (SELECT currency FROM main) AS currency
         FROM invoices i JOIN documents d ON d.id = i.document_id
        WHERE i.organization_id = $1 AND d.status = 'done' AND i.customer_key IS NOT NULL AND i.total IS NOT NULL
          AND i.currency = (SELECT currency FROM main) AND ${RANGE}
        GROUP BY i.customer_key ORDER BY revenue DESC, i.customer_key LIMIT $4`,
      [...params, query.top],
    );
    return {
      currency: months[0]?.currency ?? top[0]?.currency ?? null,
      from: query.from ?? null,
      to: query.to ?? null,
      totals: await this.totals(params),
      months: months.map((m) => ({ month: m.month, revenue: Number(m.revenue ?? 0), invoices: m.invoices })),
      topCustomers: top.map((c) => ({ customerKey: c.customer_key, customerName: c.customer_name, revenue: Number(c.revenue), invoices: c.invoices })),
    };
  }

  /** The headline figures over the same invoices as the monthly series (so they are its bars added up). */
  private async totals(params: (string | null)[]): Promise<AnalyticsTotals> {
    const [row] = await this.dataSource.query<{ revenue: string; invoices: number; summed: number; customers: number }[]>(
      `WITH ${MAIN_CURRENCY}
       SELECT coalesce(sum(i.total) FILTER (WHERE ${COUNTED}), 0) AS revenue,
              count(*)::int AS invoices,
              (count(i.total) FILTER (WHERE ${COUNTED}))::int AS summed,
              (count(DISTINCT i.customer_key) FILTER (WHERE ${COUNTED} AND i.total IS NOT NULL))::int AS customers
         FROM invoices i JOIN documents d ON d.id = i.document_id
        WHERE i.organization_id = $1 AND i.issue_date IS NOT NULL AND ${RANGE}`,
      params,
    );
    const revenue = Number(row?.revenue ?? 0);
    const summed = row?.summed ?? 0;
    return { revenue, invoices: row?.invoices ?? 0, averageInvoice: summed > 0 ? revenue / summed : null, customers: row?.customers ?? 0 };
  }
}
