import { Controller, Get, Param, Query, Sse, SseSignal, type MessageEvent } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import {
  BatchListQuerySchema,
  uuidParam,
  type AuthUser,
  type BatchListQuery,
  type BatchListResponse,
  type BatchResponse,
} from '@invoice/contracts';
import { CurrentUser } from '../auth/auth.decorators.js';
import { QUERY_TOKEN_PARAM } from '../auth/jwt-auth.guard.js';
import { BatchSseService } from './batch-sse.service.js';
import { EXAMPLE_BATCH, EXAMPLE_IDS } from '../openapi/examples.js';
import { BEARER } from '../openapi/openapi.setup.js';
import { ApiErrors, BatchListResponseSchema, BatchResponseSchema } from '../openapi/response.schemas.js';
import { ApiZodQuery, ApiZodResponse } from '../openapi/zod-openapi.js';
import { BatchesService } from './batches.service.js';

const { failed: _failed, rejected: _rejected, ...EXAMPLE_BATCH_SUMMARY } = EXAMPLE_BATCH;

const EXAMPLE_STREAM = [
  `event: batch\ndata: ${JSON.stringify({ ...EXAMPLE_BATCH_SUMMARY, completedAt: null, progress: 50 })}`,
  `event: job\ndata: {"jobId":"${EXAMPLE_IDS.jobId}","documentId":"${EXAMPLE_IDS.documentId}","status":"done","progress":100,"error":null,"at":"2026-03-02T09:14:09.870Z"}`,
  ': heartbeat',
  `event: batch\ndata: ${JSON.stringify(EXAMPLE_BATCH_SUMMARY)}`,
].join('\n\n');

@ApiTags('batches')
@ApiBearerAuth(BEARER)
@ApiErrors(401)
@Controller('batches')
export class BatchesController {
  constructor(
    private readonly batches: BatchesService,
    private readonly streams: BatchSseService,
  ) {}

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
  @ApiErrors(400, 404)
  get(@CurrentUser() user: AuthUser, @Param('batchId', { schema: uuidParam('batchId') }) batchId: string): Promise<BatchResponse> {
    return this.batches.getBatch(user.organizationId, batchId);
  }

  @Sse(':batchId/events')
  @ApiOperation({
    summary: 'Server-sent events of an upload batch: its counts and progress, and each status change of its files, until it is complete',
    description:
      'A `text/event-stream` with two event types. `batch`: the batch answer without its file lists (counts, progress, startedAt, completedAt), ' +
      'first as PostgreSQL has it, then whenever it changes (re-read at most twice a second). `job`: `{jobId, documentId, status, progress, error, at}` ' +
      'for each status change of one of its files. A comment line (`: heartbeat`) comes every SSE_HEARTBEAT_MS (15 s). The server closes the stream ' +
      'once the batch is complete (every file done, needs_review or failed); the last `batch` event has `completedAt`. ' +
      `Browsers' EventSource cannot send headers: on event-stream routes only, the token may be passed as \`?${QUERY_TOKEN_PARAM}=<token>\`.`,
  })
  @ApiParam({ name: 'batchId', format: 'uuid', example: EXAMPLE_IDS.batchId })
  @ApiQuery({
    name: QUERY_TOKEN_PARAM,
    required: false,
    description: 'The bearer token, for clients that cannot send the Authorization header (EventSource)',
  })
  @ApiResponse({
    status: 200,
    description: 'The event stream; ends once the batch is complete',
    content: { 'text/event-stream': { schema: { type: 'string' }, example: EXAMPLE_STREAM } },
  })
  @ApiErrors(400, 404)
  events(
    @CurrentUser() user: AuthUser,
    @Param('batchId', { schema: uuidParam('batchId') }) batchId: string,
    @SseSignal() signal: AbortSignal,
  ): Promise<Observable<MessageEvent>> {
    return this.streams.open(user.organizationId, batchId, signal);
  }
}
