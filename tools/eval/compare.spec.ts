import { describe, expect, it } from '@jest/globals';
import { compareReports, formatComparison } from './compare.js';
import type { FieldScore } from './score.js';

const field = (name: string, outcome: FieldScore['outcome'], actual: unknown): FieldScore => ({
  field: name,
  outcome,
  expected: null,
  actual,
});

describe('compareReports', () => {
  it('lists per document the fields whose value or outcome changed, fixed and broken apart, and flipped review decisions', () => {
    const before = [
      {
        id: 'a',
        reasons: ['missing:total'],
        fields: [field('total', 'wrong', null), field('issueDate', 'correct', '2020-01-01'), field('vendorName', 'wrong', 'X')],
      },
      { id: 'b', reasons: [], fields: [field('total', 'correct', 5)] },
      { id: 'gone', reasons: [], fields: [] },
    ];
    const after = [
      {
        id: 'a',
        reasons: [],
        fields: [field('total', 'correct', 12.5), field('issueDate', 'correct', '2020-01-01'), field('vendorName', 'wrong', 'Y')],
      },
      { id: 'b', reasons: [], fields: [field('total', 'wrong', 50)] },
      { id: 'new', reasons: [], fields: [] },
    ];
    const c = compareReports(before, after);
    expect(c.changes.map((x) => [x.id, x.field, x.kind])).toEqual([
      ['a', 'total', 'fixed'],
      ['a', 'vendorName', 'changed'],
      ['b', 'total', 'broken'],
    ]);
    expect(c.decisionChanges).toEqual([{ id: 'a', before: 'review', after: 'done' }]);
    expect([c.documents, c.fixed, c.broken, c.changed, c.onlyBefore, c.onlyAfter]).toEqual([2, 1, 1, 1, ['gone'], ['new']]);
    expect(formatComparison(c)).toContain('  fixed   total: null (wrong) -> 12.5 (correct)');
  });

  it('finds nothing between an evaluation and itself', () => {
    const docs = [
      { id: 'a', reasons: [], fields: [field('lineItems', 'correct', [{ description: 'x', quantity: 1, unitPrice: 2, amount: 2 }])] },
    ];
    expect(compareReports(docs, structuredClone(docs)).changes).toEqual([]);
  });
});
