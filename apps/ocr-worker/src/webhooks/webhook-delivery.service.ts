import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { parseWebhookAllowance, type WebhookTargetAllowance } from '@invoice/contracts';
import { findWebhookDeliveryToSend, recordWebhookAttempt } from '@invoice/database';
import type { WebhookMetrics } from '@invoice/monitoring';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker.config.js';
import { guardedPost } from './guarded.request.js';
import { attemptOutcome, signedWebhookRequest, type AttemptOutcome } from './webhook.attempt.js';

export const WEBHOOK_METRICS = Symbol('WEBHOOK_METRICS');

export type DeliveryResult =
  { outcome: AttemptOutcome; responseCode: number | null; error: string | null } | { outcome: 'skipped'; reason: string };

/** Why an attempt got no answer, in words a person can act on. */
function describeFetchError(error: unknown, timeoutMs: number): string {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `No answer within ${timeoutMs} ms`;
  if (err.name === 'WebhookTargetRefused') return `Refused: ${err.message}`;
  const code = (err as { code?: string }).code;
  if (code) return `Could not reach the endpoint (${code})`;
  const cause = err.cause?.code ?? err.cause?.message;
  return cause ? `${err.message}: ${cause}` : err.message;
}

/** One attempt of one delivery: POST the signed event, record the answer on the delivery row. */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);
  private readonly allowance: WebhookTargetAllowance;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(WEBHOOK_METRICS) private readonly metrics: WebhookMetrics,
  ) {
    this.allowance = parseWebhookAllowance(config.WEBHOOK_ALLOWED_TARGETS).allowance;
  }

  async deliver(deliveryId: string): Promise<DeliveryResult> {
    const row = await findWebhookDeliveryToSend(this.dataSource, deliveryId);
    // The endpoint was deleted (its deliveries with it), or an earlier run of this job already finished it.
    if (!row) return { outcome: 'skipped', reason: 'delivery or endpoint deleted' };
    if (row.status !== 'pending') return { outcome: 'skipped', reason: `delivery already ${row.status}` };

    const request = await signedWebhookRequest(row.payload, row.secret, Math.floor(Date.now() / 1000));
    let responseCode: number | null = null;
    let error: string | null = null;
    try {
      // A redirect is an answer like any other non-2xx: the signed body is not sent elsewhere.
      responseCode = await guardedPost({
        url: row.url,
        headers: request.headers,
        body: request.body,
        timeoutMs: this.config.WEBHOOK_TIMEOUT_MS,
        allowance: this.allowance,
      });
      if (responseCode < 200 || responseCode >= 300) error = `Endpoint answered HTTP ${responseCode}`;
    } catch (caught) {
      error = describeFetchError(caught, this.config.WEBHOOK_TIMEOUT_MS);
    }
    const attempts = row.attempts + 1;
    const outcome = attemptOutcome(responseCode, attempts, this.config.WEBHOOK_ATTEMPTS);
    await recordWebhookAttempt(this.dataSource, row.id, { status: outcome === 'retried' ? 'pending' : outcome, responseCode, error });
    this.metrics.deliveries.inc({ outcome });
    const context = {
      deliveryId: row.id,
      type: row.payload.type,
      documentId: row.payload.data.documentId,
      attempt: attempts,
      responseCode,
    };
    if (outcome === 'failed') this.logger.warn({ ...context, error }, 'webhook delivery failed for good');
    else if (outcome === 'retried') this.logger.log({ ...context, error }, 'webhook delivery attempt failed, will retry');
    return { outcome, responseCode, error };
  }
}
