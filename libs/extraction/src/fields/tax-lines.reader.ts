import type { OcrWord, TaxLine } from '@invoice/contracts';
import { parseAmount, roundCents } from '../amount.parser.js';
import { foldLabelText, type ReadField, type WordLine } from './labelled.value.js';

/** Tax names in English, French, German, Dutch, Spanish and Italian (folded text). */
const TAX_WORD_RE =
  /(?:^|[^\p{L}])(vat|tax|sales\s+tax|gst|tva|taxe|mwst|mwst\.|ust|umsatzsteuer|mehrwertsteuer|btw|iva|igic|i\.v\.a\.)(?![\p{L}])/u;
/** Totals that name the tax: their amounts are no tax. */
const TOTAL_WORD_RE =
  /(?:^|[^\p{L}])(total|totaal|totale|gesamt\p{L}*|summe|endbetrag|incl|inkl|including|inclusive|ttc|ivato|ivata)(?![\p{L}])/u;
const RATE_RE = /(?<![\d.,])(\d{1,2}(?:[.,]\d{1,3})?)\s?%/;
/** Amounts with two decimals: "1 000,00", "1.000,00", "1,000.00", "19,00", "-12.50". */
const AMOUNT_RE = /(?<![\d.,])-?\d{1,3}(?:[ .,'\u00a0\u202f]\d{3})*[.,]\d{2}(?![\d%])-?|(?<![\d.,])-?\d+[.,]\d{2}(?![\d%])-?/g;

/** Whether `amount` is `rate` percent of `base`, to the cent (and half a cent per 100 of rounding). */
export function taxMatches(rate: number, base: number, amount: number): boolean {
  return Math.abs(roundCents((base * rate) / 100) - amount) <= Math.max(0.011, Math.abs(amount) * 0.001);
}

/**
 * One tax line: a tax word, a rate before a percent sign, then amounts ("MwSt 19 % auf 100,00 EUR 19,00",
 * "TVA 20% 1 000,00 200,00", "VAT 20% of 100.00 = 20.00", "IVA 21% 21,00"). Among the amounts, the pair
 * where one is the rate of the other gives base and tax; with no such pair, a single amount is the tax when
 * the tax's name alone labels the line. Null when the line is no tax line.
 */
export function parseTaxLine(text: string): TaxLine | null {
  const folded = foldLabelText(text);
  if (!TAX_WORD_RE.test(folded)) return null;
  const rateMatch = RATE_RE.exec(text);
  if (!rateMatch) return null;
  const rate = Number((rateMatch[1] as string).replace(',', '.'));
  if (!(rate > 0 && rate < 100)) return null;
  const rest = text.slice(0, rateMatch.index) + ' '.repeat(rateMatch[0].length) + text.slice(rateMatch.index + rateMatch[0].length);
  const amounts = [...rest.matchAll(AMOUNT_RE)].map((m) => parseAmount(m[0])).filter((a): a is number => a !== null);
  if (amounts.length === 0) return null;
  for (let i = 0; i < amounts.length; i++) {
    for (let j = i + 1; j < amounts.length; j++) {
      const [a, b] = [amounts[i] as number, amounts[j] as number];
      if (taxMatches(rate, a, b)) return { rate, base: a, amount: b };
      if (taxMatches(rate, b, a)) return { rate, base: b, amount: a };
    }
  }
  // "Total incl. VAT 20 % 120,00": a total that names the rate, not a tax line.
  if (TOTAL_WORD_RE.test(folded)) return null;
  // With no base the rate confirms, the line is a tax line only when the tax names it alone ("MwSt 19 % 19,00"),
  // not an item or discount row that prints a rate column ("Stadtfahrt 2,00 6 Stk 7 % VAT 13,00").
  if (amounts.length !== 1 || !namedByTaxOnly(foldLabelText(rest.replace(AMOUNT_RE, ' ')))) return null;
  return { rate, base: null, amount: amounts[0] as number };
}

/** Words that may stand with the tax's name before its rate: "zzgl.", "plus", "dont", "davon", "of which". */
const CONNECTOR_RE =
  /(?:^|[^\p{L}])(zzgl|zuzuglich|plus|add|dont|davon|hiervon|of\s+which|excl|exkl|sur|auf|on|op|over|su|de|del|van)(?![\p{L}])/gu;

const CURRENCY_RE = /(?:^|[^\p{L}])(eur|euro|usd|gbp|chf)(?![\p{L}])|[€$£]/gu;

/** Whether a line, its rate and amounts taken out, holds a tax name and nothing but connectors, currencies and punctuation. */
function namedByTaxOnly(rest: string): boolean {
  const tax = new RegExp(TAX_WORD_RE.source, 'gu');
  return !/[\p{L}\p{N}]/u.test(rest.replace(tax, ' ').replace(CONNECTOR_RE, ' ').replace(CURRENCY_RE, ' '));
}

export interface TaxLinesRead extends ReadField<TaxLine[]> {
  /** Every line with a base agrees with its rate. */
  consistent: boolean;
}

/**
 * The tax summary: every tax line on the document, one per rate (the first reading of a rate that has a
 * base wins over one without). Empty when there is none.
 */
export function readTaxLines(lines: readonly WordLine[]): TaxLinesRead {
  const byRate = new Map<number, { line: TaxLine; words: OcrWord[] }>();
  for (const row of lines) {
    const line = parseTaxLine(row.text);
    if (!line) continue;
    const known = byRate.get(line.rate);
    if (known && (known.line.base !== null || line.base === null)) continue;
    byRate.set(line.rate, { line, words: row.words.filter((w) => /\d/.test(w.text)) });
  }
  const found = [...byRate.values()];
  const consistent = found.every(({ line }) => line.base === null || line.amount === null || taxMatches(line.rate, line.base, line.amount));
  return { value: found.map((f) => f.line), words: found.flatMap((f) => f.words), consistent };
}
