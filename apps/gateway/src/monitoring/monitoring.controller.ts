import { Controller, Get } from '@nestjs/common';
import type { AuthUser, MonitoringSummary } from '@invoice/contracts';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { EXAMPLE_RUN } from '../openapi/examples.js';
import { BEARER } from '../openapi/openapi.setup.js';
import { ApiErrors, MonitoringSummarySchema } from '../openapi/response.schemas.js';
import { ApiZodResponse } from '../openapi/zod-openapi.js';
import { MonitoringService } from './monitoring.service.js';

const EXAMPLE_SUMMARY = {
  scope: 'platform',
  generatedAt: '2026-03-02T09:15:00.000Z',
  windowMinutes: 60,
  throughput: { perMinute: [{ minute: '2026-03-02T09:14:00.000Z', done: 12, needsReview: 1, failed: 0 }], invoicesPerMinute: 0.22 },
  ocrLatencyMs: { p50: 2900, p95: 5100, p99: 7400, samples: 13 },
  errorRate: 0,
  reviewRate: 0.08,
  queues: { ocr: { waiting: 0, active: 1, delayed: 0, failed: 0, completed: 12 } },
  workers: { alive: 1, concurrency: 2, busy: 1, list: [] },
  api: { instance: 'gateway-1', routes: [{ method: 'POST', route: '/api/invoices', requests: 13, errors: 0, p50Ms: 25, p95Ms: 60, p99Ms: 90 }] },
  segmentation: { lastRun: EXAMPLE_RUN },
};

@ApiTags('monitoring')
@ApiBearerAuth(BEARER)
@Controller('monitoring')
@Roles('admin')
export class MonitoringController {
  constructor(private readonly monitoring: MonitoringService) {}

  /** Everything the monitoring dashboard shows, in one answer. */
  @Get('summary')
  @ApiOperation({
    summary: 'Everything the monitoring dashboard shows (admin)',
    description: "The organization's own figures; queues, workers and per-route API traffic of the whole platform only for a platform operator (PLATFORM_OPERATORS), null otherwise.",
  })
  @ApiZodResponse(200, MonitoringSummarySchema, EXAMPLE_SUMMARY)
  @ApiErrors(401, 403)
  summary(@CurrentUser() user: AuthUser): Promise<MonitoringSummary> {
    return this.monitoring.summary(user.organizationId, user.platformRoles.includes('platform-operator'));
  }
}
