import { Controller, Get, Param, Sse, SseSignal, type MessageEvent } from '@nestjs/common';
import { uuidParam, type AuthUser, type JobStatusResponse } from '@invoice/contracts';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { CurrentUser } from '../auth/auth.decorators.js';
import { QUERY_TOKEN_PARAM } from '../auth/jwt-auth.guard.js';
import { JobSseService } from './job-sse.service.js';
import { EXAMPLE_IDS } from '../openapi/examples.js';
import { BEARER } from '../openapi/openapi.setup.js';
import { ApiErrors, JobStatusResponseSchema } from '../openapi/response.schemas.js';
import { ApiZodResponse } from '../openapi/zod-openapi.js';
import { InvoicesService } from '../invoices/invoices.service.js';

const EXAMPLE_STREAM = [
  `data: {"jobId":"${EXAMPLE_IDS.jobId}","documentId":"${EXAMPLE_IDS.documentId}","status":"queued","progress":0,"error":null,"at":"2026-03-02T09:14:05.120Z"}`,
  `data: {"jobId":"${EXAMPLE_IDS.jobId}","documentId":"${EXAMPLE_IDS.documentId}","status":"processing","progress":15,"error":null,"at":"2026-03-02T09:14:05.480Z"}`,
  ': heartbeat',
  `data: {"jobId":"${EXAMPLE_IDS.jobId}","documentId":"${EXAMPLE_IDS.documentId}","status":"done","progress":100,"error":null,"at":"2026-03-02T09:14:09.870Z"}`,
].join('\n\n');

@ApiTags('jobs')
@ApiBearerAuth(BEARER)
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly invoices: InvoicesService,
    private readonly streams: JobSseService,
  ) {}

  @Get(':jobId')
  @ApiOperation({ summary: 'Status and progress of an OCR job (cheap to poll)' })
  @ApiParam({ name: 'jobId', example: EXAMPLE_IDS.jobId })
  @ApiZodResponse(200, JobStatusResponseSchema, {
    jobId: EXAMPLE_IDS.jobId,
    documentId: EXAMPLE_IDS.documentId,
    status: 'processing',
    progress: 40,
    error: null,
  })
  @ApiErrors(400, 401, 404)
  status(@CurrentUser() user: AuthUser, @Param('jobId', { schema: uuidParam('jobId') }) jobId: string): Promise<JobStatusResponse> {
    return this.invoices.jobStatus(user.organizationId, jobId);
  }

  @Sse(':jobId/events')
  @ApiOperation({
    summary: 'Server-sent events of an OCR job: its status now, then each change, until it is done, needs_review or failed',
    description:
      'A `text/event-stream`. The first event is the current status (from PostgreSQL), then one event per change ' +
      '(`data:` is JSON `{jobId, documentId, status, progress, error, at}`, the event type is the default `message`). ' +
      'A comment line (`: heartbeat`) comes every SSE_HEARTBEAT_MS (15 s) so proxies keep the connection open. ' +
      'The server closes the stream after the first final status (done, needs_review, failed). ' +
      `Browsers' EventSource cannot send headers: on event-stream routes only, the token may be passed as \`?${QUERY_TOKEN_PARAM}=<token>\`.`,
  })
  @ApiParam({ name: 'jobId', example: EXAMPLE_IDS.jobId })
  @ApiQuery({
    name: QUERY_TOKEN_PARAM,
    required: false,
    description: 'The bearer token, for clients that cannot send the Authorization header (EventSource)',
  })
  @ApiResponse({
    status: 200,
    description: 'The event stream; ends after a final status',
    content: { 'text/event-stream': { schema: { type: 'string' }, example: EXAMPLE_STREAM } },
  })
  @ApiErrors(400, 401, 404)
  events(
    @CurrentUser() user: AuthUser,
    @Param('jobId', { schema: uuidParam('jobId') }) jobId: string,
    @SseSignal() signal: AbortSignal,
  ): Promise<Observable<MessageEvent>> {
    return this.streams.open(user.organizationId, jobId, signal);
  }
}
