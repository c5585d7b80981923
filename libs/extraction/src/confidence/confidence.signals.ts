import { sameValue } from '../candidates/candidate.builder.js';
import type { PriorValues, ScoredField } from '../candidates/candidate.types.js';
import { amountAgreement, dateAgreement, partyAgreement } from '../scoring/joint.decoder.js';
import type { FieldOptions } from '../scoring/value.options.js';
import type { ValueOption } from '../scoring/scorer.types.js';

const logit = (p: number): number => {
  const q = Math.max(1e-4, Math.min(1 - 1e-4, p));
  return Math.log(q / (1 - q));
};

/**
 * Whether the chosen values a field is checked against agree with it: 1 when subtotal + tax = total (amounts), the
 * due date is not before the issue date (dates) or the customer is not the vendor (parties), -1 when they disagree,
 * 0 when the check cannot be made. The product's checks (`runChecks`) send the disagreements to review.
 */
export function checkAgreement(field: ScoredField, chosen: Record<ScoredField, ValueOption>): number {
  const v = (f: ScoredField): ValueOption['value'] => chosen[f].value;
  if (field === 'total' || field === 'subtotal' || field === 'taxAmount') {
    const s = v('subtotal');
    const t = v('taxAmount');
    const g = v('total');
    if (typeof s !== 'number' || typeof t !== 'number' || typeof g !== 'number') return 0;
    return amountAgreement(s, t, g) > 1 ? 1 : -1;
  }
  if (field === 'issueDate' || field === 'dueDate') {
    const i = v('issueDate');
    const d = v('dueDate');
    return typeof i !== 'string' || typeof d !== 'string' ? 0 : dateAgreement(i, d) < 1 ? -1 : 1;
  }
  if (field === 'vendorName' || field === 'customerName') {
    const vendor = v('vendorName');
    const customer = v('customerName');
    return typeof vendor !== 'string' || typeof customer !== 'string' ? 0 : partyAgreement(vendor, customer) < 1 ? -1 : 1;
  }
  return 0;
}

/**
 * What the confidence of a chosen value is computed from: the model's probability of it (as a logit), its lead
 * over the next value, whether the rule reader read the same, whether it is "not printed", and whether the
 * values it is checked against agree with it.
 */
export function confidenceSignals(
  field: ScoredField,
  options: FieldOptions,
  chosen: Record<ScoredField, ValueOption>,
  prior: PriorValues,
): number[] {
  const choice = chosen[field];
  const next = options[field].filter((o) => o !== choice).reduce((m, o) => Math.max(m, o.probability), 0);
  const priorValue = prior[field] ?? null;
  const agrees = choice.value === null ? priorValue === null : sameValue(priorValue, choice.value);
  return [
    logit(choice.probability),
    choice.probability - next,
    agrees ? 1 : 0,
    choice.value === null ? 1 : 0,
    checkAgreement(field, chosen),
  ];
}
