import { sameValue } from '../candidates/candidate.builder.js';
import type { FieldOptions } from './value.options.js';
import type { ValueOption } from './scorer.types.js';

/** How much more (or less) likely a combination is when its values agree (or disagree). */
export const AGREEMENT = { sums: 20, sumsBroken: 0.5, subtotalOverTotal: 0.2, dueBeforeIssue: 0.05, sameParty: 0.02 } as const;

const TOP = 4;
const top = (options: readonly ValueOption[]): ValueOption[] => {
  const best = options.slice(0, TOP);
  const none = options.find((o) => o.value === null);
  return none && !best.includes(none) ? [...best, none] : best;
};

/** The agreement factor of an amount combination: subtotal + tax = total holds, or fails, or the subtotal exceeds the total. */
export function amountAgreement(subtotal: number | null, tax: number | null, total: number | null): number {
  let factor = 1;
  if (subtotal !== null && tax !== null && total !== null)
    factor *= Math.abs(subtotal + tax - total) < 0.015 ? AGREEMENT.sums : AGREEMENT.sumsBroken;
  if (subtotal !== null && total !== null && subtotal > 0 && subtotal > total + 0.005) factor *= AGREEMENT.subtotalOverTotal;
  return factor;
}

/** The agreement factor of two dates: a due date before the issue date is unlikely. */
export function dateAgreement(issue: string | null, due: string | null): number {
  return issue !== null && due !== null && due < issue ? AGREEMENT.dueBeforeIssue : 1;
}

/** The agreement factor of the two parties: a document is not addressed to its own issuer. */
export function partyAgreement(vendor: string | null, customer: string | null): number {
  return sameValue(vendor, customer) ? AGREEMENT.sameParty : 1;
}

function bestAmounts(options: FieldOptions): { subtotal: ValueOption; taxAmount: ValueOption; total: ValueOption } {
  let best = { score: -1, subtotal: options.subtotal[0], taxAmount: options.taxAmount[0], total: options.total[0] };
  for (const s of top(options.subtotal)) {
    for (const t of top(options.taxAmount)) {
      for (const g of top(options.total)) {
        const score =
          s.probability *
          t.probability *
          g.probability *
          amountAgreement(s.value as number | null, t.value as number | null, g.value as number | null);
        if (score > best.score) best = { score, subtotal: s, taxAmount: t, total: g };
      }
    }
  }
  return best as { subtotal: ValueOption; taxAmount: ValueOption; total: ValueOption };
}

/** The most probable pair of values of two fields, each probability weighed by how well the two agree. */
function bestPair(
  first: readonly ValueOption[],
  second: readonly ValueOption[],
  agreement: (a: ValueOption['value'], b: ValueOption['value']) => number,
): [ValueOption | undefined, ValueOption | undefined] {
  let best: { score: number; pair: [ValueOption | undefined, ValueOption | undefined] } = { score: -1, pair: [first[0], second[0]] };
  for (const a of top(first)) {
    for (const b of top(second)) {
      const score = a.probability * b.probability * agreement(a.value, b.value);
      if (score > best.score) best = { score, pair: [a, b] };
    }
  }
  return best.pair;
}

/**
 * Chooses every field's value so that the values agree: the parties (the customer is not the vendor), the amounts (subtotal + tax = total, subtotal not over
 * the total) and the dates (due not before issue) are chosen together among each field's most probable
 * values, the others are each field's most probable value. A field's value may be null (not printed).
 */
export function decodeJointly(options: FieldOptions): Record<keyof FieldOptions, ValueOption> {
  const pick = (o: ValueOption[]): ValueOption => o[0] ?? { value: null, probability: 1, words: [] };
  const [vendorName, customerName] = bestPair(options.vendorName, options.customerName, (v, c) =>
    partyAgreement(v as string | null, c as string | null),
  );
  const [issueDate, dueDate] = bestPair(options.issueDate, options.dueDate, (i, d) =>
    dateAgreement(i as string | null, d as string | null),
  );
  return {
    invoiceNumber: pick(options.invoiceNumber),
    currency: pick(options.currency),
    ...bestAmounts(options),
    vendorName: vendorName as ValueOption,
    customerName: customerName as ValueOption,
    issueDate: issueDate as ValueOption,
    dueDate: dueDate as ValueOption,
  };
}
