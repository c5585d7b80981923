import { DomainError, isPermanentError } from '@invoice/contracts';
import { OcrInputError } from '@invoice/ocr';

export type FailureDecision = 'retry' | 'fail' | 'fail-permanently';

/**
 * What to do when an OCR attempt throws: a problem with the file itself can never succeed
 * (fail at once, no retry); anything else is retried until the last attempt, then failed.
 */
export function decideOnFailure(error: unknown, attemptsMade: number, attempts: number): FailureDecision {
  const permanent = error instanceof OcrInputError || (error instanceof DomainError && isPermanentError(error.code));
  if (permanent) return 'fail-permanently';
  return attemptsMade + 1 >= attempts ? 'fail' : 'retry';
}
