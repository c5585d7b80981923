import type { WebhookEventBody, WebhookEventType } from '@invoice/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { WebhookDeliveryEntity } from './entities/webhook-delivery.entity.js';

type Db = DataSource | EntityManager;

/** The organization's endpoints subscribed to an event type. */
export async function subscribedEndpointIds(db: Db, organizationId: string, eventType: WebhookEventType): Promise<string[]> {
  const rows: { id: string }[] = await db.query(`SELECT id FROM webhook_endpoints WHERE organization_id = $1 AND $2 = ANY(events)`, [
    organizationId,
    eventType,
  ]);
  return rows.map((row) => row.id);
}

export interface NewWebhookDelivery {
  id: string;
  organizationId: string;
  endpointId: string;
  documentId: string;
  eventType: WebhookEventType;
  payload: WebhookEventBody;
}

/** Inserts deliveries, skipping those already recorded (one per endpoint, document and event); returns the ids inserted. */
export async function insertWebhookDeliveries(db: Db, deliveries: readonly NewWebhookDelivery[]): Promise<string[]> {
  if (!deliveries.length) return [];
  const result = await db
    .createQueryBuilder()
    .insert()
    .into(WebhookDeliveryEntity)
    .values([...deliveries])
    .orIgnore()
    .returning(['id'])
    .execute();
  return (result.raw as { id: string }[]).map((row) => row.id);
}

/** A delivery with its endpoint's address and secret, as an attempt needs it. */
export interface WebhookDeliveryToSend {
  id: string;
  status: string;
  attempts: number;
  payload: WebhookEventBody;
  url: string;
  secret: string;
}

/** Null when the delivery or its endpoint was deleted. */
export async function findWebhookDeliveryToSend(db: Db, deliveryId: string): Promise<WebhookDeliveryToSend | null> {
  const [row]: WebhookDeliveryToSend[] = await db.query(
    `SELECT d.id, d.status, d.attempts, d.payload, e.url, e.secret
       FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
      WHERE d.id = $1`,
    [deliveryId],
  );
  return row ?? null;
}

/** One attempt's answer: one more attempt, its status (`pending` while it will be retried), code and error. */
export async function recordWebhookAttempt(
  db: Db,
  deliveryId: string,
  attempt: { status: 'pending' | 'succeeded' | 'failed'; responseCode: number | null; error: string | null },
): Promise<void> {
  await db.query(
    `UPDATE webhook_deliveries
        SET attempts = attempts + 1, status = $2, response_code = $3, last_error = $4, last_attempt_at = now(), updated_at = now(),
            delivered_at = CASE WHEN $2 = 'succeeded' THEN now() ELSE delivered_at END
      WHERE id = $1`,
    [deliveryId, attempt.status, attempt.responseCode, attempt.error],
  );
}

/** Deliveries `pending` and unchanged for `graceMs`, with an id after `after`, in id order, at most `limit`. */
export async function pendingWebhookDeliveries(
  db: Db,
  graceMs: number,
  after: string,
  limit: number,
): Promise<{ id: string; organizationId: string }[]> {
  const rows: { id: string; organization_id: string }[] = await db.query(
    `SELECT id, organization_id FROM webhook_deliveries
      WHERE status = 'pending' AND updated_at < now() - make_interval(secs => $1::float / 1000) AND id > $2
      ORDER BY id LIMIT $3`,
    [graceMs, after, limit],
  );
  return rows.map((r) => ({ id: r.id, organizationId: r.organization_id }));
}

/** A pending delivery whose job BullMQ gave up on: `failed`, keeping the last attempt's error if there was one. */
export async function failPendingWebhookDelivery(db: Db, deliveryId: string, reason: string): Promise<void> {
  await db.query(
    `UPDATE webhook_deliveries SET status = 'failed', last_error = coalesce(last_error, $2), updated_at = now() WHERE id = $1 AND status = 'pending'`,
    [deliveryId, reason],
  );
}
