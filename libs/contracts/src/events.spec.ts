import { describe, expect, it } from '@jest/globals';
import { isFinalStatus, parseJobEventFields, toJobEventFields, type JobStatusEvent } from './events.js';

const event: JobStatusEvent = {
  jobId: '7f9c2a4e-3b1d-4c5e-9f0a-1b2c3d4e5f60',
  documentId: '1f9c2a4e-3b1d-4c5e-9f0a-1b2c3d4e5f60',
  organizationId: '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6',
  status: 'processing',
  progress: 15,
  error: null,
  at: '2026-03-02T09:14:05.120Z',
};

describe('job status events', () => {
  it('round-trips through the stream fields', () => {
    const fields = toJobEventFields(event);
    expect(fields.eventName).toBe('job-status');
    expect(parseJobEventFields({ payload: fields.payload })).toEqual(event);
  });

  it('drops entries that are not valid events', () => {
    expect(parseJobEventFields({})).toBeNull();
    expect(parseJobEventFields({ payload: '{not json' })).toBeNull();
    expect(parseJobEventFields({ payload: JSON.stringify({ ...event, status: 'paid' }) })).toBeNull();
  });

  it('knows the final statuses', () => {
    expect(['queued', 'processing', 'done', 'needs_review', 'failed'].filter((s) => isFinalStatus(s as never))).toEqual([
      'done',
      'needs_review',
      'failed',
    ]);
  });
});
