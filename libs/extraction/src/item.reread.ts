import type { BBox, OcrPageResult, OcrWord } from '@invoice/contracts';
import { extractByRules, findLabels, parseItemRow } from './fields.extractor.js';
import { buildRows, type Row } from './rows.builder.js';

export interface RereadRegionOptions {
  /** Reread the item columns even when the first reading looks sound (measurements). Default false. */
  always?: boolean;
}

/** Issues of a first reading that say its line items may be misread. */
const DOUBTFUL_ITEMS_RE = /mismatch|^unreadable:lineItem$|^inferred:quantity$|^corrected:/;
/** Rows above the first and below the last item row that may still be item rows the first reading garbled. */
const NEIGHBOUR_ROWS = 2;

const centreX = (w: OcrWord): number => (w.bbox.x0 + w.bbox.x1) / 2;

/**
 * The item column (`<qty> x <unit price> <currency>`) of every item row of a page whose first reading
 * of the line items is doubtful, as regions to read again on their own. Doubtful: a sum over the items
 * fails, a quantity is unreadable or was inferred, an amount was corrected by arithmetic, or a row
 * lined up with the item columns (between and around the item rows, no label on it) does not read as
 * an item. The column's horizontal extent is that of the item columns read (their leftmost start, one
 * row height of slack, to their rightmost end), so a row whose column the first reading garbled gets
 * the same region as its neighbours; its vertical extent is the row's words inside that column.
 * Returns [] when the page has no item column (a receipt, a page of text) or nothing is doubtful.
 */
export function itemRereadRegions(page: OcrPageResult, options: RereadRegionOptions = {}): BBox[] {
  const rows = buildRows(page.words);
  const labels = findLabels(rows);
  const labelled = new Set(labels.map((l) => l.rowIndex));
  const items = rows
    .map((row, index) => ({ row, index, item: labelled.has(index) ? null : parseItemRow(row) }))
    .filter((r) => r.item !== null && r.row.segments.length >= 2);
  if (items.length === 0) return [];
  const columns = items.map(({ row }) => (row.segments[row.segments.length - 1] as Row['segments'][number]).bbox);
  const height = Math.max(...items.map(({ row }) => row.height));
  const x0 = Math.min(...columns.map((c) => c.x0)) - height;
  const x1 = Math.max(...columns.map((c) => c.x1)) + height / 2;
  const first = (items[0] as (typeof items)[number]).index;
  const last = (items[items.length - 1] as (typeof items)[number]).index;
  const page0 = (items[0] as (typeof items)[number]).row.page;

  const regions: BBox[] = [];
  let unparsed = false;
  for (let index = Math.max(0, first - NEIGHBOUR_ROWS); index <= Math.min(rows.length - 1, last + NEIGHBOUR_ROWS); index++) {
    const row = rows[index] as Row;
    if (row.page !== page0 || labelled.has(index)) continue;
    const inColumn = row.words.filter((w) => centreX(w) >= x0 && centreX(w) <= x1);
    if (inColumn.length === 0) continue;
    const isItem = items.some((r) => r.index === index);
    // Around the items only rows that look like one (a digit in the column) count; between them any row does.
    if (!isItem && (index < first || index > last) && !inColumn.some((w) => /\d/.test(w.text))) continue;
    if (!isItem) unparsed = true;
    regions.push({
      x0: Math.round(x0),
      y0: Math.min(...inColumn.map((w) => w.bbox.y0)),
      x1: Math.round(x1),
      y1: Math.max(...inColumn.map((w) => w.bbox.y1)),
    });
  }
  if (options.always || unparsed) return regions;
  const { issues } = extractByRules([{ ...page, rereads: [] }]);
  return issues.some((issue) => DOUBTFUL_ITEMS_RE.test(issue)) ? regions : [];
}
