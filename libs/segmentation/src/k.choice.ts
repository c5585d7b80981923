import type { KScore } from './kmeans.selection.js';
import { at } from './indexed.access.js';

/** A k whose runs from different seeds agree at least this much (mean adjusted Rand index) is stable. */
export const STABLE_AGREEMENT = 0.8;

type Unranked = Omit<KScore, 'rank'>;

/** 1 + the number of k strictly better under one criterion; a k without a value ranks last. */
function ranks(scores: readonly Unranked[], value: (s: Unranked) => number | null, higherIsBetter: boolean): number[] {
  return scores.map((s) => {
    const v = value(s);
    if (v === null || Number.isNaN(v)) return scores.length;
    return (
      1 +
      scores.filter((o) => {
        const w = value(o);
        return w !== null && !Number.isNaN(w) && (higherIsBetter ? w > v : w < v);
      }).length
    );
  });
}

/**
 * Chooses k from the criteria and the stability across seeds: every k is ranked under the
 * silhouette (higher better) and Davies-Bouldin (lower), and scored by its mean rank. Among the
 * stable k (STABLE_AGREEMENT; all k when none is, or with one seed), the lowest mean rank wins;
 * ties go to the higher Calinski-Harabasz, then the smaller k. Calinski-Harabasz only breaks ties:
 * on customer populations it keeps growing with k past the true number of groups (see
 * docs/evaluation/2026-12-06-segmentation.md), while the silhouette and Davies-Bouldin peak there.
 */
export function chooseK(scores: readonly Unranked[]): { scores: KScore[]; chosen: KScore | null } {
  const sil = ranks(scores, (s) => s.silhouette, true);
  const db = ranks(scores, (s) => s.daviesBouldin, false);
  const ranked: KScore[] = scores.map((s, i) => ({ ...s, rank: (at(sil, i) + at(db, i)) / 2 }));
  const stable = ranked.filter((s) => s.stability === null || s.stability >= STABLE_AGREEMENT);
  const candidates = stable.length ? stable : ranked;
  const ch = (s: KScore) => s.calinskiHarabasz ?? Number.NEGATIVE_INFINITY;
  let chosen: KScore | null = null;
  for (const s of [...candidates].sort((a, b) => a.k - b.k)) {
    if (chosen === null || s.rank < chosen.rank || (s.rank === chosen.rank && ch(s) > ch(chosen))) chosen = s;
  }
  return { scores: ranked, chosen };
}
