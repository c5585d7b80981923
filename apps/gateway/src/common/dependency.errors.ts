/*
 * Which unknown errors are not the gateway's fault: a dependency (PostgreSQL, Redis) that cannot be
 * reached is a 503 with Retry-After, and a value PostgreSQL refuses as data is a 400. Plain functions,
 * so the exception filter stays a mapping and these rules are tested on their own.
 */

/** Socket-level failures of a connection to PostgreSQL or Redis. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
]);

/**
 * SQLSTATEs of a server that cannot take the query now: class 08 (connection exception), 53300 (too many
 * connections), 57P01-57P03 (shutting down, crash recovery, not accepting connections yet).
 */
const UNAVAILABLE_SQLSTATE = /^(08...|53300|57P0[1-3])$/;

/** What node-postgres, its pool and ioredis say when the connection is gone or could not be made. */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Cannot use a pool after calling end on the pool',
  'Client has encountered a connection error and is not queryable',
  'Connection is closed',
  "Stream isn't writeable",
];

/** SQLSTATE class 22 (data exception): a value out of range, an impossible date, a NUL byte, text that is not a UUID. */
const DATA_EXCEPTION_SQLSTATE = /^22[0-9A-Z]{3}$/;

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The error and everything it wraps (TypeORM's driverError, `cause`, AggregateError's errors), bounded. */
function chain(error: unknown): ErrorLike[] {
  const seen: ErrorLike[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.length < 16) {
    const next = queue.shift();
    if (typeof next !== 'object' || next === null || seen.includes(next as ErrorLike)) continue;
    const item = next as ErrorLike;
    seen.push(item);
    queue.push(item.driverError, item.cause, ...(Array.isArray(item.errors) ? (item.errors as unknown[]) : []));
  }
  return seen;
}

/** True when the error says PostgreSQL or Redis cannot be reached (a 503, not the client's nor the gateway's fault). */
export function isDependencyUnavailable(error: unknown): boolean {
  return chain(error).some((item) => {
    const code = typeof item.code === 'string' ? item.code : '';
    const message = typeof item.message === 'string' ? item.message : '';
    return NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_MESSAGES.some((known) => message.includes(known));
  });
}

/** True when PostgreSQL refused a value as data (SQLSTATE class 22): input that slipped past validation, a 400. */
export function isRefusedData(error: unknown): boolean {
  return chain(error).some((item) => typeof item.code === 'string' && DATA_EXCEPTION_SQLSTATE.test(item.code));
}

/** Seconds a client is asked to wait before retrying while a dependency is down. */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5;
