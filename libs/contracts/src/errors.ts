/**
 * Domain errors carry a stable code. The gateway maps codes to HTTP statuses in one filter;
 * the worker uses the same codes to decide whether a failure is worth retrying.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'TOO_MANY_FILES',
  'EMPTY_FILE',
  'IMAGE_TOO_LARGE',
  'UNSUPPORTED_IMAGE',
  'DEPENDENCY_UNAVAILABLE',
  /** A request with the same Idempotency-Key is still being processed (409). */
  'IDEMPOTENCY_KEY_IN_USE',
  /** The Idempotency-Key was used with a different request (422). */
  'IDEMPOTENCY_KEY_REUSED',
  /** The client sent its request too slowly (408); nothing of it was stored. */
  'REQUEST_TIMEOUT',
  /** Too many attempts (failed logins): wait for the answer's Retry-After (429). */
  'TOO_MANY_REQUESTS',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A failure that no retry can fix (bad input); the worker fails the job at once. */
export function isPermanentError(code: ErrorCode): boolean {
  return code === 'UNSUPPORTED_IMAGE' || code === 'IMAGE_TOO_LARGE' || code === 'EMPTY_FILE' || code === 'NOT_FOUND';
}
