import { describe, expect, it } from '@jest/globals';
import { chooseK } from './k.choice.js';

const score = (
  k: number,
  silhouette: number | null,
  daviesBouldin: number | null,
  calinskiHarabasz: number | null,
  stability: number | null = 1,
) => ({
  k,
  inertia: 100 / k,
  silhouette,
  daviesBouldin,
  calinskiHarabasz,
  stability,
  seed: 1,
  iterations: 5,
  converged: true,
});

describe('chooseK', () => {
  it('takes the best mean rank of silhouette and Davies-Bouldin, not the best silhouette alone', () => {
    // silhouette ranks 1, 2, 3; DB ranks 3, 1, 2 -> means 2, 1.5, 2.5
    const { chosen, scores } = chooseK([score(2, 0.5, 0.9, 100), score(3, 0.45, 0.6, 300), score(4, 0.4, 0.7, 200)]);
    expect(chosen?.k).toBe(3);
    expect(scores.map((s) => s.rank)).toEqual([2, 1.5, 2.5]);
  });
  it('breaks a tie of ranks with Calinski-Harabasz', () => {
    // silhouette ranks 1, 2; DB ranks 2, 1: both 1.5; CH higher for k = 3
    expect(chooseK([score(2, 0.5, 0.7, 100), score(3, 0.4, 0.6, 300)]).chosen?.k).toBe(3);
  });
  it('prefers a stable k over a better-ranked unstable one', () => {
    const { chosen } = chooseK([score(2, 0.4, 0.9, 100, 1), score(3, 0.5, 0.6, 300, 0.6)]);
    expect(chosen?.k).toBe(2);
  });
  it('falls back to all k when none is stable, ties to the smaller k, a missing value ranks last', () => {
    expect(chooseK([score(2, 0.5, 0.5, 100, 0.5), score(3, 0.5, 0.5, 100, 0.5)]).chosen?.k).toBe(2);
    expect(chooseK([score(2, null, null, null), score(3, 0.1, 2, 5)]).chosen?.k).toBe(3);
    expect(chooseK([]).chosen).toBeNull();
  });
});
