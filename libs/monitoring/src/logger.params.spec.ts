import { describe, expect, it } from '@jest/globals';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { logFormat, loggerParams, redactUrl, resolveRequestId } from './logger.params.js';

function exchange(header?: string) {
  const headers: Record<string, string> = {};
  const req = { headers: header === undefined ? {} : { 'x-request-id': header } } as unknown as IncomingMessage;
  const res = { setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as ServerResponse;
  return { id: resolveRequestId(req, res), echoed: headers['x-request-id'] };
}

describe('resolveRequestId', () => {
  it('keeps a sane caller id and echoes it', () => {
    expect(exchange('batch-42:file.7')).toEqual({ id: 'batch-42:file.7', echoed: 'batch-42:file.7' });
  });

  it('replaces a missing or unsafe id with a UUID', () => {
    const uuid = /^[0-9a-f-]{36}$/;
    expect(exchange().id).toMatch(uuid);
    expect(exchange('bad id\nwith newline').id).toMatch(uuid);
    expect(exchange('x'.repeat(300)).id).toMatch(uuid);
  });
});

describe('redactUrl', () => {
  it('hides an access token passed in the query, and nothing else', () => {
    expect(redactUrl('/api/jobs/1/events?access_token=eyJ.abc.def')).toBe('/api/jobs/1/events?access_token=[Redacted]');
    expect(redactUrl('/x?a=1&ACCESS_TOKEN=t&b=2')).toBe('/x?a=1&ACCESS_TOKEN=[Redacted]&b=2');
    expect(redactUrl('/api/invoices?limit=5')).toBe('/api/invoices?limit=5');
  });
});

describe('logFormat and loggerParams', () => {
  it('is readable only for a developer at a terminal, unless LOG_FORMAT says otherwise', () => {
    expect(logFormat(undefined, 'development', true)).toBe('pretty');
    expect(logFormat(undefined, 'development', false)).toBe('json');
    expect(logFormat(undefined, 'production', true)).toBe('json');
    expect(logFormat('pretty', 'test', false)).toBe('pretty');
    expect(logFormat('json', 'development', true)).toBe('json');
  });

  it('writes JSON to stdout by default, and goes through pino-pretty when asked', () => {
    const json = loggerParams('gateway', 'info').pinoHttp;
    expect(Array.isArray(json)).toBe(true);
    const pretty = loggerParams('gateway', 'info', 'pretty').pinoHttp as { transport?: { target: string }; level: string };
    expect(pretty).toMatchObject({ level: 'info', transport: { target: 'pino-pretty' } });
  });
});
