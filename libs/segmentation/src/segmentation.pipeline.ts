import { buildFeatures, toRealUnits, type FeatureScaler } from './features.scaling.js';
import { STABLE_AGREEMENT } from './k.choice.js';
import { chooseClustering, type ChooseClusteringOptions, type ClusteringResult } from './kmeans.selection.js';
import { addAt, at } from './indexed.access.js';
import { gridFrequencyScore, RFM_SEGMENTS, rfmGridSegment, type RfmSegment } from './rfm.grid.js';
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
  /** The customer's classic RFM segment: the grid cell of its R score and grid F score (rfm.grid.ts). */
  rfmSegment: RfmSegment;
}

/** One classic RFM segment of the run: its customers and their mean figures. */
export interface RfmSegmentSummary {
  name: RfmSegment;
  size: number;
  revenueShare: number;
  /** Arithmetic means of the segment's customers. */
  mean: RealUnits;
}

/**
 * How much structure k-means found: 'none' when it could not cluster (degenerate); 'weak' when the
 * chosen clustering's silhouette is below WEAK_SILHOUETTE (Kaufman and Rousseeuw: no substantial
 * structure), when its seeds disagree (stability below STABLE_AGREEMENT), or when the criteria
 * prefer k = 2, the coarsest split (what k-means gives on customers spread along a continuum, who
 * have no groups to find: see the evaluation); 'clear' otherwise. On weak structure the classic RFM
 * grid is the view to read.
 */
export type Structure = 'clear' | 'weak' | 'none';
export const WEAK_SILHOUETTE = 0.25;

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
  /** The classic RFM segments that have customers, in the order of RFM_SEGMENTS. */
  rfmSegments: RfmSegmentSummary[];
  structure: Structure;
  scaler: FeatureScaler;
}

/**
 * The whole segmentation: per-customer RFM quintile scores, log + standardized features, k chosen
 * by the silhouette, Davies-Bouldin and Calinski-Harabasz criteria and stability (chooseClustering), clusters named from their centroids
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
    const cluster = at(labels, i);
    addAt(sizes, cluster, 1);
    addAt(revenue, cluster, row.monetary);
    totalRevenue += row.monetary;
  });
  const segments: SegmentSummary[] = centroidsReal.map((centroid, cluster) => {
    const naming = at(names, cluster);
    return {
      cluster,
      label: single ? SINGLE_SEGMENT_LABEL : naming.label,
      name: single ? SINGLE_SEGMENT_LABEL : naming.name,
      size: at(sizes, cluster),
      revenueShare: totalRevenue > 0 ? at(revenue, cluster) / totalRevenue : 0,
      centroid,
      scores: naming.scores,
    };
  });
  const customers = rows.map((row, i): CustomerSegment => {
    const { r, f, m } = at(scores, i);
    const cluster = at(labels, i);
    return {
      customerKey: row.customerKey,
      r,
      f,
      m,
      cluster,
      segment: at(segments, cluster).label,
      rfmSegment: rfmGridSegment(r, gridFrequencyScore(row.frequency, f)),
    };
  });
  const chosen = clustering.scores.find((s) => s.k === clustering.k);
  const weak = (clustering.silhouette ?? 0) < WEAK_SILHOUETTE || (chosen?.stability ?? 1) < STABLE_AGREEMENT || clustering.k <= 2;
  const structure: Structure = single ? 'none' : weak ? 'weak' : 'clear';
  return { customers, segments, rfmSegments: summarizeGrid(rows, customers, totalRevenue), structure, ...clustering, scaler };
}

function summarizeGrid(
  rows: readonly CustomerAggregate[],
  customers: readonly CustomerSegment[],
  totalRevenue: number,
): RfmSegmentSummary[] {
  const sums = new Map<RfmSegment, { size: number; recencyDays: number; frequency: number; monetary: number }>();
  customers.forEach((customer, i) => {
    const row = at(rows, i);
    const sum = sums.get(customer.rfmSegment) ?? { size: 0, recencyDays: 0, frequency: 0, monetary: 0 };
    sum.size++;
    sum.recencyDays += row.recencyDays;
    sum.frequency += row.frequency;
    sum.monetary += row.monetary;
    sums.set(customer.rfmSegment, sum);
  });
  return RFM_SEGMENTS.flatMap((name) => {
    const sum = sums.get(name);
    if (sum === undefined) return [];
    const { size, recencyDays, frequency, monetary } = sum;
    return [
      {
        name,
        size,
        revenueShare: totalRevenue > 0 ? monetary / totalRevenue : 0,
        mean: { recencyDays: recencyDays / size, frequency: frequency / size, monetary: monetary / size },
      },
    ];
  });
}
