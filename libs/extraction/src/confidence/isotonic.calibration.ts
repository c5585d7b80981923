/** An isotonic calibration map: scores up to `x[i]` map to probability `y[i]` (non-decreasing), linear between. */
export interface IsotonicMap {
  x: number[];
  y: number[];
}

/** Fits the map by pool-adjacent-violators on (score, right) pairs. */
export function fitIsotonic(pairs: readonly { score: number; right: boolean }[]): IsotonicMap {
  const sorted = [...pairs].sort((a, b) => a.score - b.score);
  const blocks: { sum: number; n: number; x: number }[] = [];
  for (const p of sorted) {
    blocks.push({ sum: p.right ? 1 : 0, n: 1, x: p.score });
    while (blocks.length > 1 && (blocks[blocks.length - 2] as { sum: number; n: number }).sum / (blocks[blocks.length - 2] as { n: number }).n >= (blocks[blocks.length - 1] as { sum: number }).sum / (blocks[blocks.length - 1] as { n: number }).n) {
      const last = blocks.pop() as { sum: number; n: number; x: number };
      const prev = blocks[blocks.length - 1] as { sum: number; n: number; x: number };
      prev.sum += last.sum;
      prev.n += last.n;
      prev.x = last.x;
    }
  }
  // Shrunk toward 0.5 by one pseudo-observation each way, so a small pure block never reads as certainty.
  return { x: blocks.map((b) => Math.round(b.x * 1e4) / 1e4), y: blocks.map((b) => Math.round(((b.sum + 0.5) / (b.n + 1)) * 1e4) / 1e4) };
}

/** The calibrated probability of a score. */
export function applyIsotonic(map: IsotonicMap, score: number): number {
  const { x, y } = map;
  if (!x.length) return score;
  if (score <= (x[0] as number)) return y[0] as number;
  for (let i = 1; i < x.length; i++) {
    if (score <= (x[i] as number)) {
      const x0 = x[i - 1] as number;
      const t = ((score - x0) / ((x[i] as number) - x0 || 1));
      return (y[i - 1] as number) + t * ((y[i] as number) - (y[i - 1] as number));
    }
  }
  return y[y.length - 1] as number;
}
