import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { generateWebhookSecret } from '@invoice/contracts';
import { createWebhookMetrics } from '@invoice/monitoring';
import { createTestDatabase, seedDocument, type TestDatabase } from '@invoice/testing';
import { loadWorkerConfig } from '../config/worker.config.js';
import { buildWebhookBody } from './webhook.attempt.js';
import { WebhookDeliveryService } from './webhook-delivery.service.js';

/*
 * Webhook delivery against internal targets, on the real PostgreSQL: an endpoint stored with a loopback URL
 * (registered before the check, or through a host name that resolves inward) is refused at delivery, with
 * the reason on the delivery row and no request reaching the receiver; listed as an exception, it is delivered.
 * The only receiver is on 127.0.0.1: no test sends anything elsewhere.
 */
describe('webhook delivery refuses internal targets (real PostgreSQL, loopback receiver)', () => {
  let db: TestDatabase;
  let server: Server;
  let port: number;
  const hits: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('webhook_ssrf');
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200).end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db?.drop();
  });

  const service = (allowed: string) =>
    new WebhookDeliveryService(
      db.dataSource,
      loadWorkerConfig({
        NODE_ENV: 'test',
        DATABASE_URL: db.url,
        WEBHOOK_ATTEMPTS: '1',
        WEBHOOK_TIMEOUT_MS: '2000',
        WEBHOOK_ALLOWED_TARGETS: allowed,
      }).config,
      createWebhookMetrics(new Registry()),
    );

  /** An endpoint row written straight to the database (as if registered before the check existed), and one pending delivery to it. */
  async function pendingDelivery(url: string): Promise<string> {
    const seeded = await seedDocument(db.dataSource, Buffer.from(randomUUID()), { organizationName: 'Webhook SSRF', status: 'done' });
    const endpointId = randomUUID();
    const deliveryId = randomUUID();
    await db.dataSource.query(`INSERT INTO webhook_endpoints (id, organization_id, url, secret, events) VALUES ($1, $2, $3, $4, $5)`, [
      endpointId,
      seeded.organizationId,
      url,
      generateWebhookSecret(),
      ['invoice.done'],
    ]);
    const body = buildWebhookBody(
      deliveryId,
      new Date(),
      { ...seeded, id: seeded.documentId, filename: 'a.png', status: 'done', error: null },
      null,
    );
    await db.dataSource.query(
      `INSERT INTO webhook_deliveries (id, organization_id, endpoint_id, document_id, event_type, payload) VALUES ($1, $2, $3, $4, 'invoice.done', $5)`,
      [deliveryId, seeded.organizationId, endpointId, seeded.documentId, JSON.stringify(body)],
    );
    return deliveryId;
  }

  it.each([
    ['a loopback address', (p: number) => `http://127.0.0.1:${p}/literal`, /127\.0\.0\.1 is a loopback address/],
    ['its decimal spelling', (p: number) => `http://2130706433:${p}/decimal`, /127\.0\.0\.1 is a loopback address/],
    ['the name localhost', (p: number) => `http://localhost:${p}/name`, /local host name \(localhost\)/],
  ])('refuses %s at delivery and records why; nothing reaches the receiver', async (_what, url, reason) => {
    const deliveryId = await pendingDelivery(url(port));
    const result = await service('').deliver(deliveryId);
    expect(result).toMatchObject({ outcome: 'failed', responseCode: null });
    const [row] = await db.dataSource.query(`SELECT status, response_code, last_error FROM webhook_deliveries WHERE id = $1`, [deliveryId]);
    expect(row).toMatchObject({ status: 'failed', response_code: null });
    expect(row.last_error).toMatch(/^Refused: /);
    expect(row.last_error).toMatch(reason);
    expect(hits).toEqual([]);
  });

  it('delivers to a loopback receiver listed in WEBHOOK_ALLOWED_TARGETS', async () => {
    const deliveryId = await pendingDelivery(`http://127.0.0.1:${port}/allowed`);
    expect(await service('127.0.0.1/32').deliver(deliveryId)).toMatchObject({ outcome: 'succeeded', responseCode: 200 });
    expect(hits).toEqual(['/allowed']);
  });
});
