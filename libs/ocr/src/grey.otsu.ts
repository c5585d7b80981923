/**
 * Otsu's split of a grey-level histogram: the last grey level of the darker class, the one that best separates
 * the pixels into ink and paper (maximal between-class variance); null when there is nothing to split (one
 * grey level only, or no pixels).
 */
export function otsuLevelOfHistogram(histogram: ArrayLike<number>): number | null {
  let total = 0;
  let sum = 0;
  for (let level = 0; level < 256; level++) {
    total += histogram[level] ?? 0;
    sum += level * (histogram[level] ?? 0);
  }
  let sumBelow = 0;
  let countBelow = 0;
  let best: number | null = null;
  let bestVariance = -1;
  for (let level = 0; level < 256; level++) {
    countBelow += histogram[level] ?? 0;
    if (countBelow === 0) continue;
    const countAbove = total - countBelow;
    if (countAbove === 0) break;
    sumBelow += level * (histogram[level] ?? 0);
    const variance = countBelow * countAbove * (sumBelow / countBelow - (sum - sumBelow) / countAbove) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = level;
    }
  }
  return best;
}

/** Otsu's split of grey pixels (see {@link otsuLevelOfHistogram}). */
export function otsuLevel(pixels: Uint8Array): number | null {
  const histogram = new Float64Array(256);
  for (let i = 0; i < pixels.length; i++) histogram[pixels[i] as number]!++;
  return otsuLevelOfHistogram(histogram);
}
