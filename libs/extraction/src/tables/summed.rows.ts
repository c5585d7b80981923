import type { OcrWord } from '@invoice/contracts';
import type { Row } from '../rows.builder.js';
import { normalizeSpaces } from '../text.normalize.js';
import { cellNumbers } from './number.cell.js';
import type { TableLineItems } from './table.items.js';
import { isTotalsLabel } from './totals.lexicon.js';

/** A row that may be an item of a list without a header: text, then one amount at its right end. */
interface AmountRow {
  index: number;
  description: OcrWord[];
  amountWords: OcrWord[];
  amount: number;
  right: number;
}

/**
 * An amount as prices are printed: with two decimals, not zero ("80,00 €"; "(35,13 €)" is no item: brackets say
 * "of which"; rows of 0,00 add up to any 0,00 under them).
 */
const PRICE_RE = /^-?\d{1,3}(?:[.,' ]?\d{3})*[.,]\d{2}$/;

function amountRow(row: Row, index: number): AmountRow | null {
  const last = row.segments[row.segments.length - 1];
  if (row.segments.length < 2 || !last) return null;
  const text = last.text.replace(/\s*(€|EUR|USD|GBP|CHF|\$|£)\s*/gi, '').trim();
  const values = cellNumbers(text);
  if (values.length !== 1 || values[0] === 0 || !PRICE_RE.test(text.replace(/\s/g, ''))) return null;
  const description = row.words.filter((w) => !last.words.includes(w));
  if (!description.some((w) => /\p{L}{2}/u.test(w.text))) return null;
  return { index, description, amountWords: last.words, amount: values[0] as number, right: last.bbox.x1 };
}

const cents = (value: number): number => Math.round(value * 100);

/**
 * Line items of a document that lists them without a table header (an insurer's letter: "Kfz-Haftpflicht SF25 …
 * 80,00 €", "Vollkasko … 140,00 €", then "Beitrag … 220,00 €"): consecutive rows of text with one amount at the same
 * right edge, whose amounts add up exactly to the amount of the row right under them. The sum is what vouches
 * for them: without it, no line is read. Rows in `excluded` (labelled totals, dates, numbers) and rows starting with
 * a totals label are not items. Quantity 1 and the amount as unit price, not read (`printed` false).
 */
export function summedRowItems(rows: readonly Row[], excluded: ReadonlySet<number>): TableLineItems | null {
  let best: AmountRow[] = [];
  let run: AmountRow[] = [];
  rows.forEach((row, index) => {
    const total = amountRow(row, index);
    const candidate = excluded.has(index) || isTotalsLabel(row.text) ? null : total;
    const previous = run[run.length - 1];
    const aligned =
      candidate &&
      previous &&
      previous.index === index - 1 &&
      row.page === rows[previous.index]?.page &&
      Math.abs(candidate.right - previous.right) <= row.height;
    if (previous && total && total.index === previous.index + 1 && Math.abs(total.right - previous.right) <= row.height) {
      // The longest run ending right above a row that prints its sum.
      for (let start = 0; start < run.length - 1; start++) {
        const part = run.slice(start);
        if (part.length > best.length && cents(part.reduce((s, r) => s + r.amount, 0)) === cents(total.amount)) best = part;
      }
    }
    run = candidate ? (aligned ? [...run, candidate] : [candidate]) : [];
  });
  if (best.length < 2) return null;
  return {
    lineItems: best.map((r) => ({
      description: normalizeSpaces(r.description.map((w) => w.text).join(' ')),
      quantity: 1,
      unitPrice: r.amount,
      amount: r.amount,
    })),
    itemWords: best.map((r) => ({ description: r.description, column: r.amountWords })),
    printed: best.map(() => false),
    issues: [],
  };
}
