import { describe, expect, it } from '@jest/globals';
import { CreateWebhookRequestSchema, generateWebhookSecret, signWebhook, verifyWebhook, WebhookSecretSchema } from './webhooks.js';
import { WebhookDeliveryJobPayloadSchema } from './queues.js';

// The test vector of the Standard Webhooks specification's reference libraries.
const SPEC = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('webhook signatures (Standard Webhooks)', () => {
  it('signs like the specification test vector', async () => {
    expect(await signWebhook(SPEC.secret, SPEC.id, SPEC.timestamp, SPEC.body)).toBe(SPEC.signature);
  });

  it('verifies a good signature and refuses a changed body, id, secret or a stale timestamp', async () => {
    const headers = { id: SPEC.id, timestamp: String(SPEC.timestamp), signature: SPEC.signature };
    const at = { nowSeconds: SPEC.timestamp + 10 };
    expect(await verifyWebhook(SPEC.secret, headers, SPEC.body, at)).toBe(true);
    expect(await verifyWebhook(SPEC.secret, headers, '{"test": 2432232315}', at)).toBe(false);
    expect(await verifyWebhook(SPEC.secret, { ...headers, id: 'msg_other' }, SPEC.body, at)).toBe(false);
    expect(await verifyWebhook(generateWebhookSecret(), headers, SPEC.body, at)).toBe(false);
    expect(await verifyWebhook(SPEC.secret, headers, SPEC.body, { nowSeconds: SPEC.timestamp + 301 })).toBe(false);
    expect(await verifyWebhook(SPEC.secret, { ...headers, signature: undefined }, SPEC.body, at)).toBe(false);
  });

  it('accepts one matching signature among several (key rotation)', async () => {
    const other = await signWebhook(generateWebhookSecret(), SPEC.id, SPEC.timestamp, SPEC.body);
    const headers = { id: SPEC.id, timestamp: String(SPEC.timestamp), signature: `${other} v2,xyz ${SPEC.signature}` };
    expect(await verifyWebhook(SPEC.secret, headers, SPEC.body, { nowSeconds: SPEC.timestamp })).toBe(true);
  });

  it('generates secrets in the format it accepts, different each time', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(WebhookSecretSchema.safeParse(a).success).toBe(true);
    expect(generateWebhookSecret()).not.toBe(a);
    expect(WebhookSecretSchema.safeParse('whsec_c2hvcnQ=').success).toBe(false);
    expect(WebhookSecretSchema.safeParse('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw').success).toBe(false);
  });
});

describe('CreateWebhookRequestSchema', () => {
  it('accepts http(s) URLs and defaults to every event', () => {
    const parsed = CreateWebhookRequestSchema.parse({ url: 'https://hooks.example.com/invoices' });
    expect(parsed).toEqual({ url: 'https://hooks.example.com/invoices' });
    expect(
      CreateWebhookRequestSchema.parse({ url: 'http://127.0.0.1:8080/x', events: ['invoice.failed', 'invoice.done', 'invoice.done'] })
        .events,
    ).toEqual(['invoice.done', 'invoice.failed']);
  });

  it('refuses other schemes, relative URLs, unknown events and unknown fields with a clear message', () => {
    const message = (body: unknown) =>
      CreateWebhookRequestSchema.safeParse(body).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(message({ url: 'ftp://example.com/x' })).toEqual(['url: url must be an absolute http:// or https:// URL']);
    expect(message({ url: 'javascript:alert(1)' })).toEqual(['url: url must be an absolute http:// or https:// URL']);
    expect(message({ url: '/relative' })).toEqual(['url: url must be an absolute http:// or https:// URL']);
    expect(message({ url: 'https://x.example', events: ['invoice.paid'] })?.[0]).toMatch(/events.0: events may only contain invoice.done/);
    expect(message({ url: 'https://x.example', events: [] })).toEqual([
      'events: events must list at least one event (omit it to receive all)',
    ]);
    expect(message({ url: 'https://x.example', extra: 1 })?.[0]).toMatch(/extra/);
    expect(message({})).toEqual(['url: url is required']);
  });
});

describe('WebhookDeliveryJobPayloadSchema', () => {
  it('needs a delivery id and an organization id', () => {
    expect(
      WebhookDeliveryJobPayloadSchema.safeParse({
        deliveryId: '7f9c2a4e-3b1d-4c5e-9f0a-1b2c3d4e5f60',
        organizationId: '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6',
      }).success,
    ).toBe(true);
    expect(WebhookDeliveryJobPayloadSchema.safeParse({ deliveryId: 'x' }).success).toBe(false);
  });
});
