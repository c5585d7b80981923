import { BullModule, Processor } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { QUEUES } from '@invoice/contracts';
import { createWebhookMetrics } from '@invoice/monitoring';
import type { WorkerConfig } from '../config/worker.config.js';
import { METRICS_REGISTRY } from '../monitoring/metrics.providers.js';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor.js';
import { WEBHOOK_METRICS, WebhookDeliveryService } from './webhook-delivery.service.js';
import { WebhookDispatchService } from './webhook-dispatch.service.js';
import { WebhookReconcilerService } from './webhook-reconciler.service.js';

/**
 * Webhook deliveries in the OCR worker process: the `webhooks` queue's consumer, the dispatch used
 * when a document reaches a final status, and the reconciler of pending deliveries. Uses the
 * worker's config and metrics registry (exported by WorkerModule).
 */
@Module({})
export class WebhooksModule {
  static forRoot(config: WorkerConfig): DynamicModule {
    Processor(QUEUES.WEBHOOKS, { concurrency: config.WEBHOOK_CONCURRENCY })(WebhookDeliveryProcessor);
    return {
      module: WebhooksModule,
      imports: [BullModule.registerQueue({ name: QUEUES.WEBHOOKS })],
      providers: [
        { provide: WEBHOOK_METRICS, inject: [METRICS_REGISTRY], useFactory: (registry: Registry) => createWebhookMetrics(registry) },
        WebhookDispatchService,
        WebhookDeliveryService,
        WebhookDeliveryProcessor,
        WebhookReconcilerService,
      ],
      exports: [WebhookDispatchService],
    };
  }
}
