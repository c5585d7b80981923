/** The labelled documents with printed line items, shared by the table scoring and the line-item calibration. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { GoldItem } from './items.score.js';

/** The parts of a label file read here (einvoice-dev: `labelsPrinted` and `meta`; invoices-dev: `lineItems`). */
interface Label {
  meta?: { visualGroup?: string; producer?: string };
  labelsPrinted?: { lineItems?: GoldItem[] | null };
  lineItems?: GoldItem[] | null;
}

export interface ItemsCase {
  id: string;
  /** The producer (einvoice-dev) or issuer (invoices-dev): what folds and reports group by. */
  group: string;
  gold: GoldItem[];
}

/** Issuers by document id, from the data set's manifest (invoices-dev). */
function issuersOf(dataset: string): Map<string, string> {
  const issuers = new Map<string, string>();
  for (const line of readFileSync(path.join(dataset, 'manifest.jsonl'), 'utf8').split('\n').filter(Boolean)) {
    const entry = JSON.parse(line) as { id: string; issuer?: string };
    if (entry.issuer) issuers.set(entry.id, entry.issuer);
  }
  return issuers;
}

/** The labelled documents of a data set with printed line items, one per visual group, with their group. */
export function itemsCases(dataset: string): ItemsCase[] {
  const seen = new Set<string>();
  const out: ItemsCase[] = [];
  const issuers = issuersOf(dataset);
  for (const file of readdirSync(dataset)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const id = file.slice(0, -5);
    const label = JSON.parse(readFileSync(path.join(dataset, file), 'utf8')) as Label;
    const meta = label.meta;
    // A line none of whose values is printed is not on the page: it is not expected.
    const gold = ((label.labelsPrinted?.lineItems ?? label.lineItems) as GoldItem[] | null)?.filter((g) =>
      Object.values(g).some((v) => v !== null),
    );
    if (!gold || gold.length === 0) continue;
    const visual = meta?.visualGroup ?? id;
    if (seen.has(visual)) continue;
    seen.add(visual);
    out.push({ id, group: meta?.producer ?? issuers.get(id) ?? id, gold });
  }
  return out;
}
