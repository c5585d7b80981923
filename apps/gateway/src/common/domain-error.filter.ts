import { ArgumentsHost, Catch, HttpException, HttpStatus, Inject, Logger, type ExceptionFilter } from '@nestjs/common';
import { DomainError, type ErrorCode, type ErrorResponse } from '@invoice/contracts';
import type { Request, Response } from 'express';
import { redactUrl, type HttpMetrics } from '@invoice/monitoring';
import { HTTP_METRICS } from '../monitoring/metrics.providers.js';
import { DEPENDENCY_RETRY_AFTER_SECONDS, isDependencyUnavailable, isRefusedData } from './dependency.errors.js';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFLICT: HttpStatus.CONFLICT,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  TOO_MANY_FILES: HttpStatus.BAD_REQUEST,
  EMPTY_FILE: HttpStatus.BAD_REQUEST,
  IMAGE_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_IMAGE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  DEPENDENCY_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  IDEMPOTENCY_KEY_IN_USE: HttpStatus.CONFLICT,
  IDEMPOTENCY_KEY_REUSED: HttpStatus.UNPROCESSABLE_ENTITY,
  REQUEST_TIMEOUT: HttpStatus.REQUEST_TIMEOUT,
  TOO_MANY_REQUESTS: HttpStatus.TOO_MANY_REQUESTS,
};

const CODE_BY_STATUS: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  408: 'REQUEST_TIMEOUT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  503: 'DEPENDENCY_UNAVAILABLE',
  429: 'TOO_MANY_REQUESTS',
};

/**
 * The one place where errors become HTTP answers. A dependency that cannot be reached is a 503 with
 * Retry-After, a value PostgreSQL refuses as data a 400; other unknown errors are a 500 with a
 * correlation id, no internals.
 */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Inject(HTTP_METRICS) protected readonly metrics: HttpMetrics) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const correlationId = request.id;
    const body = this.toBody(exception, correlationId);
    if (body.code === 'INTERNAL') {
      // Unknown failure: the whole story goes to the log, under the id the client was given.
      this.logger.error({ correlationId, err: exception }, `${request.method} ${redactUrl(request.originalUrl)} failed`);
    } else if (body.statusCode >= 500 || isRefusedData(exception)) {
      this.logger.warn(
        { correlationId, code: body.code, cause: (exception as { message?: unknown } | null)?.message },
        `${request.method} ${redactUrl(request.originalUrl)}: ${body.message}`,
      );
    }
    this.metrics.errors.inc({ code: body.code, status_code: String(body.statusCode) });
    if (response.headersSent) {
      // A stream (file, server-sent events) that failed after its first bytes: only closing it is left.
      response.destroy?.();
      return;
    }
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('retry-after', String(DEPENDENCY_RETRY_AFTER_SECONDS));
    const retryAfter = (exception as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
    if (typeof retryAfter === 'number') response.setHeader('retry-after', String(retryAfter));
    response.status(body.statusCode).json(body);
  }

  protected toBody(exception: unknown, correlationId: string | undefined): ErrorResponse {
    if (exception instanceof DomainError) {
      return {
        statusCode: STATUS_BY_CODE[exception.code],
        code: exception.code,
        message: exception.message,
        ...(exception.details === undefined ? {} : { details: exception.details }),
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const payload = exception.getResponse();
      const raw = typeof payload === 'string' ? payload : (payload as { message?: unknown }).message;
      const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
      return {
        statusCode,
        code: CODE_BY_STATUS[statusCode] ?? (statusCode >= 500 ? 'INTERNAL' : 'HTTP_ERROR'),
        message,
        ...(statusCode >= 500 ? { correlationId } : {}),
      };
    }
    if (isDependencyUnavailable(exception)) {
      return {
        statusCode: 503,
        code: 'DEPENDENCY_UNAVAILABLE',
        message: 'A service the gateway depends on is unavailable: retry later',
        correlationId,
      };
    }
    if (isRefusedData(exception)) {
      return { statusCode: 400, code: 'VALIDATION_FAILED', message: 'A value in the request is out of range or malformed' };
    }
    return { statusCode: 500, code: 'INTERNAL', message: 'Internal server error', correlationId };
  }
}
