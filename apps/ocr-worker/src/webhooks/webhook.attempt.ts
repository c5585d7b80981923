import { signWebhook, WEBHOOK_HEADERS, webhookEventTypeFor, type FinalStatus, type WebhookEventBody } from '@invoice/contracts';

/** The document facts a webhook event carries. */
export interface FinalDocument {
  id: string;
  organizationId: string;
  jobId: string;
  filename: string;
  status: FinalStatus;
  error: string | null;
}

export type WebhookInvoiceSummary = NonNullable<WebhookEventBody['data']['invoice']>;

/** The body of one delivery; built once, when the document reaches its final status, and sent as is on every attempt. */
export function buildWebhookBody(
  deliveryId: string,
  createdAt: Date,
  document: FinalDocument,
  invoice: WebhookInvoiceSummary | null,
): WebhookEventBody {
  return {
    id: deliveryId,
    type: webhookEventTypeFor(document.status),
    createdAt: createdAt.toISOString(),
    data: {
      documentId: document.id,
      jobId: document.jobId,
      status: document.status,
      error: document.error,
      filename: document.filename,
      invoice,
    },
  };
}

/** The request of one attempt: the JSON body and the Standard Webhooks headers signed for this attempt's timestamp. */
export async function signedWebhookRequest(
  body: WebhookEventBody,
  secret: string,
  nowSeconds: number,
): Promise<{ body: string; headers: Record<string, string> }> {
  const text = JSON.stringify(body);
  return {
    body: text,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'invoice-ocr-webhooks/1',
      [WEBHOOK_HEADERS.ID]: body.id,
      [WEBHOOK_HEADERS.TIMESTAMP]: String(nowSeconds),
      [WEBHOOK_HEADERS.SIGNATURE]: await signWebhook(secret, body.id, nowSeconds, text),
    },
  };
}

export type AttemptOutcome = 'succeeded' | 'retried' | 'failed';

/** A 2xx answer succeeds; anything else is retried until the attempts (counted in Postgres, across re-queues) are used up. */
export function attemptOutcome(responseCode: number | null, attemptsMade: number, maxAttempts: number): AttemptOutcome {
  if (responseCode !== null && responseCode >= 200 && responseCode < 300) return 'succeeded';
  return attemptsMade >= maxAttempts ? 'failed' : 'retried';
}

/** Delay before each retry: BullMQ's exponential backoff, `backoffMs * 2^(n-1)` after the n-th failed attempt. */
export function retrySchedule(backoffMs: number, attempts: number): number[] {
  return Array.from({ length: Math.max(0, attempts - 1) }, (_, n) => backoffMs * 2 ** n);
}
