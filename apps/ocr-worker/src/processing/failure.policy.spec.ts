import { describe, expect, it } from '@jest/globals';
import { DomainError } from '@invoice/contracts';
import { OcrEngineError, OcrInputError } from '@invoice/ocr';
import { decideOnFailure } from './failure.policy.js';

describe('decideOnFailure', () => {
  it('retries a transient failure until the last attempt, then fails', () => {
    const timeout = new OcrEngineError('TIMEOUT', 'recognize took too long');
    expect(decideOnFailure(timeout, 0, 3)).toBe('retry');
    expect(decideOnFailure(timeout, 1, 3)).toBe('retry');
    expect(decideOnFailure(timeout, 2, 3)).toBe('fail');
    expect(decideOnFailure(new Error('connection reset'), 0, 1)).toBe('fail');
  });

  it('fails a bad file at once, whatever attempts remain', () => {
    expect(decideOnFailure(new OcrInputError('UNSUPPORTED_IMAGE', 'not an image'), 0, 3)).toBe('fail-permanently');
    expect(decideOnFailure(new OcrInputError('IMAGE_TOO_LARGE', '30000x30000'), 0, 3)).toBe('fail-permanently');
    expect(decideOnFailure(new DomainError('NOT_FOUND', 'document deleted'), 0, 3)).toBe('fail-permanently');
  });

  it('retries domain errors that are not about the input', () => {
    expect(decideOnFailure(new DomainError('DEPENDENCY_UNAVAILABLE', 'postgres down'), 0, 3)).toBe('retry');
  });
});
