import type { KScore } from './kmeans.selection.js';

/** A k whose runs from different seeds agree at least this much (mean adjusted Rand index) is stable. */
export const STABLE_AGREEMENT = 0.9;

type Unranked = Omit<KScore, 'rank'>;

/** 1 + the number of k strictly better under one criterion; a k without a value ranks last. */
function ranks(scores: readonly Unranked[], value: (s: Unranked) => number | null, higherIsBetter: boolean): number[] {
  return scores.map((s) => {
    const v = value(s);
    if (v === null || Number.isNaN(v)) return scores.length;
    return 1 + scores.filter((o) => {
      const w = value(o);
      return w !== null && !Number.isNaN(w) && (higherIsBetter ? w > v : w < v);
    }).length;
  });
}

/**
 * Chooses k from three criteria and the stability across seeds: every k is ranked under the
 * silhouette (higher better), Davies-Bouldin (lower) and Calinski-Harabasz (higher), and scored by
 * its mean rank. Among the stable k (STABLE_AGREEMENT; all k when none is, or with one seed), the
 * lowest mean rank wins, ties the smaller k. One criterion alone is noisy or biased (the silhouette
 * of a sample favours 2 on a continuum, Calinski-Harabasz grows with k there): agreeing ranks are not.
 */
export function chooseK(scores: readonly Unranked[]): { scores: KScore[]; chosen: KScore | null } {
  const sil = ranks(scores, (s) => s.silhouette, true);
  const db = ranks(scores, (s) => s.daviesBouldin, false);
  const ch = ranks(scores, (s) => s.calinskiHarabasz, true);
  const ranked: KScore[] = scores.map((s, i) => ({ ...s, rank: (sil[i] + db[i] + ch[i]) / 3 }));
  const stable = ranked.filter((s) => s.stability === null || s.stability >= STABLE_AGREEMENT);
  const candidates = stable.length ? stable : ranked;
  let chosen: KScore | null = null;
  for (const s of [...candidates].sort((a, b) => a.k - b.k)) if (chosen === null || s.rank < chosen.rank) chosen = s;
  return { scores: ranked, chosen };
}
