import type { EInvoice } from './einvoice.model.js';

/** A rule of EN 16931 the data breaks: its identifier and what differs. */
export interface RuleFailure {
  rule: string;
  message: string;
}

const cents = (n: number) => Math.round(n * 100 + (n >= 0 ? 1e-9 : -1e-9));
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const fmt = (n: number) => n.toFixed(2);

/**
 * The EN 16931 calculation rules a reader can check on the data alone (amounts compared to the cent):
 * - BR-CO-10: sum of line net amounts (BT-106) = Σ line net amount (BT-131);
 * - BR-CO-13: total without VAT (BT-109) = BT-106 − allowances (BT-107) + charges (BT-108);
 * - BR-CO-14: total VAT (BT-110) = Σ VAT category tax amounts (BT-117);
 * - BR-CO-15: total with VAT (BT-112) = BT-109 + BT-110;
 * - BR-CO-16: amount due (BT-115) = BT-112 − prepaid (BT-113) + rounding (BT-114);
 * - BR-CO-17: each VAT category tax (BT-117) = taxable amount (BT-116) × rate (BT-119) / 100, within a cent.
 * A rule whose amounts are missing (MINIMUM and BASIC WL carry no lines) is not checked, nor BR-CO-16 on MINIMUM.
 */
export function checkEn16931(e: EInvoice): RuleFailure[] {
  const failures: RuleFailure[] = [];
  const check = (rule: string, stated: number | null, computed: number | null, what: string, toleranceCents = 0) => {
    if (stated === null || computed === null) return;
    if (Math.abs(cents(stated) - cents(computed)) > toleranceCents)
      failures.push({ rule, message: `${what}: stated ${fmt(stated)}, computed ${fmt(computed)}` });
  };
  const lineNets = e.lines.map((l) => l.netAmount).filter((n): n is number => n !== null);
  check('BR-CO-10', e.lineTotal, lineNets.length ? sum(lineNets) : null, 'sum of line net amounts');
  check(
    'BR-CO-13',
    e.netTotal,
    e.lineTotal === null ? null : e.lineTotal - (e.allowanceTotal ?? 0) + (e.chargeTotal ?? 0),
    'total without VAT',
  );
  const taxAmounts = e.taxes.map((t) => t.amount).filter((n): n is number => n !== null);
  check('BR-CO-14', e.taxTotal, taxAmounts.length ? sum(taxAmounts) : null, 'total VAT');
  check('BR-CO-15', e.grandTotal, e.netTotal === null || e.taxTotal === null ? null : e.netTotal + e.taxTotal, 'total with VAT');
  // MINIMUM has no prepaid amount (BT-113): its amount due may be lower than its total for a reason it cannot state.
  if (e.profile !== 'MINIMUM')
    check('BR-CO-16', e.amountDue, e.grandTotal === null ? null : e.grandTotal - (e.prepaid ?? 0) + (e.rounding ?? 0), 'amount due');
  for (const tax of e.taxes) {
    if (tax.base === null || tax.rate === null || tax.amount === null) continue;
    check('BR-CO-17', tax.amount, Math.round(tax.base * tax.rate) / 100, `VAT at ${tax.rate} %`, 1);
  }
  // One failure per rule: BR-CO-17 may fail for several rates, the first says which.
  return failures.filter((f, i) => failures.findIndex((g) => g.rule === f.rule) === i);
}
