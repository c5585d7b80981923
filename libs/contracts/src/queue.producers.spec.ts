import { describe, expect, it } from '@jest/globals';
import { JOBS, SEGMENTATION_SCHEDULER_ID } from './queues.js';
import {
  OCR_JOB_OPTIONS,
  ocrJob,
  SEGMENTATION_JOB_OPTIONS,
  segmentationRunJob,
  segmentationSchedule,
  webhookDeliveryJob,
} from './queue.producers.js';

const DOC = '11111111-1111-4111-8111-111111111111';
const ORG = '22222222-2222-4222-8222-222222222222';
const JOB = '33333333-3333-4333-8333-333333333333';

describe('queue producers', () => {
  it('builds an OCR job under the document job id, with the payload parsed and the priority when given', () => {
    expect(ocrJob({ documentId: DOC, organizationId: ORG, jobId: JOB, requestId: 'r-1', priority: 4 })).toEqual({
      name: JOBS.OCR_DOCUMENT,
      data: { documentId: DOC, organizationId: ORG, requestId: 'r-1' },
      opts: { ...OCR_JOB_OPTIONS, jobId: JOB, priority: 4 },
    });
    // Null request id and OCR settings (a row without them) are left out of the payload; no priority, no option.
    const reprocess = ocrJob({ documentId: DOC, organizationId: ORG, jobId: JOB, requestId: null, ocrOptions: { psm: 6 } });
    expect(reprocess.data).toEqual({ documentId: DOC, organizationId: ORG, ocrOptions: { psm: 6 } });
    expect(reprocess.opts).not.toHaveProperty('priority');
    expect(() => ocrJob({ documentId: 'nope', organizationId: ORG, jobId: JOB })).toThrow();
  });

  it('gives every segmentation run the same retry policy, with a trigger-specific deduplication', () => {
    const manual = segmentationRunJob({ trigger: 'manual', organizationId: ORG });
    expect(manual).toEqual({
      name: JOBS.SEGMENTATION_RUN,
      data: { organizationId: ORG, trigger: 'manual' },
      opts: { ...SEGMENTATION_JOB_OPTIONS, deduplication: { id: `manual:${ORG}` } },
    });
    const invoices = segmentationRunJob({ trigger: 'invoices', organizationId: ORG, debounceMs: 0 });
    expect(invoices.opts).toMatchObject({
      ...SEGMENTATION_JOB_OPTIONS,
      delay: 0,
      deduplication: { id: `invoices:${ORG}`, ttl: 1, extend: true, replace: true },
    });
    const schedule = segmentationSchedule('0 * * * *');
    expect(schedule).toEqual({
      id: SEGMENTATION_SCHEDULER_ID,
      repeat: { pattern: '0 * * * *', tz: 'UTC' },
      template: { name: JOBS.SEGMENTATION_RUN, data: { trigger: 'schedule' }, opts: SEGMENTATION_JOB_OPTIONS },
    });
  });

  it('builds a webhook delivery job under the delivery id with the configured retries', () => {
    const job = webhookDeliveryJob({ deliveryId: DOC, organizationId: ORG }, { attempts: 5, backoffMs: 1000 });
    expect(job.name).toBe(JOBS.WEBHOOK_DELIVERY);
    expect(job.data).toEqual({ deliveryId: DOC, organizationId: ORG });
    expect(job.opts).toMatchObject({ jobId: DOC, attempts: 5, backoff: { type: 'exponential', delay: 1000 } });
  });
});
