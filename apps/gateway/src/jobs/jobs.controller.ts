import { Controller, Get, Param } from '@nestjs/common';
import type { AuthUser, JobStatusResponse } from '@invoice/contracts';
import { CurrentUser } from '../auth/auth.decorators.js';
import { InvoicesService } from '../invoices/invoices.service.js';

@Controller('jobs')
export class JobsController {
  constructor(private readonly invoices: InvoicesService) {}

  @Get(':jobId')
  status(@CurrentUser() user: AuthUser, @Param('jobId') jobId: string): Promise<JobStatusResponse> {
    return this.invoices.jobStatus(user.organizationId, jobId);
  }
}
