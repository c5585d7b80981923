import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { EntityManager } from 'typeorm';
import { QUEUES, webhookDeliveryJob, webhookEventTypeFor } from '@invoice/contracts';
import { insertWebhookDeliveries, subscribedEndpointIds } from '@invoice/database';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker.config.js';
import { buildWebhookBody, type FinalDocument, type WebhookInvoiceSummary } from './webhook.attempt.js';

/**
 * When a document reaches a final status: one delivery row per subscribed endpoint, written in the
 * transaction that records the status (so no event is lost), then one job per delivery once it is
 * committed. A job that never reaches Redis is queued by the WebhookReconcilerService.
 */
@Injectable()
export class WebhookDispatchService {
  private readonly logger = new Logger(WebhookDispatchService.name);

  constructor(
    @InjectQueue(QUEUES.WEBHOOKS) private readonly queue: Queue,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  /** Inside the status transaction. Returns the ids of the new deliveries (none again for an event already recorded). */
  async createDeliveries(manager: EntityManager, document: FinalDocument, invoice: WebhookInvoiceSummary | null): Promise<string[]> {
    const type = webhookEventTypeFor(document.status);
    const endpointIds = await subscribedEndpointIds(manager, document.organizationId, type);
    const createdAt = new Date();
    const deliveries = endpointIds.map((endpointId) => {
      const id = randomUUID();
      return {
        id,
        organizationId: document.organizationId,
        endpointId,
        documentId: document.id,
        eventType: type,
        payload: buildWebhookBody(id, createdAt, document, invoice),
      };
    });
    return insertWebhookDeliveries(manager, deliveries);
  }

  /** After the commit. Never throws: a delivery left pending in Postgres is queued later by the reconciler. */
  async enqueue(organizationId: string, deliveryIds: string[]): Promise<void> {
    if (!deliveryIds.length) return;
    try {
      await this.queue.addBulk(deliveryIds.map((deliveryId) => this.job(deliveryId, organizationId)));
    } catch (error) {
      this.logger.warn({ deliveryIds, error: (error as Error).message }, 'webhook deliveries not queued; the reconciler will queue them');
    }
  }

  /** A delivery's job, under the delivery's id (so queuing it twice is harmless). */
  job(deliveryId: string, organizationId: string) {
    return webhookDeliveryJob(
      { deliveryId, organizationId },
      { attempts: this.config.WEBHOOK_ATTEMPTS, backoffMs: this.config.WEBHOOK_BACKOFF_MS },
    );
  }
}
