import { z } from 'zod';
import type { DocumentStatus } from './enums.js';
import { opaqueText } from './validation.js';

/** Events an organization can subscribe a webhook endpoint to: an invoice reached a final status. */
export const WEBHOOK_EVENT_TYPES = ['invoice.done', 'invoice.needs_review', 'invoice.failed'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The webhook event sent when a document reaches a final status. */
export const webhookEventTypeFor = (status: Extract<DocumentStatus, 'done' | 'needs_review' | 'failed'>): WebhookEventType =>
  `invoice.${status}`;

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

const SECRET_PREFIX = 'whsec_';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const base64ByteLength = (text: string) => Math.floor((text.length * 3) / 4) - (text.match(/=+$/)?.[0].length ?? 0);

/** A Standard Webhooks secret: `whsec_` then 24 to 64 random bytes in base64. */
export const WebhookSecretSchema = z.string().refine(
  (value) => {
    const key = value.startsWith(SECRET_PREFIX) ? value.slice(SECRET_PREFIX.length) : '';
    return BASE64.test(key) && key.length % 4 === 0 && base64ByteLength(key) >= 24 && base64ByteLength(key) <= 64;
  },
  { message: 'secret must be "whsec_" followed by 24 to 64 bytes in base64 (omit it to get one generated)' },
);

export const CreateWebhookRequestSchema = z.strictObject({
  url: z
    .string({ error: 'url is required' })
    .max(2048, 'url must be at most 2048 characters')
    .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.hostname, error: 'url must be an absolute http:// or https:// URL' })),
  secret: WebhookSecretSchema.optional(),
  /** Events to receive; all of them when omitted. */
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES, { error: `events may only contain ${WEBHOOK_EVENT_TYPES.join(', ')}` }))
    .min(1, 'events must list at least one event (omit it to receive all)')
    .transform((events) => WEBHOOK_EVENT_TYPES.filter((type) => events.includes(type)))
    .optional(),
});
export type CreateWebhookRequest = z.input<typeof CreateWebhookRequestSchema>;
export type CreateWebhookCommand = z.output<typeof CreateWebhookRequestSchema>;

export interface WebhookEndpointResponse {
  id: string;
  url: string;
  events: WebhookEventType[];
  createdAt: string;
}

/** The answer to a registration: the only time the secret is shown. */
export interface CreatedWebhookResponse extends WebhookEndpointResponse {
  secret: string;
}

export interface WebhookDeliveryResponse {
  id: string;
  endpointId: string;
  eventType: WebhookEventType;
  documentId: string;
  status: WebhookDeliveryStatus;
  /** Attempts made so far. */
  attempts: number;
  /** HTTP status of the last attempt; null when it got no answer (timeout, refused). */
  responseCode: number | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
}

export interface WebhookDeliveryListResponse {
  items: WebhookDeliveryResponse[];
  nextCursor: string | null;
}

export const WebhookDeliveryListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: opaqueText(200).optional(),
});
export type WebhookDeliveryListQuery = z.infer<typeof WebhookDeliveryListQuerySchema>;

/** The JSON body POSTed to an endpoint. `id` is also the `webhook-id` header, the same on every retry. */
export interface WebhookEventBody {
  id: string;
  type: WebhookEventType;
  createdAt: string;
  data: {
    documentId: string;
    jobId: string;
    status: Extract<DocumentStatus, 'done' | 'needs_review' | 'failed'>;
    error: string | null;
    filename: string;
    invoice: {
      invoiceId: string;
      invoiceNumber: string | null;
      issueDate: string | null;
      customerName: string | null;
      customerEmail: string | null;
      currency: string | null;
      total: number | null;
      issues: string[];
    } | null;
  };
}

/*
 * Signatures follow the Standard Webhooks specification (https://www.standardwebhooks.com):
 *   webhook-id: <delivery id>           the same on every retry, for deduplication
 *   webhook-timestamp: <unix seconds>   of this attempt; refuse it when too far from now (replays)
 *   webhook-signature: v1,<base64 HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<raw body>")>
 * where key = base64-decode(secret without its "whsec_" prefix). The header may list several
 * space-separated signatures (key rotation); one matching is enough. Web Crypto only, so these
 * functions also run in a browser or an edge runtime.
 */
export const WEBHOOK_HEADERS = { ID: 'webhook-id', TIMESTAMP: 'webhook-timestamp', SIGNATURE: 'webhook-signature' } as const;

/** Default tolerance of `verifyWebhook` between the timestamp and the receiver's clock. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

const encoder = new TextEncoder();

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

function hmacKey(secret: string, usage: 'sign' | 'verify') {
  const raw = fromBase64(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret);
  return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

/** A new secret: `whsec_` and 32 random bytes in base64. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + toBase64(crypto.getRandomValues(new Uint8Array(32)));
}

/** The `webhook-signature` header value for one message: `v1,<base64 signature>`. */
export async function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): Promise<string> {
  const key = await hmacKey(secret, 'sign');
  const signature = await crypto.subtle.sign('HMAC', key, encoder.encode(`${id}.${timestampSeconds}.${body}`));
  return `v1,${toBase64(new Uint8Array(signature))}`;
}

/**
 * What a receiver runs on each request, with the raw body as received (before any JSON parsing):
 * true when one of the signatures matches (compared in constant time by Web Crypto) and the
 * timestamp is within the tolerance.
 */
export async function verifyWebhook(
  secret: string,
  headers: { id: string | undefined; timestamp: string | undefined; signature: string | undefined },
  body: string,
  options: { toleranceSeconds?: number; nowSeconds?: number } = {},
): Promise<boolean> {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature || !/^\d+$/.test(timestamp)) return false;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > (options.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS)) return false;
  const key = await hmacKey(secret, 'verify');
  const data = encoder.encode(`${id}.${timestamp}.${body}`);
  for (const candidate of signature.split(' ')) {
    const [version, value] = candidate.split(',', 2);
    if (version !== 'v1' || !value || !BASE64.test(value)) continue;
    if (await crypto.subtle.verify('HMAC', key, fromBase64(value), data)) return true;
  }
  return false;
}
