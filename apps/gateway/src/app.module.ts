import { createSecretKey } from 'node:crypto';
import { BullModule } from '@nestjs/bullmq';
import { Inject, Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { redisConnectionFromUrl } from '@invoice/config';
import { logFormat, loggerParams, RedisClient } from '@invoice/monitoring';
import { QUEUES } from '@invoice/contracts';
import { buildDataSourceOptions } from '@invoice/database';
import { AnalyticsController } from './analytics/analytics.controller.js';
import { AnalyticsService } from './analytics/analytics.service.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthService } from './auth/auth.service.js';
import { SessionService } from './auth/session.service.js';
import { PagesController } from './invoices/pages.controller.js';
import { PageImagesService } from './invoices/page-images.service.js';
import { JwtAuthGuard } from './auth/jwt-auth.guard.js';
import { LoginAttemptsService } from './auth/login-attempts.service.js';
import { LoginRateGuard } from './auth/login-rate.guard.js';
import { TokenCheckService } from './auth/token-check.service.js';
import { DomainErrorFilter } from './common/domain-error.filter.js';
import { GATEWAY_CONFIG, type GatewayConfig } from './config/gateway.config.js';
import { HealthController } from './health/health.controller.js';
import { InvoicesController } from './invoices/invoices.controller.js';
import { InvoiceCorrectionsService } from './invoices/invoice-corrections.service.js';
import { ReviewDecisionsService } from './invoices/review-decisions.service.js';
import { VendorTemplateLearningService } from './invoices/vendor-template-learning.service.js';
import { InvoicesService } from './invoices/invoices.service.js';
import { IdempotencyService } from './invoices/idempotency.service.js';
import { BatchesController } from './batches/batches.controller.js';
import { BatchesService } from './batches/batches.service.js';
import { UploadService } from './invoices/upload.service.js';
import { JobsController } from './jobs/jobs.controller.js';
import { UsersController } from './users/users.controller.js';
import { UsersService } from './users/users.service.js';
import { HttpMetricsMiddleware } from './monitoring/http-metrics.middleware.js';
import { MetricsController } from './monitoring/metrics.controller.js';
import { metricsProviders } from './monitoring/metrics.providers.js';
import { MonitoringController } from './monitoring/monitoring.controller.js';
import { MonitoringService } from './monitoring/monitoring.service.js';
import { QueueJobsService } from './monitoring/queue-jobs.service.js';
import { SegmentsController } from './segments/segments.controller.js';
import { SegmentsService } from './segments/segments.service.js';
import { JobStatusFeedService } from './events/job-status-feed.service.js';
import { BatchSseService } from './events/batch-sse.service.js';
import { JobSseService } from './events/job-sse.service.js';
import { WebhooksController } from './webhooks/webhooks.controller.js';
import { WebhooksService } from './webhooks/webhooks.service.js';
import { ReprocessService } from './invoices/reprocess.service.js';

@Module({})
export class AppModule implements NestModule {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  /** The config is parsed once in main and handed in, so tests can build the app with their own. */
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(
          loggerParams('gateway', config.LOG_LEVEL, logFormat(config.LOG_FORMAT, config.NODE_ENV, process.stdout.isTTY === true)),
        ),
        TypeOrmModule.forRoot(buildDataSourceOptions({ url: config.DATABASE_URL, applicationName: 'invoice-ocr-gateway' })),
        // No offline queue: when Redis is down an upload fails fast to "stored, queued later by the reconciler".
        BullModule.forRoot({
          connection: { ...redisConnectionFromUrl(config.REDIS_URL), enableOfflineQueue: false },
          prefix: config.QUEUE_PREFIX,
        }),
        BullModule.registerQueue({ name: QUEUES.OCR }, { name: QUEUES.SEGMENTATION }, { name: QUEUES.WEBHOOKS }),
        JwtModule.register({
          // A key object, not the string: jsonwebtoken otherwise turns the string into a key (trying it as a
          // public key first) on every verification, a fifth of the CPU of a status poll.
          secret: createSecretKey(Buffer.from(config.JWT_SECRET)),
          signOptions: { algorithm: 'HS256', expiresIn: config.JWT_EXPIRES_IN_SECONDS },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      controllers: [
        AnalyticsController,
        AuthController,
        UsersController,
        InvoicesController,
        PagesController,
        BatchesController,
        JobsController,
        HealthController,
        MetricsController,
        MonitoringController,
        SegmentsController,
        WebhooksController,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: RedisClient, useFactory: () => new RedisClient(config.REDIS_URL) },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        AuthService,
        SessionService,
        TokenCheckService,
        LoginAttemptsService,
        LoginRateGuard,
        UsersService,
        UploadService,
        IdempotencyService,
        BatchesService,
        ReprocessService,
        InvoicesService,
        PageImagesService,
        InvoiceCorrectionsService,
        ReviewDecisionsService,
        VendorTemplateLearningService,
        MonitoringService,
        QueueJobsService,
        SegmentsService,
        JobStatusFeedService,
        JobSseService,
        BatchSseService,
        WebhooksService,
        AnalyticsService,
        ...metricsProviders,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    if (this.config.HTTP_METRICS) consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
