import { BullModule, getQueueToken, Processor } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { LoggerModule } from 'nestjs-pino';
import { redisConnectionFromUrl } from '@invoice/config';
import { logFormat, loggerParams, OpsServerHost, RedisClient } from '@invoice/monitoring';
import { QUEUES } from '@invoice/contracts';
import { buildDataSourceOptions, pingDatabase } from '@invoice/database';
import { WORKER_CONFIG, type WorkerConfig } from './config/worker.config.js';
import { DocumentLifecycle } from './lifecycle/document-lifecycle.service.js';
import { DocumentProcessingService } from './processing/document-processing.service.js';
import { PageImagesStore } from './pages/page-images.store.js';
import { VendorTemplateReader } from './templates/vendor-template.reader.js';
import { EInvoiceStep } from './einvoice/einvoice.step.js';
import { OcrEngineProvider } from './processing/ocr-engine.provider.js';
import { OcrProcessor, ocrWorkerOptions } from './processing/ocr.processor.js';
import { ReconcilerService } from './reconcile/reconciler.service.js';
import { METRICS_REGISTRY, metricsProviders } from './monitoring/metrics.providers.js';
import { HeartbeatService } from './monitoring/heartbeat.service.js';
import { SegmentationTriggerService } from './segmentation/segmentation-trigger.service.js';
import { JobStatusPublisher } from './events/job-status.publisher.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

@Module({})
export class WorkerModule {
  static forRoot(config: WorkerConfig): DynamicModule {
    // Worker options (concurrency, locks) come from the environment, known only now: apply the
    // public decorator again with them before the BullMQ explorer creates the worker.
    Processor(QUEUES.OCR, ocrWorkerOptions(config))(OcrProcessor);
    return {
      module: WorkerModule,
      // The config and the metrics registry are shared with the feature modules (WebhooksModule).
      global: true,
      imports: [
        LoggerModule.forRoot(
          loggerParams('ocr-worker', config.LOG_LEVEL, logFormat(config.LOG_FORMAT, config.NODE_ENV, process.stdout.isTTY === true)),
        ),
        TypeOrmModule.forRoot(
          buildDataSourceOptions({ url: config.DATABASE_URL, applicationName: 'invoice-ocr-worker', poolSize: config.OCR_CONCURRENCY + 2 }),
        ),
        BullModule.forRoot({ connection: redisConnectionFromUrl(config.REDIS_URL), prefix: config.QUEUE_PREFIX }),
        BullModule.registerQueue({ name: QUEUES.OCR }, { name: QUEUES.SEGMENTATION }),
        WebhooksModule.forRoot(config),
      ],
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        OcrEngineProvider,
        DocumentLifecycle,
        DocumentProcessingService,
        PageImagesStore,
        VendorTemplateReader,
        EInvoiceStep,
        OcrProcessor,
        ReconcilerService,
        {
          // Health and metrics on the worker's own port: it serves no API.
          provide: OpsServerHost,
          inject: [getDataSourceToken(), getQueueToken(QUEUES.OCR), METRICS_REGISTRY],
          useFactory: (dataSource: DataSource, queue: Queue, registry: Registry) =>
            new OpsServerHost({
              port: config.PORT,
              registry,
              readiness: { postgres: () => pingDatabase(dataSource), redis: () => queue.getWaitingCount() },
            }),
        },
        HeartbeatService,
        { provide: RedisClient, useFactory: () => new RedisClient(config.REDIS_URL) },
        SegmentationTriggerService,
        JobStatusPublisher,
        ...metricsProviders,
      ],
      exports: [WORKER_CONFIG, METRICS_REGISTRY],
    };
  }
}
