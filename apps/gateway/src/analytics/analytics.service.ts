import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AnalyticsOverviewQuery, AnalyticsOverviewResponse } from '@invoice/contracts';
import { analyticsTotals, monthlyRevenue, topCustomers } from '@invoice/database';

/** Headline totals, revenue and invoice counts per month, and the top customers, one SQL statement each, per organization. */
@Injectable()
export class AnalyticsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async overview(organizationId: string, query: AnalyticsOverviewQuery): Promise<AnalyticsOverviewResponse> {
    const range = { from: query.from ?? null, to: query.to ?? null };
    const months = await monthlyRevenue(this.dataSource, organizationId, range);
    const top = await topCustomers(this.dataSource, organizationId, range, query.top);
    return {
      currency: months[0]?.currency ?? top[0]?.currency ?? null,
      from: range.from,
      to: range.to,
      totals: await analyticsTotals(this.dataSource, organizationId, range),
      months: months.map(({ month, revenue, invoices }) => ({ month, revenue, invoices })),
      topCustomers: top.map(({ customerKey, customerName, revenue, invoices }) => ({ customerKey, customerName, revenue, invoices })),
    };
  }
}
