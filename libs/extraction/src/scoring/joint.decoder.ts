import type { FieldOptions } from './value.options.js';
import type { ValueOption } from './scorer.types.js';

/** How much more (or less) likely a combination is when its values agree (or disagree). */
export const AGREEMENT = { sums: 6, sumsBroken: 0.5, subtotalOverTotal: 0.2, dueBeforeIssue: 0.05, sameParty: 0.02 } as const;

const TOP = 4;
const top = (options: readonly ValueOption[]): ValueOption[] => {
  const best = options.slice(0, TOP);
  const none = options.find((o) => o.value === null);
  return none && !best.includes(none) ? [...best, none] : best;
};

/** The agreement factor of an amount combination: subtotal + tax = total holds, or fails, or the subtotal exceeds the total. */
export function amountAgreement(subtotal: number | null, tax: number | null, total: number | null): number {
  let factor = 1;
  if (subtotal !== null && tax !== null && total !== null) factor *= Math.abs(subtotal + tax - total) < 0.015 ? AGREEMENT.sums : AGREEMENT.sumsBroken;
  if (subtotal !== null && total !== null && subtotal > 0 && subtotal > total + 0.005) factor *= AGREEMENT.subtotalOverTotal;
  return factor;
}

/** The agreement factor of two dates: a due date before the issue date is unlikely. */
export function dateAgreement(issue: string | null, due: string | null): number {
  return issue !== null && due !== null && due < issue ? AGREEMENT.dueBeforeIssue : 1;
}

/** The agreement factor of the two parties: a document is not addressed to its own issuer. */
export function partyAgreement(vendor: string | null, customer: string | null): number {
  const canon = (s: string): string => s.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
  return vendor !== null && customer !== null && canon(vendor) === canon(customer) ? AGREEMENT.sameParty : 1;
}

function bestAmounts(options: FieldOptions): { subtotal: ValueOption; taxAmount: ValueOption; total: ValueOption } {
  let best = { score: -1, subtotal: options.subtotal[0], taxAmount: options.taxAmount[0], total: options.total[0] };
  for (const s of top(options.subtotal)) {
    for (const t of top(options.taxAmount)) {
      for (const g of top(options.total)) {
        const score = s.probability * t.probability * g.probability * amountAgreement(s.value as number | null, t.value as number | null, g.value as number | null);
        if (score > best.score) best = { score, subtotal: s, taxAmount: t, total: g };
      }
    }
  }
  return best as { subtotal: ValueOption; taxAmount: ValueOption; total: ValueOption };
}

function bestDates(options: FieldOptions): { issueDate: ValueOption; dueDate: ValueOption } {
  let best = { score: -1, issueDate: options.issueDate[0], dueDate: options.dueDate[0] };
  for (const i of top(options.issueDate)) {
    for (const d of top(options.dueDate)) {
      const score = i.probability * d.probability * dateAgreement(i.value as string | null, d.value as string | null);
      if (score > best.score) best = { score, issueDate: i, dueDate: d };
    }
  }
  return best as { issueDate: ValueOption; dueDate: ValueOption };
}

function bestParties(options: FieldOptions): { vendorName: ValueOption; customerName: ValueOption } {
  let best = { score: -1, vendorName: options.vendorName[0], customerName: options.customerName[0] };
  for (const v of top(options.vendorName)) {
    for (const c of top(options.customerName)) {
      const score = v.probability * c.probability * partyAgreement(v.value as string | null, c.value as string | null);
      if (score > best.score) best = { score, vendorName: v, customerName: c };
    }
  }
  return best as { vendorName: ValueOption; customerName: ValueOption };
}

/**
 * Chooses every field's value so that the values agree: the parties (the customer is not the vendor), the amounts (subtotal + tax = total, subtotal not over
 * the total) and the dates (due not before issue) are chosen together among each field's most probable
 * values, the others are each field's most probable value. A field's value may be null (not printed).
 */
export function decodeJointly(options: FieldOptions): Record<keyof FieldOptions, ValueOption> {
  const pick = (o: ValueOption[]): ValueOption => o[0] ?? { value: null, probability: 1, words: [] };
  const amounts = bestAmounts(options);
  const dates = bestDates(options);
  return { invoiceNumber: pick(options.invoiceNumber), currency: pick(options.currency), ...bestParties(options), ...amounts, ...dates };
}
