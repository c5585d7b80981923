import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { BatchListQuerySchema, type AuthUser, type BatchListQuery, type BatchListResponse, type BatchResponse } from '@invoice/contracts';
import { CurrentUser } from '../auth/auth.decorators.js';
import { EXAMPLE_BATCH, EXAMPLE_IDS } from '../openapi/examples.js';
import { BEARER } from '../openapi/openapi.setup.js';
import { ApiErrors, BatchListResponseSchema, BatchResponseSchema } from '../openapi/response.schemas.js';
import { ApiZodQuery, ApiZodResponse } from '../openapi/zod-openapi.js';
import { BatchesService } from './batches.service.js';

const { failed: _failed, rejected: _rejected, ...EXAMPLE_BATCH_SUMMARY } = EXAMPLE_BATCH;

@ApiTags('batches')
@ApiBearerAuth(BEARER)
@ApiErrors(401)
@Controller('batches')
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  @Get()
  @ApiOperation({ summary: 'Upload batches of the organization, newest first, by pages (one per POST /api/invoices)' })
  @ApiZodQuery(BatchListQuerySchema)
  @ApiZodResponse(200, BatchListResponseSchema, { items: [EXAMPLE_BATCH_SUMMARY], nextCursor: null })
  @ApiErrors(400)
  list(@CurrentUser() user: AuthUser, @Query({ schema: BatchListQuerySchema }) query: BatchListQuery): Promise<BatchListResponse> {
    return this.batches.listBatches(user.organizationId, query);
  }

  @Get(':batchId')
  @ApiOperation({
    summary: 'Progress of one upload batch',
    description:
      'Counts by status of its accepted files (a duplicate counts with the status of the earlier document it points to), progress, ' +
      'when processing started and completed, the failed files with their error, and the files refused at upload.',
  })
  @ApiParam({ name: 'batchId', format: 'uuid', example: EXAMPLE_IDS.batchId })
  @ApiZodResponse(200, BatchResponseSchema, EXAMPLE_BATCH)
  @ApiErrors(404)
  get(@CurrentUser() user: AuthUser, @Param('batchId') batchId: string): Promise<BatchResponse> {
    return this.batches.getBatch(user.organizationId, batchId);
  }
}
