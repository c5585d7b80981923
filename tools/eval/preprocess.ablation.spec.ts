import { describe, expect, it } from '@jest/globals';
import { ablationConfigs, formatAblation, meanFieldAccuracy } from './preprocess.ablation.js';
import type { Summary } from './score.js';

const summary = (shares: number[], allRight: number, pagesPerSecond: number): Summary =>
  ({
    fields: [
      ...shares.map((share, i) => ({ field: `f${i}`, status: 'compared', count: 0, of: 10, share, labelUnusable: 0 })),
      { field: 'never', status: 'not extracted', count: 0, of: 10, share: 0, labelUnusable: 0 },
    ],
    allFieldsCorrect: { count: 0, of: 10, share: allRight },
    pagesPerSecond,
    cer: null,
  }) as unknown as Summary;

describe('preprocessing ablation', () => {
  it('runs the baseline, then each step switched from its default, then the combinations', () => {
    expect(ablationConfigs(['deskew', 'contrast'], ['crop,-contrast'])).toEqual([
      { name: 'baseline (defaults)', steps: {} },
      { name: '+deskew', steps: { deskew: true } },
      { name: '-contrast', steps: { contrast: false } },
      { name: 'crop,-contrast', steps: { crop: true, contrast: false } },
    ]);
  });

  it('averages the compared fields only, and prints deltas and speed against the baseline', () => {
    expect(meanFieldAccuracy(summary([1, 0.5], 0.5, 1))).toBe(0.75);
    const table = formatAblation([
      { name: 'baseline (defaults)', steps: {}, summary: summary([1, 0.5], 0.5, 1) },
      { name: '+crop', steps: { crop: true }, summary: summary([1, 0.7], 0.6, 0.8) },
    ]);
    expect(table.split('\n')[3]).toBe('| +crop | 85.0% | +10.0 | 60.0% | +10.0 | - | - | 0.80 | 0.80 |');
  });
});
