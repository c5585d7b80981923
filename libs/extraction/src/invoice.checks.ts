import type { LineItem } from '@invoice/contracts';
import { roundCents } from './amount.parser.js';

export interface CheckedFields {
  invoiceNumber: string | null;
  issueDate: string | null;
  customerName: string | null;
  total: number | null;
  lineItems: readonly LineItem[];
}

/**
 * The named reasons an invoice cannot be trusted as it stands: required fields missing, a line
 * amount that is not quantity x unit price, line amounts that do not add up to the total.
 * Used on extraction results and again after a person corrects fields.
 */
export function checkInvoice(fields: CheckedFields): string[] {
  const issues: string[] = [];
  if (!fields.invoiceNumber) issues.push('missing:invoiceNumber');
  if (!fields.issueDate) issues.push('missing:issueDate');
  if (!fields.customerName) issues.push('missing:customerName');
  if (fields.lineItems.length === 0) issues.push('missing:lineItems');
  if (fields.total === null) issues.push('missing:total');
  fields.lineItems.forEach((item, index) => {
    if (Math.abs(roundCents(item.quantity * item.unitPrice) - item.amount) > 0.01 + 1e-9) issues.push(`line_amount_mismatch:${index + 1}`);
  });
  if (fields.total !== null && fields.lineItems.length > 0) {
    const sum = roundCents(fields.lineItems.reduce((acc, item) => acc + item.amount, 0));
    if (Math.abs(sum - fields.total) > 0.01 + 1e-9) issues.push('total_mismatch');
  }
  return issues;
}
