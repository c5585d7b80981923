/**
 * Per-customer aggregates, as the SQL query computes them: days since the last invoice, number of
 * invoices, and total amount invoiced.
 */
export interface CustomerAggregate {
  customerKey: string;
  recencyDays: number;
  frequency: number;
  monetary: number;
}

/** A point back in real units (a centroid mapped back from the scaled feature space). */
export interface RealUnits {
  recencyDays: number;
  frequency: number;
  monetary: number;
}

/** Classic RFM score: 1 (worst quintile) to 5 (best quintile). */
export type RfmScore = 1 | 2 | 3 | 4 | 5;

export interface RfmScores {
  r: RfmScore;
  f: RfmScore;
  m: RfmScore;
}
