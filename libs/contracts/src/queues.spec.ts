import { describe, expect, it } from '@jest/globals';
import { OcrJobPayloadSchema } from './queues.js';

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
