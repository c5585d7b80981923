import { describe, expect, it } from '@jest/globals';
import { choiceProbabilities, trainChoiceModel, type ChoiceExample } from './choice.model.js';

describe('choice model', () => {
  // The right candidate is the one with the larger first feature; the second feature is noise.
  const examples: ChoiceExample[] = Array.from({ length: 40 }, (_, i) => {
    const a = [(i % 7) / 7, ((i * 3) % 5) / 5];
    const b = [(a[0] as number) + 0.5, ((i * 2) % 5) / 5];
    return i % 2 ? { features: [a, b], right: [false, true] } : { features: [b, a], right: [true, false] };
  });

  it('learns to choose the right candidate and gives probabilities that sum to 1', () => {
    const model = trainChoiceModel(examples, { epochs: 200 });
    const p = choiceProbabilities(model, [
      [0.1, 0.5],
      [0.8, 0.5],
    ]);
    expect(p[1]).toBeGreaterThan(0.8);
    expect((p[0] as number) + (p[1] as number)).toBeCloseTo(1);
  });

  it('ignores examples with no right candidate', () => {
    const model = trainChoiceModel(
      [
        ...examples,
        {
          features: [
            [5, 5],
            [6, 6],
          ],
          right: [false, false],
        },
      ],
      { epochs: 50 },
    );
    expect(model.weights.every(Number.isFinite)).toBe(true);
  });
});
