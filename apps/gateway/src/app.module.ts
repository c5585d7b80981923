import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AnalyticsModule } from './analytics/analytics.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BatchesModule } from './batches/batches.module.js';
import { DomainErrorFilter } from './common/domain-error.filter.js';
import { type GatewayConfig } from './config/gateway.config.js';
import { CoreModule } from './core/core.module.js';
import { EventsModule } from './events/events.module.js';
import { HealthModule } from './health/health.module.js';
import { InvoicesModule } from './invoices/invoices.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { MonitoringModule } from './monitoring/monitoring.module.js';
import { SegmentsModule } from './segments/segments.module.js';
import { UsersModule } from './users/users.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

/** The gateway: the shared infrastructure (CoreModule) and one feature module per folder. */
@Module({})
export class AppModule {
  /** The config is parsed once in main and handed in, so tests can build the app with their own. */
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        AnalyticsModule,
        AuthModule,
        UsersModule,
        InvoicesModule,
        BatchesModule,
        JobsModule,
        EventsModule,
        HealthModule,
        MonitoringModule,
        SegmentsModule,
        WebhooksModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: DomainErrorFilter }],
    };
  }
}
