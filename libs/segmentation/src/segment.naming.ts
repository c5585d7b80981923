import { rawFeatures, type FeatureScaler } from './features.scaling.js';
import type { RealUnits, RfmScore, RfmScores } from './segmentation.types.js';

/** The usual RFM segment names, best first. */
export const SEGMENT_NAMES = ['Champions', 'Loyal', 'Potential loyalists', 'New', 'Promising', 'Need attention', 'At risk', 'Cannot lose them', 'Hibernating', 'Lost'] as const;
export type SegmentName = (typeof SEGMENT_NAMES)[number];

/**
 * Quintile boundaries of the standard normal distribution: Φ⁻¹(0.6) and Φ⁻¹(0.8). A centroid whose
 * z-score is within ±Q40_60 of the mean scores 3, within ±Q20_80 scores 2 or 4, beyond 1 or 5, i.e.
 * the quintile it would fall in if the (log-transformed) feature were normally distributed.
 */
const Q40_60 = 0.2533471031357997;
const Q20_80 = 0.8416212335729143;

/**
 * A centroid whose frequency rounds to one invoice (< 1.5) stands for one-time buyers: its F score
 * is 1 whatever the distribution (when most customers bought once, their z-score is only mildly
 * negative, yet "first-time buyer" is what New and Promising mean).
 */
export const ONE_TIME_BUYER_FREQUENCY = 1.5;

export interface CentroidScores extends RfmScores {
  /** z-scores of the centroid in the standardized feature space: recency, log1p F, log1p M. */
  z: { r: number; f: number; m: number };
}

export interface SegmentNaming {
  /** Unique label within the run: the name, with " (2)", " (3)"... for the second, third... cluster of the same name. */
  label: string;
  name: SegmentName;
  scores: CentroidScores;
}

/** 1..5 from a z-score, higher is better, symmetric around 0 (score(-z) = 6 - score(z)). */
function scoreOfZ(z: number): RfmScore {
  const magnitude = Math.abs(z);
  const steps = magnitude <= Q40_60 ? 0 : magnitude <= Q20_80 ? 1 : 2;
  return (z < 0 ? 3 - steps : 3 + steps) as RfmScore;
}

/**
 * R, F and M scores (1..5) of a centroid in real units relative to the overall distribution, given
 * by the scaler of the features (means and standard deviations of recency, log1p F, log1p M):
 * the z-score of each feature mapped to its normal quintile (see Q40_60 / Q20_80), recency reversed
 * (fewer days is better). A constant feature (std 0) scores 3. See ONE_TIME_BUYER_FREQUENCY for F.
 */
export function centroidScores(centroid: RealUnits, overall: FeatureScaler): CentroidScores {
  const raw = rawFeatures({ customerKey: 'centroid', ...centroid });
  const [r, f, m] = raw.map((v, j) => (overall.std[j] === 0 ? 0 : (v - overall.mean[j]) / overall.std[j]));
  return {
    r: scoreOfZ(-r),
    f: centroid.frequency < ONE_TIME_BUYER_FREQUENCY ? 1 : scoreOfZ(f),
    m: scoreOfZ(m),
    z: { r, f, m },
  };
}

/**
 * The segment of R, F, M scores: the first rule that matches, in this order (every combination
 * matches one rule):
 *  1. Champions            r >= 4, f >= 4, m >= 4   bought recently, buy often, spend the most
 *  2. Loyal                r >= 3, f >= 4           buy often, not lapsed
 *  3. New                  r = 5,  f = 1            first purchase, very recent
 *  4. Promising            r = 4,  f = 1            first purchase, recent
 *  5. Potential loyalists  r >= 4  (f 2-3)          recent, a few purchases
 *  6. Need attention       r = 3   (f <= 3)         middling recency and frequency: about to slip
 *  7. Cannot lose them     r <= 2, f >= 4, m >= 4   bought often and spent much, gone for long
 *  8. At risk              r <= 2, f >= 3 or m >= 4 good customers (frequent or big spenders), gone for a while
 *  9. Hibernating          r = 2   (f <= 2, m <= 3) low value, not seen for a while
 * 10. Lost                 r = 1   (f <= 2, m <= 3) low value, not seen for the longest
 */
export function segmentName({ r, f, m }: RfmScores): SegmentName {
  if (r >= 4 && f >= 4 && m >= 4) return 'Champions';
  if (r >= 3 && f >= 4) return 'Loyal';
  if (r === 5 && f === 1) return 'New';
  if (r === 4 && f === 1) return 'Promising';
  if (r >= 4) return 'Potential loyalists';
  if (r === 3) return 'Need attention';
  if (f >= 4 && m >= 4) return 'Cannot lose them';
  if (f >= 3 || m >= 4) return 'At risk';
  if (r === 2) return 'Hibernating';
  return 'Lost';
}

/**
 * Names every cluster from its centroid in real units (centroidScores, then segmentName). Labels
 * are unique within the run: when several clusters get the same name, the first in input order
 * keeps it and the next ones get " (2)", " (3)"... (chooseClustering numbers clusters by
 * decreasing size, so the largest keeps the plain name).
 */
export function nameSegments(centroidsReal: readonly RealUnits[], overall: FeatureScaler): SegmentNaming[] {
  const seen = new Map<SegmentName, number>();
  return centroidsReal.map((centroid) => {
    const scores = centroidScores(centroid, overall);
    const name = segmentName(scores);
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return { label: count === 1 ? name : `${name} (${count})`, name, scores };
  });
}
