import { buildFeatures, toRealUnits, type FeatureScaler } from './features.scaling.js';
import { chooseClustering, type ChooseClusteringOptions, type ClusteringResult } from './kmeans.selection.js';
import { rfmScores } from './rfm.scoring.js';
import { nameSegments, type CentroidScores, type SegmentName } from './segment.naming.js';
import type { CustomerAggregate, RealUnits, RfmScore } from './segmentation.types.js';

/**
 * Label of the only segment when the customers cannot be clustered (one customer, all identical,
 * too few distinct ones): names relative to the overall distribution mean nothing then.
 */
export const SINGLE_SEGMENT_LABEL = 'All customers';

export type SegmentCustomersOptions = ChooseClusteringOptions;

export interface CustomerSegment {
  customerKey: string;
  /** The customer's own quintile scores among all customers (quintileScores). */
  r: RfmScore;
  f: RfmScore;
  m: RfmScore;
  /** Index of the customer's segment in `segments`. */
  cluster: number;
  /** Label of that segment. */
  segment: string;
}

export interface SegmentSummary {
  cluster: number;
  /** Unique label: the name, possibly with a suffix ("Loyal (2)"), or SINGLE_SEGMENT_LABEL. */
  label: string;
  name: SegmentName | typeof SINGLE_SEGMENT_LABEL;
  size: number;
  /** Sum of the segment's monetary / sum of all monetary (0 when that total is not positive). */
  revenueShare: number;
  /** Centroid in real units (F and M geometric-style means, see toRealUnits). */
  centroid: RealUnits;
  /** The centroid's scores and z-scores the name was chosen from. */
  scores: CentroidScores;
}

/**
 * The customers and segments, with how the clustering was chosen (k, silhouette, inertia in the
 * standardized space, per-k scores, degenerate reason: see ClusteringResult) and the scaler of the
 * features.
 */
export interface SegmentationResult extends Omit<ClusteringResult, 'labels' | 'centroids'> {
  /** One per input row, in input order. */
  customers: CustomerSegment[];
  /** One per cluster, by decreasing size. */
  segments: SegmentSummary[];
  scaler: FeatureScaler;
}

/**
 * The whole segmentation: per-customer RFM quintile scores, log + standardized features, k chosen
 * by silhouette among k-means runs (chooseClustering), clusters named from their centroids
 * (nameSegments). Pure and reproducible: the same rows and options give the same result.
 * Throws a RangeError on a duplicated customerKey, a non-finite value or a negative frequency.
 */
export function segmentCustomers(rows: readonly CustomerAggregate[], options: SegmentCustomersOptions = {}): SegmentationResult {
  const keys = new Set<string>();
  for (const row of rows) {
    if (keys.has(row.customerKey)) throw new RangeError(`segmentCustomers: duplicated customerKey ${row.customerKey}`);
    keys.add(row.customerKey);
  }
  const scores = rfmScores(rows);
  const { matrix, scaler } = buildFeatures(rows);
  const { labels, centroids, ...clustering } = chooseClustering(matrix, options);

  const centroidsReal = centroids.map((centroid) => toRealUnits(centroid, scaler));
  const names = nameSegments(centroidsReal, scaler);
  const single = clustering.degenerate !== null;
  const sizes = new Array<number>(centroids.length).fill(0);
  const revenue = new Array<number>(centroids.length).fill(0);
  let totalRevenue = 0;
  rows.forEach((row, i) => {
    sizes[labels[i]]++;
    revenue[labels[i]] += row.monetary;
    totalRevenue += row.monetary;
  });
  const segments: SegmentSummary[] = centroidsReal.map((centroid, cluster) => ({
    cluster,
    label: single ? SINGLE_SEGMENT_LABEL : names[cluster].label,
    name: single ? SINGLE_SEGMENT_LABEL : names[cluster].name,
    size: sizes[cluster],
    revenueShare: totalRevenue > 0 ? revenue[cluster] / totalRevenue : 0,
    centroid,
    scores: names[cluster].scores,
  }));
  const customers = rows.map((row, i) => ({
    customerKey: row.customerKey,
    r: scores[i].r,
    f: scores[i].f,
    m: scores[i].m,
    cluster: labels[i],
    segment: segments[labels[i]].label,
  }));
  return { customers, segments, ...clustering, scaler };
}
