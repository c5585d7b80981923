import { describe, expect, it } from '@jest/globals';
import type { UploadedJob } from '@invoice/contracts';
import { chunk, idempotencyKey, matchAnswer } from './upload.request.js';

const job = (filename: string, n: number, duplicate = false): UploadedJob => ({
  jobId: `j${n}`,
  documentId: `d${n}`,
  filename,
  status: 'queued',
  duplicate,
});

describe('idempotencyKey', () => {
  it('depends on the set of hashes, not their order', () => {
    expect(idempotencyKey(['b', 'a'])).toBe(idempotencyKey(['a', 'b']));
    expect(idempotencyKey(['a', 'b'])).not.toBe(idempotencyKey(['a', 'c']));
    expect(idempotencyKey(['a'])).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('chunk', () => {
  it('splits into requests of at most n files', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
  });
});

describe('matchAnswer', () => {
  it('pairs accepted and rejected files with the answer, by name then position', () => {
    const files = [{ name: 'a.png' }, { name: 'bad.png' }, { name: 'c.png' }];
    const outcomes = matchAnswer(files, {
      jobs: [job('a.png', 1), job('c.png', 3, true)],
      rejected: [{ filename: 'bad.png', code: 'UNSUPPORTED_TYPE', reason: 'not an image' }],
    });
    expect(outcomes).toEqual([
      { file: files[0], job: job('a.png', 1) },
      { file: files[1], rejected: { filename: 'bad.png', code: 'UNSUPPORTED_TYPE', reason: 'not an image' } },
      { file: files[2], job: job('c.png', 3, true) },
    ]);
  });

  it('handles the same name twice, and names the gateway rewrote (by position)', () => {
    const files = [{ name: 'x.png' }, { name: 'x.png' }, { name: 'weird\u0001.png' }];
    const outcomes = matchAnswer(files, { jobs: [job('x.png', 1), job('x.png', 2), job('weird.png', 3)], rejected: [] });
    expect(outcomes.map((o) => ('job' in o ? o.job.jobId : 'other'))).toEqual(['j1', 'j2', 'j3']);
  });

  it('reports a file the answer does not mention as missing', () => {
    expect(matchAnswer([{ name: 'a.png' }], { jobs: [], rejected: [] })).toEqual([{ file: { name: 'a.png' }, missing: true }]);
  });
});
