import type { LineItem } from '@invoice/contracts';
import { fixDigitConfusions, parseAmount, parseQuantity, roundCents } from './amount.parser.js';
import { detectCurrency } from './currency.parser.js';
import { editDistance, foldAccents, normalizeQuotes, normalizeSpaces } from './text.normalize.js';

export interface ParsedItemLine extends LineItem {
  currency: string | null;
}

/** The right-hand column of an item line: `4 x 98.58 Euro`. */
export interface ItemColumn {
  /** Null when the quantity slot is there but unreadable ("EX", "1K."). */
  quantity: number | null;
  unitPrice: number;
  currency: string | null;
}

// 'eur' plus up to two letters: Euro, Euros, and OCR slips such as 'Eure'.
const CURRENCY = String.raw`(?:eur[a-z]{0,2}|€|usd|us\$|\$|gbp|£|chf)`;
// "<description> <qty> x <unit price> [currency]". OCR noise tolerated around the "x": "1x.", "x;", "11. x".
const ITEM_RE = new RegExp(
  String.raw`^(?<desc>.*?)\s*(?<![\w.,])(?<qty>[0-9OolI|]{1,5}(?:[.,][0-9]{1,3})?)[.,:;]?\s*[xX×*][.,:;]*\s*(?<price>[-0-9OolIS|.,:;'\u2019 ]*[0-9OolIS])[.,;:]?\s*(?<cur>${CURRENCY})?[.,;:]?$`,
  'i',
);

/**
 * Parses one item row: description on the left, then `4 x 98.58 Euro` (quantity, unit price,
 * optional currency). The unit price must have decimals or be followed by a currency, so that a
 * description such as "Pack of 24 x 7" alone is not an item. amount = quantity x unit price, in cents.
 */
export function parseItemLine(text: string): ParsedItemLine | null {
  const line = normalizeSpaces(normalizeQuotes(text));
  const m = ITEM_RE.exec(line);
  if (!m?.groups) return null;
  const { desc, qty, price, cur } = m.groups as { desc: string; qty: string; price: string; cur?: string };
  const description = cleanDescription(desc);
  if (!description) return null;
  if (!cur && !/[.,:;]\d{1,2}$/.test(price.trim())) return null;
  const quantity = parseQuantity(qty);
  const unitPrice = parseAmount(price.trim());
  if (quantity === null || unitPrice === null) return null;
  return {
    description,
    quantity,
    unitPrice,
    amount: roundCents(quantity * unitPrice),
    currency: cur ? detectCurrency(cur) : null,
  };
}

/** Description text: whitespace and quotes normalized, trailing separators dropped; null without letters. */
export function cleanDescription(text: string): string | null {
  const description = normalizeSpaces(normalizeQuotes(text)).replace(/[\s.:;,_-]+$/, '');
  return /\p{L}/u.test(description) ? description : null;
}

/** A currency word or sign; "Euro" also within one OCR slip ("Füro", "Eure"). */
export function currencyToken(token: string): string | null {
  const direct = detectCurrency(token);
  if (direct) return direct;
  const key = foldAccents(token)
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  return key.length >= 3 && editDistance(key, 'euro', 1) <= 1 ? 'EUR' : null;
}

/**
 * The quantity slot, as tesseract reads a lone digit in a monospace column: letters that stand for
 * digits (l, I, |, i and L for a 1 with a foot serif; O, o for 0), stray punctuation around it.
 */
export function parseQuantitySlot(text: string): number | null {
  let s = text.replace(/^[\s.,:;_'"-]+|[\s.,:;_'"-]+$/g, '');
  if (s.length === 0 || s.length > 6) return null;
  if (/^[\dLlI|i!Oo]+$/.test(s)) s = s.replace(/[LlI|i!]/g, '1').replace(/[Oo]/g, '0');
  return parseQuantity(fixDigitConfusions(s));
}

/**
 * Parses the right-hand item column on its own: `4 x 98.58 Euro`, `1x. 38,37 Euro`, `12 x. 3,47 Euro`.
 * The column must end in a unit price with 2 decimals (optionally followed by a currency), with an
 * "x" or a currency to tell it from other numbers. The quantity is null when its slot is unreadable.
 */
export function parseItemColumn(text: string): ItemColumn | null {
  const tokens = normalizeSpaces(normalizeQuotes(text)).split(' ').filter(Boolean);
  let currency: string | null = null;
  const last = tokens[tokens.length - 1];
  if (last !== undefined && !/\d/.test(last)) {
    currency = currencyToken(last);
    if (currency) tokens.pop();
  }
  const priceToken = tokens.pop();
  if (priceToken === undefined) return null;
  // The price: the last token, with thousands groups written with a space before it ("1 234,56").
  // A stray point after the price ("462,30. €") is a speck, not a decimal separator.
  let priceText = priceToken.replace(/^[^0-9OolIS|]+/, '').replace(/(?<=[.,:;]\d{2})[.,:;]+$/, '');
  while (tokens.length > 0 && /^\d{1,3}$/.test(tokens[tokens.length - 1] as string) && /^\d{3}[.,]/.test(priceText)) {
    priceText = `${tokens.pop() as string} ${priceText}`;
  }
  // The price may have swallowed the "x": "x.122;55", "x;".
  const glued = /^(.*?[xX×*])[.,:;_-]*(\d.*)$/.exec(priceToken);
  if (glued && !/\d/.test(glued[1] as string)) {
    tokens.push(glued[1] as string);
    priceText = glued[2] as string;
  }
  // In this slot a dash between digits before the last two can only be a misread decimal point ("8-36").
  priceText = priceText.replace(/(?<=\d)-(?=[0-9OolIS]{2}$)/, '.');
  if (!/[.,:;]\s?[0-9OolIS]{2}$/.test(priceText)) return null;
  const unitPrice = parseAmount(priceText);
  if (unitPrice === null) return null;

  // Before the price: "<qty> x", "<qty>x", "<qty>x.", or garbage standing for them.
  const before = tokens.join(' ').replace(/[\s.,:;_-]+$/, '');
  const hasX = /[xX×*]$/.test(before);
  // Without the "x", something must stand in the quantity slot and a currency must close the column.
  if (!hasX && (!currency || before.length === 0)) return null;
  const qtyText = hasX ? before.slice(0, -1) : before;
  if (qtyText.replace(/[\s.,:;_-]/g, '').length > 4) return null;
  // Without the "x" the slot boundaries are unknown ("7.9%" for "7 x"): only a bare number is trusted.
  const quantity = hasX || /^[0-9OolIL|]{1,4}$/.test(qtyText.trim()) ? parseQuantitySlot(qtyText) : null;
  return { quantity, unitPrice, currency };
}
