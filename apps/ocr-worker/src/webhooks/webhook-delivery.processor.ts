import { Processor, WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { JOBS, QUEUES, WebhookDeliveryJobPayloadSchema } from '@invoice/contracts';
import { WebhookDeliveryService, type DeliveryResult } from './webhook-delivery.service.js';

/** Thin: validates the payload, runs one attempt; a failed attempt is thrown so BullMQ retries it with backoff. */
@Processor(QUEUES.WEBHOOKS)
export class WebhookDeliveryProcessor extends WorkerHost {
  constructor(private readonly deliveries: WebhookDeliveryService) {
    super();
  }

  async process(job: Job): Promise<DeliveryResult> {
    if (job.name !== JOBS.WEBHOOK_DELIVERY) throw new UnrecoverableError(`Unknown job name "${job.name}" on queue ${QUEUES.WEBHOOKS}`);
    const parsed = WebhookDeliveryJobPayloadSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`Invalid webhook delivery payload: ${parsed.error.message}`);
    const result = await this.deliveries.deliver(parsed.data.deliveryId);
    if (result.outcome === 'retried') throw new Error(result.error ?? 'delivery failed');
    if (result.outcome === 'failed') throw new UnrecoverableError(result.error ?? 'delivery failed');
    return result;
  }
}
