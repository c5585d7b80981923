export interface SegmentTransition {
  from: string;
  to: string;
  count: number;
}

export interface CustomerInSegment {
  customerKey: string;
  segment: string;
}

export interface RunComparison {
  /**
   * Customers present in both runs, grouped by (previous segment, current segment), including those
   * who stayed (from === to); by decreasing count, then from, then to.
   */
  transitions: SegmentTransition[];
  /** Customers present in both runs whose segment changed. */
  moved: number;
  /** Customers present in both runs in the same segment. */
  stayed: number;
  /** Customers only in the current run, with their segment, by customerKey. */
  newCustomers: CustomerInSegment[];
  /** Customers only in the previous run, with their last segment, by customerKey. */
  goneCustomers: CustomerInSegment[];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Movements between two segmentation runs (customerKey -> segment label). Segments are compared by
 * label: a "Loyal (2)" of one run is not necessarily the "Loyal (2)" of the other.
 */
export function compareRuns(previous: ReadonlyMap<string, string>, current: ReadonlyMap<string, string>): RunComparison {
  const counts = new Map<string, SegmentTransition>();
  const newCustomers: CustomerInSegment[] = [];
  let moved = 0;
  let stayed = 0;
  for (const [customerKey, to] of current) {
    const from = previous.get(customerKey);
    if (from === undefined) {
      newCustomers.push({ customerKey, segment: to });
      continue;
    }
    if (from === to) stayed++;
    else moved++;
    // JSON of the pair: a key no pair of labels can share
    const key = JSON.stringify([from, to]);
    const transition = counts.get(key);
    if (transition) transition.count++;
    else counts.set(key, { from, to, count: 1 });
  }
  const goneCustomers: CustomerInSegment[] = [];
  for (const [customerKey, segment] of previous) {
    if (!current.has(customerKey)) goneCustomers.push({ customerKey, segment });
  }
  const transitions = [...counts.values()].sort((a, b) => b.count - a.count || byText(a.from, b.from) || byText(a.to, b.to));
  newCustomers.sort((a, b) => byText(a.customerKey, b.customerKey));
  goneCustomers.sort((a, b) => byText(a.customerKey, b.customerKey));
  return { transitions, moved, stayed, newCustomers, goneCustomers };
}
