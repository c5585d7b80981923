import type { LineItem } from '@invoice/contracts';
import { roundCents } from './amount.parser.js';
import { runChecks } from './invoice.checks.js';

export interface AmountFields {
  subtotal: number | null;
  taxAmount: number | null;
  taxRate: number | null;
  total: number | null;
  lineItems: readonly LineItem[];
}

/** Where a corrected value went: a top-level amount, or the unit price of a line (1-based). */
export type CorrectedField = 'subtotal' | 'taxAmount' | 'total' | `lineItem:${number}`;

export interface ArithmeticCorrection {
  field: CorrectedField;
  from: number;
  to: number;
  fields: AmountFields;
}

/** Digits tesseract mistakes for one another on printed amounts. */
const DIGIT_CONFUSIONS: Record<string, readonly string[]> = {
  '0': ['8', '6', '9'],
  '8': ['0', '6', '9', '3', '5'],
  '6': ['0', '8', '9', '5'],
  '9': ['0', '8', '6'],
  '1': ['7'],
  '7': ['1'],
  '5': ['6', '8'],
  '3': ['8'],
};

/**
 * The values an amount may have been before one OCR slip: one digit swapped for a look-alike
 * (0/8/6/9, 1/7, 5/6/8, 3/8), or the decimal point dropped or added (x100, /100, x10, /10).
 */
export function misreadCandidates(value: number): number[] {
  const text = Math.abs(value).toFixed(2);
  const sign = value < 0 ? -1 : 1;
  const out = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    for (const other of DIGIT_CONFUSIONS[text[i] as string] ?? []) {
      out.add(sign * Number(text.slice(0, i) + other + text.slice(i + 1)));
    }
  }
  for (const factor of [100, 0.01, 10, 0.1]) out.add(roundCents(value * factor));
  out.delete(value);
  return [...out];
}

/**
 * Every sum of the invoice holds (line amounts, subtotal/total, tax). A subtotal apart from the total with no tax
 * read (`taxUnread`) is no sum: what stands between them was not read, so no digit slip is to blame.
 */
function sumsHold(fields: AmountFields): boolean {
  const { issues } = runChecks({ invoiceNumber: 'x', issueDate: null, customerName: 'x', ...fields }, { tolerance: 0 });
  return !issues.some((i) => /mismatch/.test(i) && !(i === 'tax_total_mismatch' && fields.taxAmount === null));
}

/**
 * When the sums do not hold: tries every single OCR slip on the total, subtotal, tax amount and each
 * line's unit price (its amount recomputed), and returns the correction only if exactly one candidate
 * makes every sum hold; null otherwise (sums already right, no candidate, or several).
 * At least two amounts must be printed for a sum to say anything (one line and a total always agree).
 */
export function correctByArithmetic(fields: AmountFields): ArithmeticCorrection | null {
  if (fields.lineItems.length === 0 || sumsHold(fields)) return null;
  const found: ArithmeticCorrection[] = [];
  const tryValue = (field: CorrectedField, from: number, next: AmountFields) => {
    if (sumsHold(next))
      found.push({
        field,
        from,
        to: field.startsWith('lineItem:')
          ? (next.lineItems[Number(field.split(':')[1]) - 1] as LineItem).unitPrice
          : (next[field as 'total'] as number),
        fields: next,
      });
  };
  for (const name of ['total', 'subtotal', 'taxAmount'] as const) {
    const value = fields[name];
    if (value === null) continue;
    for (const candidate of misreadCandidates(value)) tryValue(name, value, { ...fields, [name]: candidate });
  }
  fields.lineItems.forEach((item, index) => {
    for (const candidate of misreadCandidates(item.unitPrice)) {
      if (candidate <= 0) continue;
      const lineItems = fields.lineItems.map((it, i) =>
        i === index ? { ...it, unitPrice: candidate, amount: roundCents(it.quantity * candidate) } : it,
      );
      tryValue(`lineItem:${index + 1}`, item.unitPrice, { ...fields, lineItems });
    }
  });
  return found.length === 1 ? (found[0] as ArithmeticCorrection) : null;
}
