import { describe, expect, it } from '@jest/globals';
import { SCORED_FIELDS, type ScoredField } from '../candidates/candidate.types.js';
import { extractByRules } from '../fields.extractor.js';
import { line, page } from '../words.fixture.js';
import { mergeScored } from './scored.merge.js';
import type { ScoredValue } from './scorer.types.js';

const ruled = extractByRules([page([...line('INVOICE FAC_2019_0001', 60, 60), ...line('Bill to Sarah Smith', 60, 150), ...line('Total 120.00 EUR', 580, 460)])]);

function scored(overrides: Partial<Record<ScoredField, ScoredValue>>): Record<ScoredField, ScoredValue> {
  const same = Object.fromEntries(SCORED_FIELDS.map((f) => [f, { value: ruled[f], probability: 0.9, confidence: 0.9, words: [] }]));
  return { ...same, ...overrides } as Record<ScoredField, ScoredValue>;
}

describe('mergeScored', () => {
  it('takes the scorer value and its calibrated confidence', () => {
    const out = mergeScored(ruled, scored({ total: { value: 130, probability: 0.8, confidence: 0.77, words: [] } }), new Map());
    expect(out.total).toBe(130);
    expect(out.fieldEvidence.total?.confidence).toBe(0.77);
  });

  it("keeps the rule reader's value where the scorer's is more likely wrong than right", () => {
    const out = mergeScored(ruled, scored({ customerName: { value: 'ACME', probability: 0.3, confidence: 0.3, words: [] } }), new Map());
    expect(out.customerName).toBe('Sarah Smith');
  });

  it('drops a value the scorer reads as not printed, and reruns the checks', () => {
    const out = mergeScored(ruled, scored({ total: { value: null, probability: 0.9, confidence: 0.9, words: [] } }), new Map());
    expect(out.total).toBeNull();
    expect(out.fieldEvidence.total).toBeUndefined();
    expect(out.issues).toContain('missing:total');
  });
});
