import { foldAccents } from './text.normalize.js';
import { isEmail } from './email.pattern.js';

export interface CustomerIdentity {
  customerId: string | null;
  customerEmail: string | null;
  customerName: string | null;
  customerAddressLine1: string | null;
  customerAddressLine2: string | null;
}

/** Case, accents, punctuation and spacing do not make another customer: "Hélène  BERNARD," = "helene bernard". */
export function normalizeIdentityText(text: string): string {
  return foldAccents(text)
    .toLowerCase()
    .replace(/[^a-z0-9@.+-]+/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/**
 * The key that identifies one customer across an organization's invoices, in order of reliability:
 * the customer id printed in the QR code, else the email, else the name with the address. Null when
 * the invoice names no customer at all.
 */
export function customerKey(identity: CustomerIdentity): string | null {
  const id = identity.customerId?.trim();
  if (id) return `id:${id.replace(/^0+(?=\d)/, '')}`;
  const email = identity.customerEmail?.trim().toLowerCase();
  if (email && isEmail(email)) return `email:${email}`;
  const name = identity.customerName ? normalizeIdentityText(identity.customerName) : '';
  if (!name) return null;
  const address = [identity.customerAddressLine1, identity.customerAddressLine2]
    .filter((line): line is string => Boolean(line))
    .map(normalizeIdentityText)
    .join(' | ');
  return `name:${name}${address ? ` | ${address}` : ''}`;
}
