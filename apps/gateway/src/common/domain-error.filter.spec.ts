import { describe, expect, it } from '@jest/globals';
import { BadRequestException, type ArgumentsHost } from '@nestjs/common';
import { DomainError } from '@invoice/contracts';
import { createHttpMetrics, createRegistry } from '@invoice/monitoring';
import { DomainErrorFilter } from './domain-error.filter.js';

function answer(exception: unknown) {
  const registry = createRegistry('gateway');
  const filter = new DomainErrorFilter(createHttpMetrics(registry));
  const sent: { status?: number; body?: Record<string, unknown>; headers: Record<string, string> } = { headers: {} };
  const response = {
    setHeader(name: string, value: string) {
      sent.headers[name] = value;
    },
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
    },
  };
  const request = { id: 'req-123', method: 'GET', originalUrl: '/api/x' };
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }) } as unknown as ArgumentsHost;
  filter.catch(exception, host);
  return { ...sent, registry };
}

describe('DomainErrorFilter', () => {
  it('maps domain error codes to statuses and keeps their details', () => {
    expect(answer(new DomainError('NOT_FOUND', 'Invoice x not found'))).toMatchObject({
      status: 404,
      body: { statusCode: 404, code: 'NOT_FOUND', message: 'Invoice x not found' },
    });
    expect(answer(new DomainError('UNSUPPORTED_MEDIA_TYPE', 'nope', { rejected: [1] })).body).toMatchObject({
      statusCode: 415,
      details: { rejected: [1] },
    });
    expect(answer(new DomainError('TOO_MANY_FILES', 'too many')).status).toBe(400);
    expect(answer(new DomainError('PAYLOAD_TOO_LARGE', 'big')).status).toBe(413);
  });

  it("turns Nest's validation errors into one readable message", () => {
    const { status, body } = answer(new BadRequestException(['username: required', 'password: required']));
    expect(status).toBe(400);
    expect(body).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'username: required; password: required' });
  });

  it('answers an unknown error with a 500, the correlation id and no internals, and counts it', async () => {
    const { status, body, registry } = answer(new Error('connection to 10.0.0.5:5432 refused, password=hunter2'));
    expect(status).toBe(500);
    expect(body).toEqual({ statusCode: 500, code: 'INTERNAL', message: 'Internal server error', correlationId: 'req-123' });
    expect(await registry.metrics()).toContain('invoice_ocr_http_errors_total{code="INTERNAL",status_code="500",service="gateway"} 1');
  });

  it('answers an unreachable database with a 503 and Retry-After, and a value PostgreSQL refuses with a 400', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' });
    const down = answer({ message: 'Query failed', driverError: refused });
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('5');
    expect(down.body).toMatchObject({ statusCode: 503, code: 'DEPENDENCY_UNAVAILABLE' });
    expect(JSON.stringify(down.body)).not.toContain('10.0.0.5');
    const outOfRange = answer({ driverError: Object.assign(new Error('date/time field value out of range'), { code: '22008' }) });
    expect(outOfRange).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(answer(new DomainError('REQUEST_TIMEOUT', 'too slow')).status).toBe(408);
  });
});
