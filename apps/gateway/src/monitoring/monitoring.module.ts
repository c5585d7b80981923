import { Inject, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config.js';
import { HttpMetricsMiddleware } from './http-metrics.middleware.js';
import { MetricsController } from './metrics.controller.js';
import { HTTP_METRICS, metricsProviders } from './metrics.providers.js';
import { MonitoringController } from './monitoring.controller.js';
import { MonitoringService } from './monitoring.service.js';
import { QueueJobsService } from './queue-jobs.service.js';

/** Prometheus metrics (and the HTTP metrics of every route when HTTP_METRICS is on), the monitoring routes and queue job inspection. */
@Module({
  controllers: [MetricsController, MonitoringController],
  providers: [MonitoringService, QueueJobsService, ...metricsProviders],
  // The error filter counts the errors it answers.
  exports: [HTTP_METRICS],
})
export class MonitoringModule implements NestModule {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  configure(consumer: MiddlewareConsumer): void {
    if (this.config.HTTP_METRICS) consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
