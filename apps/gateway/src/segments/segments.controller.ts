import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CustomerListQuerySchema, type AuthUser, type CustomerListQuery } from '@invoice/contracts';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { EXAMPLE_CUSTOMER, EXAMPLE_IDS, EXAMPLE_RUN } from '../openapi/examples.js';
import { BEARER } from '../openapi/openapi.setup.js';
import {
  ApiErrors,
  CustomerListResponseSchema,
  CustomerResponseSchema,
  JobIdResponseSchema,
  RunsResponseSchema,
  SegmentsResponseSchema,
} from '../openapi/response.schemas.js';
import { ApiZodQuery, ApiZodResponse } from '../openapi/zod-openapi.js';
import { CustomerKeySchema } from './segments.schemas.js';
import { SegmentsService } from './segments.service.js';

/** Customer segments (RFM + k-means), read by every role; a run on demand for admins. */
@ApiTags('segments')
@ApiBearerAuth(BEARER)
@ApiErrors(401)
@Controller()
export class SegmentsController {
  constructor(private readonly segments: SegmentsService) {}

  @Post('segments/recompute')
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({ summary: 'Queue a segmentation run for the organization now (admin); a run already waiting is reused' })
  @ApiZodResponse(202, JobIdResponseSchema, { jobId: 'manual-0f9e8d7c' }, 'Queued')
  @ApiErrors(403)
  recompute(@CurrentUser() user: AuthUser) {
    return this.segments.recompute(user.organizationId);
  }

  @Get('segments')
  @ApiOperation({
    summary:
      'The latest run: its criteria per k and structure, the k-means segments (size, share of revenue, centroid), the classic RFM segments (size, share, means), and the movements since the previous run',
  })
  @ApiZodResponse(200, SegmentsResponseSchema, {
    run: EXAMPLE_RUN,
    segments: [
      { cluster: 0, label: 'Champions', size: 18, revenueShare: 0.41, centroid: { recencyDays: 6, frequency: 15.2, monetary: 14200 } },
    ],
    rfmSegments: [{ name: 'Champions', size: 22, revenueShare: 0.45, mean: { recencyDays: 4.5, frequency: 16.1, monetary: 15100 } }],
    movements: { since: '2026-02-22T02:00:00.000Z', changes: [{ from: 'Loyal', to: 'Champions', customers: 3 }] },
    categories: [{ segment: 'Champions', category: 'B2B', customers: 12 }],
  })
  latest(@CurrentUser() user: AuthUser) {
    return this.segments.latest(user.organizationId);
  }

  @Get('segments/runs')
  @ApiOperation({ summary: 'Segmentation run history' })
  @ApiZodResponse(200, RunsResponseSchema, [EXAMPLE_RUN])
  runs(@CurrentUser() user: AuthUser) {
    return this.segments.runs(user.organizationId);
  }

  @Get('customers')
  @ApiOperation({
    summary:
      'Customers of the latest run with R, F, M, their 1-5 scores and segments; of one k-means segment (segment) or one classic RFM segment (rfmSegment)',
  })
  @ApiZodQuery(CustomerListQuerySchema)
  @ApiZodResponse(200, CustomerListResponseSchema, { runId: EXAMPLE_IDS.runId, items: [EXAMPLE_CUSTOMER], nextCursor: 'bzo1MA' })
  @ApiErrors(400)
  customers(@CurrentUser() user: AuthUser, @Query({ schema: CustomerListQuerySchema }) query: CustomerListQuery) {
    return this.segments.customers(user.organizationId, query);
  }

  @Get('customers/:customerKey')
  @ApiOperation({ summary: 'One customer: scores and invoices' })
  @ApiParam({ name: 'customerKey', example: EXAMPLE_CUSTOMER.customerKey })
  @ApiZodResponse(200, CustomerResponseSchema, {
    customer: EXAMPLE_CUSTOMER,
    runId: EXAMPLE_IDS.runId,
    invoices: [
      {
        documentId: EXAMPLE_IDS.documentId,
        status: 'done',
        invoiceNumber: 'INV-2026-0042',
        issueDate: '2026-02-28',
        total: 1250.5,
        currency: 'EUR',
      },
    ],
  })
  @ApiErrors(404)
  customer(@CurrentUser() user: AuthUser, @Param('customerKey', { schema: CustomerKeySchema }) customerKey: string) {
    return this.segments.customer(user.organizationId, customerKey);
  }
}
