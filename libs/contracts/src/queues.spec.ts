import { describe, expect, it } from '@jest/globals';
import { MAX_JOB_PRIORITY, ocrJobPriority, OcrJobPayloadSchema, OcrOptionsSchema } from './queues.js';
import { ReprocessRequestSchema } from './http.js';

describe('OcrJobPayloadSchema', () => {
  it('accepts ids and rejects a payload without a document id', () => {
    const ok = OcrJobPayloadSchema.safeParse({
      documentId: '7f9c2a4e-3b1d-4c5e-9f0a-1b2c3d4e5f60',
      organizationId: '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6',
    });
    expect(ok.success).toBe(true);
    const bad = OcrJobPayloadSchema.safeParse({ organizationId: '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['documentId']);
  });

  it('refuses file bytes or unknown shapes for ids', () => {
    expect(OcrJobPayloadSchema.safeParse({ documentId: 'not-a-uuid', organizationId: 'x' }).success).toBe(false);
  });
});

describe('ocrJobPriority', () => {
  it("is the position among the organization's pending documents, 1 for the next one", () => {
    expect(ocrJobPriority(0, 0)).toBe(1);
    expect(ocrJobPriority(0, 4)).toBe(5);
    expect(ocrJobPriority(10_000, 0)).toBe(10_001);
    expect(ocrJobPriority(3)).toBe(4);
  });

  it('interleaves organizations: the k-th pending document of each has the same priority', () => {
    const bigBatch = Array.from({ length: 1000 }, (_, i) => ocrJobPriority(0, i));
    const smallLater = Array.from({ length: 3 }, (_, i) => ocrJobPriority(0, i));
    expect(smallLater).toEqual(bigBatch.slice(0, 3));
  });

  it("stays within BullMQ's bounds, whatever the input", () => {
    expect(ocrJobPriority(5_000_000, 10)).toBe(MAX_JOB_PRIORITY);
    expect(ocrJobPriority(-3, -1)).toBe(1);
    expect(ocrJobPriority(1.7, 0.2)).toBe(2);
  });
});

describe('OCR options (job payload, reprocess body)', () => {
  const ids = { documentId: '7f9c2a4e-3b1d-4c5e-9f0a-1b2c3d4e5f60', organizationId: '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6' };

  it('carries a page segmentation mode, the text-layer switch and preprocessing steps', () => {
    const options = { psm: 6, textLayer: false, preprocessing: { deskew: true, contrast: false } };
    expect(OcrJobPayloadSchema.parse({ ...ids, ocrOptions: options }).ocrOptions).toEqual(options);
    expect(ReprocessRequestSchema.parse(undefined)).toBeUndefined();
    expect(ReprocessRequestSchema.parse({})).toEqual({});
  });

  it('refuses unknown modes, steps and keys with the offending field', () => {
    expect(OcrOptionsSchema.safeParse({ psm: 2 }).error?.issues[0]?.message).toMatch(/psm must be one of 3, 4/);
    expect(OcrOptionsSchema.safeParse({ preprocessing: { sharpen: true } }).success).toBe(false);
    expect(OcrOptionsSchema.safeParse({ languages: 'deu' }).success).toBe(false);
  });
});
