import type { RfmScore } from './segmentation.types.js';

/**
 * The classic RFM segments, best first. Their grid on the recency and frequency scores is the
 * widely published R x F segment map (Champions, Loyal, Potential loyalist, New, Promising, Need
 * attention, About to sleep, At risk, Can't lose them, Hibernating), with its low-recency,
 * low-frequency corner split in two as in the 11-segment list: R 2 Hibernating, R 1 Lost.
 */
export const RFM_SEGMENTS = [
  'Champions',
  'Loyal',
  'Potential loyalist',
  'New',
  'Promising',
  'Need attention',
  'About to sleep',
  'At risk',
  "Can't lose them",
  'Hibernating',
  'Lost',
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

/** The cell of every segment: inclusive ranges of the R and F scores. The cells tile the 5 x 5 grid. */
export const RFM_GRID: Record<RfmSegment, { r: [number, number]; f: [number, number] }> = {
  Champions: { r: [5, 5], f: [4, 5] },
  Loyal: { r: [3, 4], f: [4, 5] },
  'Potential loyalist': { r: [4, 5], f: [2, 3] },
  New: { r: [5, 5], f: [1, 1] },
  Promising: { r: [4, 4], f: [1, 1] },
  'Need attention': { r: [3, 3], f: [3, 3] },
  'About to sleep': { r: [3, 3], f: [1, 2] },
  'At risk': { r: [1, 2], f: [3, 4] },
  "Can't lose them": { r: [1, 2], f: [5, 5] },
  Hibernating: { r: [2, 2], f: [1, 2] },
  Lost: { r: [1, 1], f: [1, 2] },
};

/**
 * A customer with a single purchase has an F score of 1 on the grid, whatever share of customers
 * bought once (quintile scores give a large tie block the score of its middle: 2 or 3 when most
 * customers bought once, yet "first purchase" is what New and Promising mean).
 */
export function gridFrequencyScore(frequency: number, f: RfmScore): RfmScore {
  return frequency <= 1 ? 1 : f;
}

/** The segment of an R and an F score (1..5) on the grid. */
export function rfmGridSegment(r: number, f: number): RfmSegment {
  for (const name of RFM_SEGMENTS) {
    const cell = RFM_GRID[name];
    if (r >= cell.r[0] && r <= cell.r[1] && f >= cell.f[0] && f <= cell.f[1]) return name;
  }
  throw new RangeError(`rfmGridSegment: scores must be integers 1..5, got R ${r}, F ${f}`);
}

/**
 * Distance from a continuous (r, f) position (scores as reals, e.g. 4.3) to a segment's cell, the
 * cell covering [lo - 0.5, hi + 0.5] on each axis; 0 inside. Used to name clusters: the nearest
 * free cell.
 */
export function distanceToCell(r: number, f: number, name: RfmSegment): number {
  const cell = RFM_GRID[name];
  const dr = Math.max(cell.r[0] - 0.5 - r, 0, r - cell.r[1] - 0.5);
  const df = Math.max(cell.f[0] - 0.5 - f, 0, f - cell.f[1] - 0.5);
  return Math.hypot(dr, df);
}
