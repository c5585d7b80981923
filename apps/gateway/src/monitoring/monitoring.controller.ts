import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  FailedJobsQuerySchema,
  QueueJobIdParamSchema,
  QueueNameParamSchema,
  type AuthUser,
  type FailedJobsQuery,
  type FailedJobsResponse,
  type MonitoredQueue,
  type MonitoringSummary,
} from '@invoice/contracts';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { EXAMPLE_RUN } from '../openapi/examples.js';
import { BEARER } from '../openapi/openapi.setup.js';
import { ApiErrors, FailedJobsResponseSchema, MonitoringSummarySchema } from '../openapi/response.schemas.js';
import { ApiZodQuery, ApiZodResponse } from '../openapi/zod-openapi.js';
import { MonitoringService } from './monitoring.service.js';
import { QueueJobsService } from './queue-jobs.service.js';

const EXAMPLE_SUMMARY = {
  scope: 'platform',
  generatedAt: '2026-03-02T09:15:00.000Z',
  windowMinutes: 60,
  throughput: { perMinute: [{ minute: '2026-03-02T09:14:00.000Z', done: 12, needsReview: 1, failed: 0 }], invoicesPerMinute: 0.22 },
  ocrLatencyMs: { p50: 2900, p95: 5100, p99: 7400, samples: 13 },
  errorRate: 0,
  reviewRate: 0.08,
  queues: {
    ocr: { waiting: 0, prioritized: 11, active: 1, delayed: 0, failed: 0, completed: 12 },
    segmentation: { waiting: 0, prioritized: 0, active: 0, delayed: 0, failed: 0, completed: 1 },
    webhooks: { waiting: 0, prioritized: 0, active: 0, delayed: 0, failed: 1, completed: 4 },
  },
  workers: { alive: 1, concurrency: 2, busy: 1, list: [] },
  api: {
    instance: 'gateway-1',
    routes: [{ method: 'POST', route: '/api/invoices', requests: 13, errors: 0, p50Ms: 25, p95Ms: 60, p99Ms: 90 }],
  },
  segmentation: { lastRun: EXAMPLE_RUN },
};

@ApiTags('monitoring')
@ApiBearerAuth(BEARER)
@Controller('monitoring')
@Roles('admin')
export class MonitoringController {
  constructor(
    private readonly monitoring: MonitoringService,
    private readonly queueJobs: QueueJobsService,
  ) {}

  /** Everything the monitoring dashboard shows, in one answer. */
  @Get('summary')
  @ApiOperation({
    summary: 'Everything the monitoring dashboard shows (admin)',
    description:
      "The organization's own figures; queues, workers and per-route API traffic of the whole platform only for a platform operator (PLATFORM_OPERATORS), null otherwise.",
  })
  @ApiZodResponse(200, MonitoringSummarySchema, EXAMPLE_SUMMARY)
  @ApiErrors(401, 403)
  summary(@CurrentUser() user: AuthUser): Promise<MonitoringSummary> {
    return this.monitoring.summary(user.organizationId, user.platformRoles.includes('platform-operator'));
  }

  /** The organization's failed jobs of one queue, newest first, with their error. */
  @Get('queues/:queue/failed')
  @ApiOperation({ summary: "The organization's failed jobs of a queue with their error, newest first (admin)" })
  @ApiParam({ name: 'queue', enum: ['ocr', 'segmentation', 'webhooks'] })
  @ApiZodQuery(FailedJobsQuerySchema)
  @ApiZodResponse(200, FailedJobsResponseSchema, {
    queue: 'webhooks',
    items: [
      {
        id: '0f9e8d7c-1b2a-4c3d-8e9f-0a1b2c3d4e5f',
        name: 'deliver',
        error: 'endpoint answered 500',
        attemptsMade: 5,
        createdAt: '2026-03-02T09:10:00.000Z',
        failedAt: '2026-03-02T09:14:00.000Z',
      },
    ],
  })
  @ApiErrors(400, 401, 403)
  failed(
    @CurrentUser() user: AuthUser,
    @Param('queue', { schema: QueueNameParamSchema }) queue: MonitoredQueue,
    @Query({ schema: FailedJobsQuerySchema }) query: FailedJobsQuery,
  ): Promise<FailedJobsResponse> {
    return this.queueJobs.failed(user.organizationId, queue, query.limit);
  }

  /** Puts a failed job back in its queue. */
  @Post('queues/:queue/jobs/:jobId/retry')
  @HttpCode(204)
  @ApiOperation({ summary: 'Retry a failed job of the organization (admin); 409 when the job is not failed' })
  @ApiParam({ name: 'queue', enum: ['ocr', 'segmentation', 'webhooks'] })
  @ApiResponse({ status: 204, description: 'Queued again' })
  @ApiErrors(400, 401, 403, 404, 409)
  async retry(
    @CurrentUser() user: AuthUser,
    @Param('queue', { schema: QueueNameParamSchema }) queue: MonitoredQueue,
    @Param('jobId', { schema: QueueJobIdParamSchema }) jobId: string,
  ): Promise<void> {
    await this.queueJobs.retry(user.organizationId, queue, jobId);
  }

  /** Removes a job that is not running. */
  @Delete('queues/:queue/jobs/:jobId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a job of the organization that is not running (admin); 409 while it runs' })
  @ApiParam({ name: 'queue', enum: ['ocr', 'segmentation', 'webhooks'] })
  @ApiResponse({ status: 204, description: 'Removed' })
  @ApiErrors(400, 401, 403, 404, 409)
  async remove(
    @CurrentUser() user: AuthUser,
    @Param('queue', { schema: QueueNameParamSchema }) queue: MonitoredQueue,
    @Param('jobId', { schema: QueueJobIdParamSchema }) jobId: string,
  ): Promise<void> {
    await this.queueJobs.remove(user.organizationId, queue, jobId);
  }
}
