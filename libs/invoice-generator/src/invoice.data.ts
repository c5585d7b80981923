import type { LineItem } from '@invoice/contracts';
import { createRng, type Rng } from './prng.js';
import type { GenerateOptions, InvoiceGroundTruth } from './invoice.types.js';
import {
  CITY_NAMES,
  CITY_PREFIXES,
  DESCRIPTIONS_EN,
  DESCRIPTIONS_FR,
  EMAIL_DOMAINS,
  FIRST_NAMES_EN,
  FIRST_NAMES_FR,
  LAST_NAMES_EN,
  LAST_NAMES_FR,
  STATE_CODES,
  STREET_NAMES,
  STREET_SUFFIXES,
  VENDOR_NAMES,
} from './word-lists.js';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Lower-case ASCII local part for an email address: "Hélène Dubois" -> "helene.dubois". */
export function emailLocalPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
}

function pickDistinct<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) {
    out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0] as T);
  }
  return out;
}

/**
 * Deterministic ground truth for one synthetic invoice. Amounts are computed in integer cents,
 * so `amount = quantity x unitPrice` and `total = sum(amount)` hold exactly at 2 decimals.
 */
export function generateInvoiceData(seed: number, options: GenerateOptions = {}): InvoiceGroundTruth {
  const rng = createRng(seed);
  const language = options.language ?? 'en';
  const withEmail = options.withEmail ?? false;

  const year = rng.int(2018, 2024);
  const month = rng.int(1, 12);
  const day = rng.int(1, daysInMonth(year, month));
  const issueDate = `${year}-${pad(month, 2)}-${pad(day, 2)}`;
  const issueTime = `${pad(rng.int(7, 19), 2)}:${pad(rng.int(0, 59), 2)}:${pad(rng.int(0, 59), 2)}`;
  const invoiceNumber = `FAC_${year}_${pad(rng.int(1, 9999), 4)}`;

  const first = rng.pick(language === 'fr' ? FIRST_NAMES_FR : FIRST_NAMES_EN);
  const last = rng.pick(language === 'fr' ? LAST_NAMES_FR : LAST_NAMES_EN);
  const customerName = `${first} ${last}`;
  const emailDomain = rng.pick(EMAIL_DOMAINS);
  const customerEmail = withEmail ? `${emailLocalPart(customerName)}@${emailDomain}` : null;

  const customerAddressLine1 = `${pad(rng.int(1, 9999), 4)} ${rng.pick(STREET_NAMES)} ${rng.pick(STREET_SUFFIXES)}`;
  const city = rng.bool(0.5) ? `${rng.pick(CITY_PREFIXES)} ${rng.pick(CITY_NAMES)}` : rng.pick(CITY_NAMES);
  const customerAddressLine2 = `${city}, ${rng.pick(STATE_CODES)} ${pad(rng.int(1001, 99950), 5)}`;

  const customerId = pad(rng.int(1, 99999), 5);
  const customerCategory = rng.pick(['A', 'B', 'C', 'D', 'E'] as const);

  const itemCount = rng.int(1, 8);
  const descriptions = pickDistinct(rng, language === 'fr' ? DESCRIPTIONS_FR : DESCRIPTIONS_EN, itemCount);
  let totalCents = 0;
  const lineItems: LineItem[] = descriptions.map((description) => {
    const quantity = rng.int(1, 12);
    const unitCents = rng.next() < 0.15 ? rng.int(50, 999) : rng.int(1000, 49999);
    const amountCents = quantity * unitCents;
    totalCents += amountCents;
    return { description, quantity, unitPrice: unitCents / 100, amount: amountCents / 100 };
  });

  const truth: InvoiceGroundTruth = {
    invoiceNumber,
    issueDate,
    issueTime,
    customerName,
    customerEmail,
    customerAddressLine1,
    customerAddressLine2,
    customerId,
    customerCategory,
    currency: 'EUR',
    lineItems,
    total: totalCents / 100,
    language,
  };
  const layout = options.layout ?? 'classic';
  if (layout === 'classic') return truth;

  // Layout content from its own stream: the data above stay the same for a seed whatever the layout.
  const extra = createRng((Math.trunc(seed) ^ 0x1b873593) >>> 0);
  const withTax = options.withTax ?? extra.bool(0.6);
  const taxRate = withTax ? extra.pick(language === 'fr' ? ([20, 10, 5.5] as const) : ([20, 8.5, 10] as const)) : null;
  const taxCents = taxRate === null ? 0 : Math.round((totalCents * taxRate) / 100);
  const due = new Date(Date.UTC(year, month - 1, day + extra.pick([15, 30, 45, 60] as const)));
  const vendorStreet = `${extra.int(1, 199)} ${extra.pick(STREET_NAMES)} ${extra.pick(STREET_SUFFIXES)}`;
  const vendorCity = `${extra.pick(CITY_NAMES)} ${pad(extra.int(1001, 99950), 5)}`;
  return {
    ...truth,
    layout,
    total: (totalCents + taxCents) / 100,
    dueDate: due.toISOString().slice(0, 10),
    vendorName: extra.pick(VENDOR_NAMES),
    vendorAddress: `${vendorStreet}, ${vendorCity}`,
    subtotal: taxRate === null ? null : totalCents / 100,
    taxAmount: taxRate === null ? null : taxCents / 100,
    taxRate,
  };
}
