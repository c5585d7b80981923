/**
 * Per-group summaries (einvoice: producer, invoices: issuer): the same figures as the whole set's, over each
 * group's documents. Pages per second per group come from the documents' own reading times (one lane), since
 * the lanes of a run interleave groups.
 */
import type { DatasetFormat } from './dataset.js';
import { summarize, type DocumentResult, type Summary } from './score.js';
import type { DatasetDocument } from './dataset.js';

/**
 * The groupings a format reports: einvoice by producer and by layout, invoices by issuer; none for the
 * generated and SROIE sets.
 */
export function groupingsOf<R extends DocumentResult & { source: DatasetDocument }>(
  format: DatasetFormat,
  results: readonly R[],
  threshold: number | null,
): Grouping[] {
  if (format === 'einvoice') {
    return [
      { by: 'producer', groups: summarizeGroups(format, results, threshold, (r) => r.group) },
      {
        by: 'layout',
        groups: summarizeGroups(format, results, threshold, (r) => (r.source.format === 'einvoice' ? r.source.layout : undefined)),
      },
    ];
  }
  if (format === 'invoices') return [{ by: 'issuer', groups: summarizeGroups(format, results, threshold, (r) => r.group) }];
  return [];
}

export interface GroupSummary {
  group: string;
  summary: Summary;
}

/** The groups of one grouping ('producer', 'layout', 'issuer'). */
export interface Grouping {
  by: string;
  groups: GroupSummary[];
}

/**
 * One summary per group, groups sorted by size (largest first), then name; documents whose key is undefined
 * are left out. Empty when no document has a key.
 */
export function summarizeGroups<R extends DocumentResult>(
  format: DatasetFormat,
  results: readonly R[],
  threshold: number | null,
  key: (r: R) => string | undefined,
): GroupSummary[] {
  const byGroup = new Map<string, R[]>();
  for (const r of results) {
    const group = key(r);
    if (group === undefined) continue;
    byGroup.set(group, [...(byGroup.get(group) ?? []), r]);
  }
  return [...byGroup.entries()]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .map(([group, docs]) => {
      const seconds = docs.reduce((a, r) => a + (r.ocrMs ?? 0), 0) / 1000;
      return { group, summary: summarize(format, docs, seconds, 1, threshold) };
    });
}
