import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { pino } from 'pino';
import type { ServiceName } from './metrics.registry.js';

const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id that follows a request from the gateway into the OCR worker's job logs: the caller's
 * `x-request-id` when it is sane, else a new UUID. Echoed back in the response header.
 */
export function resolveRequestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/** A URL as logged: the token an event-stream client may pass as `?access_token=` is redacted. */
export function redactUrl(url: string): string {
  return url.replace(/([?&]access_token=)[^&#]*/gi, '$1[Redacted]');
}

export type LogFormat = 'json' | 'pretty';

/** `LOG_FORMAT` when set; else readable lines for a developer at a terminal, JSON everywhere else. */
export function logFormat(configured: LogFormat | undefined, nodeEnv: string, isTerminal: boolean): LogFormat {
  return configured ?? (nodeEnv === 'development' && isTerminal ? 'pretty' : 'json');
}

/**
 * Structured JSON logs (pino) for a service: one line per event, with `service`, secrets redacted.
 * Written to stdout asynchronously (lines that arrive while a write is in flight go out together;
 * pino flushes what is left when the process exits): a synchronous write per request took an eighth
 * of the gateway's CPU under polling load. With `pretty`, readable colored lines instead (pino-pretty).
 */
export function loggerParams(service: ServiceName, level: string, format: LogFormat = 'json'): Params {
  const options = {
    level,
    base: { service },
    genReqId: resolveRequestId,
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/metrics' || (req.url ?? '').startsWith('/health/') },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
    },
  };
  if (format === 'pretty') {
    // pino-pretty formats the lines in a worker thread; loaded only here (a development dependency).
    return {
      pinoHttp: {
        ...options,
        transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } },
      },
    };
  }
  return {
    pinoHttp: [options, pino.destination({ dest: 1, sync: false })],
  };
}
