/**
 * Checked indexed access for the numeric code of this library. Its indices come from the same data
 * (a label from the labels, a coordinate below the dimension), so a miss is a bug: it throws instead
 * of flowing on as NaN.
 */

/** The value at `index`; a RangeError when there is none. */
export function at<T>(values: ArrayLike<T>, index: number): T {
  const value = values[index];
  if (value === undefined) throw new RangeError(`index ${index} is outside 0..${values.length - 1}`);
  return value;
}

/**
 * `at` for the typed arrays of the hot loops (k-means++ seeding, silhouettes): one array type per
 * function keeps the element access monomorphic, as fast as a plain index.
 */
export function atFloat(values: Float64Array, index: number): number {
  const value = values[index];
  if (value === undefined) throw new RangeError(`index ${index} is outside 0..${values.length - 1}`);
  return value;
}

/** `atFloat` for Int32Array. */
export function atInt(values: Int32Array, index: number): number {
  const value = values[index];
  if (value === undefined) throw new RangeError(`index ${index} is outside 0..${values.length - 1}`);
  return value;
}

/** The values at `indices`, in their order. */
export function pick<T>(values: readonly T[], indices: readonly number[]): T[] {
  return indices.map((index) => at(values, index));
}

/** Adds `amount` to the number at `index`. */
export function addAt(values: number[], index: number, amount: number): void {
  values[index] = at(values, index) + amount;
}

/** Squared Euclidean distance of two points of the same dimension. */
export function squaredDistance(a: readonly number[], b: readonly number[]): number {
  let d = 0;
  for (let j = 0; j < a.length; j++) d += (at(a, j) - at(b, j)) ** 2;
  return d;
}
