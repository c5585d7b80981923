import { describe, expect, it } from '@jest/globals';
import { verifyWebhook } from '@invoice/contracts';
import { attemptOutcome, buildWebhookBody, retrySchedule, signedWebhookRequest } from './webhook.attempt.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const document = {
  id: '3a1f2b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b',
  organizationId: '0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f',
  jobId: '5d0c3f8e-2b7a-4f51-9a3e-1c2d3e4f5a6b',
  filename: 'invoice.png',
  status: 'needs_review' as const,
  error: null,
};

describe('webhook delivery', () => {
  it('builds the event body from the document and the invoice summary', () => {
    const body = buildWebhookBody('7c6b5a49-3827-4160-9f8e-7d6c5b4a3928', new Date('2026-03-02T09:14:05Z'), document, null);
    expect(body).toEqual({
      id: '7c6b5a49-3827-4160-9f8e-7d6c5b4a3928',
      type: 'invoice.needs_review',
      createdAt: '2026-03-02T09:14:05.000Z',
      data: { documentId: document.id, jobId: document.jobId, status: 'needs_review', error: null, filename: 'invoice.png', invoice: null },
    });
  });

  it('signs each attempt so that the receiver verifies the exact bytes it got', async () => {
    const body = buildWebhookBody(
      '7c6b5a49-3827-4160-9f8e-7d6c5b4a3928',
      new Date(),
      { ...document, status: 'failed', error: 'bad' },
      null,
    );
    const request = await signedWebhookRequest(body, SECRET, 1_700_000_000);
    expect(request.headers).toMatchObject({ 'content-type': 'application/json', 'webhook-id': body.id, 'webhook-timestamp': '1700000000' });
    const headers = {
      id: request.headers['webhook-id'],
      timestamp: request.headers['webhook-timestamp'],
      signature: request.headers['webhook-signature'],
    };
    expect(await verifyWebhook(SECRET, headers, request.body, { nowSeconds: 1_700_000_001 })).toBe(true);
    expect(await verifyWebhook(SECRET, headers, request.body.replace('bad', 'good'), { nowSeconds: 1_700_000_001 })).toBe(false);
    expect(JSON.parse(request.body)).toEqual(body);
  });

  it('succeeds on 2xx only, retries other answers and no answer until the last attempt', () => {
    expect(attemptOutcome(200, 1, 3)).toBe('succeeded');
    expect(attemptOutcome(204, 3, 3)).toBe('succeeded');
    expect(attemptOutcome(500, 1, 3)).toBe('retried');
    expect(attemptOutcome(301, 2, 3)).toBe('retried');
    expect(attemptOutcome(null, 2, 3)).toBe('retried');
    expect(attemptOutcome(410, 3, 3)).toBe('failed');
    expect(attemptOutcome(null, 4, 3)).toBe('failed');
  });

  it('documents the retry schedule: exponential from the first backoff', () => {
    expect(retrySchedule(10_000, 8)).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000]);
    expect(retrySchedule(10_000, 1)).toEqual([]);
  });
});
