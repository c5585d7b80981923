import { Controller, Get } from '@nestjs/common';
import type { AuthUser } from '@invoice/contracts';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { MonitoringService, type MonitoringSummary } from './monitoring.service.js';

@Controller('monitoring')
@Roles('admin')
export class MonitoringController {
  constructor(private readonly monitoring: MonitoringService) {}

  /** Everything the monitoring dashboard shows, in one answer. */
  @Get('summary')
  summary(@CurrentUser() user: AuthUser): Promise<MonitoringSummary> {
    return this.monitoring.summary(user.organizationId);
  }
}
