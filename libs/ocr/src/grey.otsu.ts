/**
 * Otsu's split of grey pixels: the last grey level of the darker class, the one that best separates the
 * pixels into ink and paper (maximal between-class variance); null when there is nothing to split (one
 * grey level only, or no pixels).
 */
export function otsuLevel(pixels: Uint8Array): number | null {
  const histogram = new Float64Array(256);
  for (let i = 0; i < pixels.length; i++) histogram[pixels[i] as number]!++;
  let sum = 0;
  for (let level = 0; level < 256; level++) sum += level * (histogram[level] as number);
  let sumBelow = 0;
  let countBelow = 0;
  let best: number | null = null;
  let bestVariance = -1;
  for (let level = 0; level < 256; level++) {
    countBelow += histogram[level] as number;
    if (countBelow === 0) continue;
    const countAbove = pixels.length - countBelow;
    if (countAbove === 0) break;
    sumBelow += level * (histogram[level] as number);
    const meanBelow = sumBelow / countBelow;
    const meanAbove = (sum - sumBelow) / countAbove;
    const variance = countBelow * countAbove * (meanBelow - meanAbove) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = level;
    }
  }
  return best;
}
