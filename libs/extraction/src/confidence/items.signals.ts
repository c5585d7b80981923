import type { ExtractedInvoice, LineItem } from '@invoice/contracts';
import { productMatches } from '../tables/item.arithmetic.js';
import { itemsAddUp } from '../tables/table.items.js';

/** The signals a document's line items are judged by, in the order of the calibration's weights. */
export const ITEM_SIGNALS = [
  'minWordConfidence',
  'meanWordConfidence',
  'sumsHold',
  'readAndAgreeShare',
  'disagreeShare',
  'flagged',
  'lineCount',
  'codeInDescription',
  'longDescription',
] as const;

/** The invoice values the signals read. */
export type ItemSignalsInput = Pick<ExtractedInvoice, 'lineItems' | 'subtotal' | 'total' | 'taxAmount' | 'issues'>;

/** Whether the lines' amounts add up to the net total: the subtotal, else the total less the tax, else the total. */
function sumsHold(invoice: ItemSignalsInput): boolean {
  const { lineItems: items, subtotal, total, taxAmount } = invoice;
  if (subtotal !== null && subtotal !== undefined) return itemsAddUp(items, subtotal);
  if (total === null || total === undefined) return false;
  return itemsAddUp(items, total) || (taxAmount !== null && taxAmount !== undefined && itemsAddUp(items, total - taxAmount));
}

const share = (items: readonly LineItem[], test: (item: LineItem) => boolean): number =>
  items.length ? items.filter(test).length / items.length : 0;

/**
 * The signals of a document's line items: how sure the reading of their words is (lowest and mean word
 * confidence, 0..1), whether the sums vouch for the amounts (the lines add up to the net total; the share of
 * lines whose quantity, unit price and amount were all read, `printed`, and agree; the share whose product is off,
 * a discount or a misread digit), whether the reader flagged a line, and the shape of what was read
 * (number of lines; descriptions holding a long code or running long, where a code column or a detail line was
 * taken into the name).
 */
export function lineItemSignals(invoice: ItemSignalsInput, wordConfidences: readonly number[], printed: readonly boolean[]): number[] {
  const items = invoice.lineItems;
  const readAndAgree = items.filter((item, i) => printed[i] === true && productMatches(item.quantity, item.unitPrice, item.amount));
  const confidences = wordConfidences.map((c) => Math.max(0, Math.min(100, c)) / 100);
  const flagged = invoice.issues.some((i) => i.startsWith('table:mismatch:lineItem') || i.startsWith('unreadable:lineItem'));
  return [
    confidences.length ? Math.min(...confidences) : 0,
    confidences.length ? confidences.reduce((a, b) => a + b, 0) / confidences.length : 0,
    sumsHold(invoice) ? 1 : 0,
    items.length ? readAndAgree.length / items.length : 0,
    share(items, (i) => !productMatches(i.quantity, i.unitPrice, i.amount)),
    flagged ? 1 : 0,
    Math.log1p(items.length) / 3,
    share(items, (i) => /\d{6,}/.test(i.description)),
    share(items, (i) => i.description.length > 60),
  ];
}
