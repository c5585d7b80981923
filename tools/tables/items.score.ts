/** Line-item comparison for the table reader's development tool (pure; see items.score.spec.ts). */
import { normalizeText, sameAmount } from '../eval/normalize.js';

/** A gold line: a null value is not printed on the page and is not compared. */
export interface GoldItem {
  description: string | null;
  quantity: number | null;
  unitPrice: number | null;
  amount: number | null;
}
export interface ReadItem {
  description: string;
  quantity: number | null;
  unitPrice: number | null;
  amount: number | null;
}

const sameNumber = (gold: number | null, read: number | null): boolean => gold === null || sameAmount(gold, read);

/** Whether one read line equals a gold line: description as text (upper case, blanks collapsed), numbers to the cent. */
export function sameItem(gold: GoldItem, read: ReadItem): boolean {
  const description = gold.description === null || normalizeText(gold.description) === normalizeText(read.description);
  return (
    description &&
    sameNumber(gold.quantity, read.quantity) &&
    sameNumber(gold.unitPrice, read.unitPrice) &&
    sameNumber(gold.amount, read.amount)
  );
}

/** Exact: as many lines, in order, each equal. Also how many gold lines have an equal read line at their place. */
export function scoreItems(gold: readonly GoldItem[], read: readonly ReadItem[]): { exact: boolean; linesRight: number } {
  const linesRight = gold.filter((g, i) => read[i] !== undefined && sameItem(g, read[i] as ReadItem)).length;
  return { exact: gold.length === read.length && linesRight === gold.length, linesRight };
}
