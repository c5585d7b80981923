import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import type { AuthUser } from '@invoice/contracts';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { CustomerListQuerySchema, type CustomerListQuery } from './segments.schemas.js';
import { SegmentsService } from './segments.service.js';

/** Customer segments (RFM + k-means), read by every role; a run on demand for admins. */
@Controller()
export class SegmentsController {
  constructor(private readonly segments: SegmentsService) {}

  @Post('segments/recompute')
  @HttpCode(202)
  @Roles('admin')
  recompute(@CurrentUser() user: AuthUser) {
    return this.segments.recompute(user.organizationId);
  }

  @Get('segments')
  latest(@CurrentUser() user: AuthUser) {
    return this.segments.latest(user.organizationId);
  }

  @Get('segments/runs')
  runs(@CurrentUser() user: AuthUser) {
    return this.segments.runs(user.organizationId);
  }

  @Get('customers')
  customers(@CurrentUser() user: AuthUser, @Query({ schema: CustomerListQuerySchema }) query: CustomerListQuery) {
    return this.segments.customers(user.organizationId, query);
  }

  @Get('customers/:customerKey')
  customer(@CurrentUser() user: AuthUser, @Param('customerKey') customerKey: string) {
    return this.segments.customer(user.organizationId, customerKey);
  }
}
