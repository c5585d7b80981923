export type { CustomerAggregate, RealUnits, RfmScore, RfmScores } from './segmentation.types.js';
export { quintileScores, rfmScores, type QuintileOptions } from './rfm.scoring.js';
export { buildFeatures, rawFeatures, scaleRaw, toRealUnits, FEATURE_NAMES, type FeatureScaler, type Features } from './features.scaling.js';
export { silhouetteScore, silhouetteValues, DEFAULT_SILHOUETTE_SAMPLE_SIZE, type SilhouetteOptions } from './silhouette.score.js';
export { seededRandom, sampleIndices } from './random.seeded.js';
export {
  chooseClustering,
  nearestLabels,
  inertiaOf,
  DEFAULT_SEEDS,
  DEFAULT_KMEANS_SAMPLE_SIZE,
  type ChooseClusteringOptions,
  type ClusteringResult,
  type KScore,
  type DegenerateReason,
} from './kmeans.selection.js';
export {
  nameSegments,
  segmentName,
  centroidScores,
  normalCdf,
  SEGMENT_NAMES,
  ONE_TIME_BUYER_FREQUENCY,
  type SegmentName,
  type SegmentNaming,
  type CentroidScores,
} from './segment.naming.js';
export {
  segmentCustomers,
  SINGLE_SEGMENT_LABEL,
  WEAK_SILHOUETTE,
  type Structure,
  type RfmSegmentSummary,
  type SegmentCustomersOptions,
  type SegmentationResult,
  type CustomerSegment,
  type SegmentSummary,
} from './segmentation.pipeline.js';
export { chooseK, STABLE_AGREEMENT } from './k.choice.js';
export { daviesBouldin, calinskiHarabasz } from './cluster.criteria.js';
export { adjustedRandIndex, adjustedMutualInformation } from './label.agreement.js';
export { RFM_SEGMENTS, RFM_GRID, rfmGridSegment, gridFrequencyScore, distanceToCell, type RfmSegment } from './rfm.grid.js';
export { compareRuns, type RunComparison, type SegmentTransition, type CustomerInSegment } from './segment.comparison.js';
