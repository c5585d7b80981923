import { Controller, Get, Query } from '@nestjs/common';
import {
  AnalyticsOverviewQuerySchema,
  type AnalyticsOverviewQuery,
  type AnalyticsOverviewResponse,
  type AuthUser,
} from '@invoice/contracts';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import { BEARER } from '../openapi/openapi.setup.js';
import { AnalyticsOverviewResponseSchema, ApiErrors } from '../openapi/response.schemas.js';
import { ApiZodQuery, ApiZodResponse } from '../openapi/zod-openapi.js';
import { AnalyticsService } from './analytics.service.js';

/** Read by every role: the analytics dashboard of the web app. */
@ApiTags('analytics')
@ApiBearerAuth(BEARER)
@ApiErrors(401)
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('overview')
  @ApiOperation({
    summary: 'Headline totals, revenue and invoices per month, and the top customers by revenue',
    description: 'By issue date (from/to inclusive). Revenue counts done invoices in the main currency of the organization.',
  })
  @ApiZodQuery(AnalyticsOverviewQuerySchema)
  @ApiZodResponse(200, AnalyticsOverviewResponseSchema, {
    currency: 'EUR',
    from: '2026-01-01',
    to: '2026-03-31',
    totals: { revenue: 18250.5, invoices: 42, averageInvoice: 456.26, customers: 17 },
    months: [{ month: '2026-01', revenue: 18250.5, invoices: 42 }],
    topCustomers: [{ customerKey: 'id:c-0042', customerName: 'Acme SARL', revenue: 5400, invoices: 6 }],
  })
  @ApiErrors(400)
  overview(
    @CurrentUser() user: AuthUser,
    @Query({ schema: AnalyticsOverviewQuerySchema }) query: AnalyticsOverviewQuery,
  ): Promise<AnalyticsOverviewResponse> {
    return this.analytics.overview(user.organizationId, query);
  }
}
