import { Controller, Get, Param } from '@nestjs/common';
import type { AuthUser, JobStatusResponse } from '@invoice/contracts';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import { EXAMPLE_IDS } from '../openapi/examples.js';
import { BEARER } from '../openapi/openapi.setup.js';
import { ApiErrors, JobStatusResponseSchema } from '../openapi/response.schemas.js';
import { ApiZodResponse } from '../openapi/zod-openapi.js';
import { InvoicesService } from '../invoices/invoices.service.js';

@ApiTags('jobs')
@ApiBearerAuth(BEARER)
@Controller('jobs')
export class JobsController {
  constructor(private readonly invoices: InvoicesService) {}

  @Get(':jobId')
  @ApiOperation({ summary: 'Status and progress of an OCR job (cheap to poll)' })
  @ApiParam({ name: 'jobId', example: EXAMPLE_IDS.jobId })
  @ApiZodResponse(200, JobStatusResponseSchema, { jobId: EXAMPLE_IDS.jobId, documentId: EXAMPLE_IDS.documentId, status: 'processing', progress: 40, error: null })
  @ApiErrors(401, 404)
  status(@CurrentUser() user: AuthUser, @Param('jobId') jobId: string): Promise<JobStatusResponse> {
    return this.invoices.jobStatus(user.organizationId, jobId);
  }
}
