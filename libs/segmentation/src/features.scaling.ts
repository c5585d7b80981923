import type { CustomerAggregate, RealUnits } from './segmentation.types.js';
import { at, atFloat } from './indexed.access.js';

/** Order of the columns of the feature matrix. */
export const FEATURE_NAMES = ['recencyDays', 'logFrequency', 'logMonetary'] as const;

/**
 * Mean and (population) standard deviation of each feature column before standardization, in the
 * order of FEATURE_NAMES: recency in days, log1p(frequency), log1p(monetary).
 */
export interface FeatureScaler {
  mean: [number, number, number];
  std: [number, number, number];
}

export interface Features {
  /** One row per customer, in input order: standardized [recency, log1p(frequency), log1p(monetary)]. */
  matrix: number[][];
  scaler: FeatureScaler;
}

/**
 * The raw (unscaled) features of one customer: recency as is, log1p of frequency and monetary.
 * Negative monetary (a customer whose credit notes exceed their invoices) is taken as 0 here, as
 * log1p is not defined below -1; the revenue shares elsewhere use the real amount.
 * Throws a RangeError on a non-finite value or a negative frequency.
 */
export function rawFeatures(row: CustomerAggregate): [number, number, number] {
  const { customerKey, recencyDays, frequency, monetary } = row;
  if (!Number.isFinite(recencyDays) || !Number.isFinite(frequency) || !Number.isFinite(monetary)) {
    throw new RangeError(`customer ${customerKey}: non-finite recencyDays, frequency or monetary`);
  }
  if (frequency < 0) throw new RangeError(`customer ${customerKey}: negative frequency ${frequency}`);
  return [recencyDays, Math.log1p(frequency), Math.log1p(Math.max(0, monetary))];
}

/**
 * Log-transforms F and M (log1p), then standardizes R, log F and log M to mean 0 and standard
 * deviation 1 (population standard deviation, as scikit-learn's StandardScaler). A constant column
 * (standard deviation 0, or no rows at all) becomes all 0 and keeps std 0; never NaN.
 */
export function buildFeatures(rows: readonly CustomerAggregate[]): Features {
  const n = rows.length;
  // The raw features in one flat typed array (not an array per customer): less for the GC to move.
  const raw = new Float64Array(n * 3);
  rows.forEach((row, i) => raw.set(rawFeatures(row), i * 3));
  const mean: [number, number, number] = [0, 0, 0];
  const std: [number, number, number] = [0, 0, 0];
  if (n === 0) return { matrix: [], scaler: { mean, std } };
  for (let j = 0; j < 3; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += atFloat(raw, i * 3 + j);
    const columnMean = sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++) squares += (atFloat(raw, i * 3 + j) - columnMean) ** 2;
    const spread = Math.sqrt(squares / n);
    mean[j] = columnMean;
    // A column whose values are all equal can still show a rounding-level spread (e.g. 1e-17):
    // treat anything that small relative to the mean as constant.
    std[j] = spread <= 1e-12 * Math.max(1, Math.abs(columnMean)) ? 0 : spread;
  }
  const scaled = (i: number, j: number) => (at(std, j) === 0 ? 0 : (atFloat(raw, i * 3 + j) - at(mean, j)) / at(std, j));
  const matrix = Array.from({ length: n }, (_, i) => [scaled(i, 0), scaled(i, 1), scaled(i, 2)]);
  return { matrix, scaler: { mean, std } };
}

/** Standardizes one point of raw features with the scaler (the inverse of toRealUnits before exp). */
export function scaleRaw(raw: readonly [number, number, number], scaler: FeatureScaler): [number, number, number] {
  const z = (j: 0 | 1 | 2) => (scaler.std[j] === 0 ? 0 : (raw[j] - scaler.mean[j]) / scaler.std[j]);
  return [z(0), z(1), z(2)];
}

/**
 * Maps a point of the standardized space (typically a centroid) back to real units: recency in
 * days, frequency and monetary through expm1. Note that a centroid's frequency and monetary are
 * then geometric-style means (expm1 of the mean of log1p), lower than the arithmetic means of the
 * cluster's customers when the values are spread. Frequency and monetary are never below 0.
 */
export function toRealUnits(centroidScaled: readonly number[], scaler: FeatureScaler): RealUnits {
  const unscale = (j: number) => at(scaler.mean, j) + at(centroidScaled, j) * at(scaler.std, j);
  // Clamped at 0: the log features are >= 0, only rounding could give -1e-17 back.
  return { recencyDays: unscale(0), frequency: Math.max(0, Math.expm1(unscale(1))), monetary: Math.max(0, Math.expm1(unscale(2))) };
}
