/**
 * Errors of the OCR library. Callers (the OCR worker) decide retry or not from the class:
 * an {@link OcrInputError} is about the file itself and will fail again on retry; an
 * {@link OcrEngineError} is about the engine (timeout, crashed worker, shut down) and may succeed later.
 */

export type OcrInputErrorCode = 'EMPTY_IMAGE' | 'UNSUPPORTED_IMAGE' | 'IMAGE_TOO_LARGE' | 'TOO_MANY_PAGES';

export class OcrInputError extends Error {
  override readonly name = 'OcrInputError';

  constructor(
    readonly code: OcrInputErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type OcrEngineErrorCode = 'ENGINE_TERMINATED' | 'ENGINE_INIT_FAILED' | 'WORKER_FAILED' | 'TIMEOUT';

export class OcrEngineError extends Error {
  override readonly name = 'OcrEngineError';

  constructor(
    readonly code: OcrEngineErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
