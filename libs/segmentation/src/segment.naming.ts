import { rawFeatures, scaleRaw, type FeatureScaler } from './features.scaling.js';
import { distanceToCell, RFM_SEGMENTS, rfmGridSegment, type RfmSegment } from './rfm.grid.js';
import type { RealUnits, RfmScore, RfmScores } from './segmentation.types.js';

/** Cluster names: the classic RFM segments (see rfm.grid.ts), each used at most once in a run. */
export const SEGMENT_NAMES = RFM_SEGMENTS;
export type SegmentName = RfmSegment;

/**
 * A centroid whose frequency rounds to one invoice (< 1.5) stands for one-time buyers: its F score
 * is 1 whatever the distribution, as on the grid (gridFrequencyScore).
 */
export const ONE_TIME_BUYER_FREQUENCY = 1.5;

export interface CentroidScores extends RfmScores {
  /** z-scores of the centroid in the standardized feature space: recency, log1p F, log1p M. */
  z: { r: number; f: number; m: number };
  /** The R and F scores as reals in [0.5, 5.5] (0.5 + 5 x normal quantile of the z-score): where the centroid sits on the grid. */
  position: { r: number; f: number };
}

export interface SegmentNaming {
  /** The name, unique within the run (kept as `label`, the key customers refer to). */
  label: string;
  name: SegmentName;
  scores: CentroidScores;
}

/** Standard normal distribution function (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

const position = (z: number) => 0.5 + 5 * Math.min(normalCdf(z), 1 - 1e-12);

/**
 * R, F and M scores of a centroid relative to the overall distribution (the scaler's means and
 * standard deviations of recency, log1p F, log1p M): each z-score mapped to the quintile it would
 * fall in if the feature were normally distributed, recency reversed (fewer days is better). A
 * constant feature (std 0) scores 3. See ONE_TIME_BUYER_FREQUENCY for F.
 */
export function centroidScores(centroid: RealUnits, overall: FeatureScaler): CentroidScores {
  const [r, f, m] = scaleRaw(rawFeatures({ customerKey: 'centroid', ...centroid }), overall);
  const oneTime = centroid.frequency < ONE_TIME_BUYER_FREQUENCY;
  const pos = { r: position(-r), f: oneTime ? 1 : position(f) };
  const score = (p: number) => Math.min(5, Math.max(1, Math.round(p))) as RfmScore;
  return { r: score(pos.r), f: score(pos.f), m: score(position(m)), z: { r, f, m }, position: pos };
}

/** The grid segment of a centroid's scores (its own cell, before uniqueness). */
export function segmentName({ r, f }: RfmScores): SegmentName {
  return rfmGridSegment(r, f);
}

/**
 * Names every cluster, each name at most once. Clusters choose in the order of their value (z of
 * log F + z of log M, highest first; ties: more recent first), each taking the free segment whose
 * grid cell is nearest to its centroid's position (its own cell when free; ties: the order of
 * RFM_SEGMENTS). So when two clusters sit in the Champions cell, the one that buys and spends more
 * is Champions and the other takes the nearest cell left (usually Loyal). At most 11 clusters.
 */
export function nameSegments(centroidsReal: readonly RealUnits[], overall: FeatureScaler): SegmentNaming[] {
  if (centroidsReal.length > SEGMENT_NAMES.length)
    throw new RangeError(`nameSegments: at most ${SEGMENT_NAMES.length} clusters, got ${centroidsReal.length}`);
  const scores = centroidsReal.map((centroid) => centroidScores(centroid, overall));
  const value = (s: CentroidScores) => s.z.f + s.z.m;
  const order = scores.map((s, i) => ({ s, i })).sort((a, b) => value(b.s) - value(a.s) || a.s.z.r - b.s.z.r || a.i - b.i);
  const taken = new Set<SegmentName>();
  const names = new Map<number, SegmentName>();
  for (const { s, i } of order) {
    const { r, f } = s.position;
    let best: SegmentName | null = null;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const name of SEGMENT_NAMES) {
      if (taken.has(name)) continue;
      const d = distanceToCell(r, f, name);
      if (d < bestDistance) [best, bestDistance] = [name, d];
    }
    // At most as many clusters as names (checked above): a free name is always left.
    if (best === null) throw new Error('nameSegments: no segment name left');
    names.set(i, best);
    taken.add(best);
  }
  return scores.map((s, i) => {
    const name = names.get(i);
    if (name === undefined) throw new Error(`nameSegments: cluster ${i} has no name`);
    return { label: name, name, scores: s };
  });
}
