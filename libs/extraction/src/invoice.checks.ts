import type { InvoiceFieldName, LineItem } from '@invoice/contracts';
import { roundCents } from './amount.parser.js';
import { requiredFieldsFor } from './fields/required.fields.js';
import { isEmail } from './email.pattern.js';
import { sameValue } from './candidates/candidate.builder.js';

export interface CheckedFields {
  invoiceNumber: string | null;
  issueDate: string | null;
  customerName: string | null;
  total: number | null;
  lineItems: readonly LineItem[];
  dueDate?: string | null;
  customerEmail?: string | null;
  subtotal?: number | null;
  taxAmount?: number | null;
  taxRate?: number | null;
  /** `invoice`, `credit_note`, `receipt`...: decides the required fields ({@link requiredFieldsFor}). */
  documentType?: string | null;
  vendorName?: string | null;
}

/** The fields an invoice must have to be `done` (documented in docs/extraction.md): the rest are read when printed. Other document types: {@link requiredFieldsFor}. */
export const REQUIRED_FIELDS = ['invoiceNumber', 'issueDate', 'customerName', 'total'] as const satisfies readonly InvoiceFieldName[];

export interface CheckOutcome {
  /** Named reasons, one per failed check or missing required field. */
  issues: string[];
  /** Fields that an arithmetic or consistency check confirmed. */
  passed: Set<InvoiceFieldName | 'lineItems'>;
  /** Fields involved in a failed check. */
  failed: Set<InvoiceFieldName | 'lineItems'>;
}

/** Oldest and newest year an invoice date may have: a misread "2095" or "1819" is not a date to trust. */
export function plausibleYears(today: Date): { min: number; max: number } {
  return { min: 1990, max: today.getUTCFullYear() + 1 };
}

/**
 * Subtotal and total read and apart by more than a cent, and no tax read, on an invoice or a credit note: what
 * stands between them (a tax, shipping, a discount) was not read, so subtotal + tax = total cannot hold as read.
 * A receipt's subtotal and total differ by roundings and service charges it often prints without a tax.
 */
export function taxUnread(subtotal: number | null, tax: number | null, total: number | null, documentType?: string | null): boolean {
  return documentType !== 'receipt' && tax === null && subtotal !== null && total !== null && Math.abs(subtotal - total) > 0.01 + 1e-9;
}

/**
 * Every check, with the fields each one confirms or puts in doubt:
 * required fields present; line amount = quantity x unit price; line amounts add up to the subtotal or
 * the total; subtotal + tax = total (and no subtotal apart from the total with no tax read: {@link taxUnread});
 * tax = subtotal x rate; due date not before issue date; dates in a plausible year; the email well formed; the
 * customer not the vendor.
 */
export function runChecks(fields: CheckedFields, options: { today?: Date; tolerance?: number } = {}): CheckOutcome {
  const today = options.today ?? new Date();
  // One cent by default: printed amounts are rounded; the arithmetic correction asks for exact sums.
  const tolerance = (options.tolerance ?? 0.01) + 1e-9;
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= tolerance;
  const issues: string[] = [];
  const passed = new Set<InvoiceFieldName | 'lineItems'>();
  const failed = new Set<InvoiceFieldName | 'lineItems'>();
  const verdict = (ok: boolean, names: readonly (InvoiceFieldName | 'lineItems')[], issue: string) => {
    for (const name of names) (ok ? passed : failed).add(name);
    if (!ok) issues.push(issue);
  };
  const subtotal = fields.subtotal ?? null;
  const taxAmount = fields.taxAmount ?? null;
  const taxRate = fields.taxRate ?? null;
  const dueDate = fields.dueDate ?? null;

  for (const name of requiredFieldsFor(fields.documentType)) {
    const value = name === 'lineItems' ? null : (fields as unknown as Record<string, unknown>)[name];
    const missing = name === 'lineItems' ? fields.lineItems.length === 0 : value === null || value === undefined || value === '';
    if (missing) issues.push(`missing:${name}`);
  }

  fields.lineItems.forEach((item, index) => {
    if (!near(roundCents(item.quantity * item.unitPrice), item.amount)) {
      issues.push(`line_amount_mismatch:${index + 1}`);
      failed.add('lineItems');
    }
  });
  if (fields.lineItems.length > 0 && (subtotal !== null || fields.total !== null)) {
    const sum = roundCents(fields.lineItems.reduce((acc, item) => acc + item.amount, 0));
    if (subtotal !== null && near(sum, subtotal)) verdict(true, ['lineItems', 'subtotal'], '');
    else if (fields.total !== null && near(sum, fields.total) && (subtotal === null || taxAmount === null || near(taxAmount, 0)))
      verdict(true, ['lineItems', 'total'], '');
    else if (subtotal !== null) verdict(false, ['lineItems', 'subtotal'], 'subtotal_mismatch');
    else verdict(false, ['lineItems', 'total'], 'total_mismatch');
  }
  if (taxAmount !== null && fields.total !== null) {
    if (subtotal !== null)
      verdict(near(roundCents(subtotal + taxAmount), fields.total), ['subtotal', 'taxAmount', 'total'], 'tax_total_mismatch');
  } else if (taxUnread(subtotal, taxAmount, fields.total, fields.documentType)) {
    verdict(false, ['subtotal', 'taxAmount', 'total'], 'tax_total_mismatch');
  }
  if (taxRate !== null && taxAmount !== null && subtotal !== null) {
    verdict(near(roundCents((subtotal * taxRate) / 100), taxAmount), ['taxRate', 'taxAmount', 'subtotal'], 'tax_rate_mismatch');
  } else if (taxRate !== null && (taxRate < 0 || taxRate > 100)) {
    verdict(false, ['taxRate'], 'implausible:taxRate');
  }

  const years = plausibleYears(today);
  for (const name of ['issueDate', 'dueDate'] as const) {
    const value = name === 'issueDate' ? fields.issueDate : dueDate;
    if (value === null) continue;
    const year = Number(value.slice(0, 4));
    verdict(year >= years.min && year <= years.max, [name], `implausible_date:${name}`);
  }
  if (fields.issueDate !== null && dueDate !== null) verdict(dueDate >= fields.issueDate, ['issueDate', 'dueDate'], 'due_before_issue');
  if (fields.customerEmail) verdict(isEmail(fields.customerEmail), ['customerEmail'], 'invalid_email');
  // A document is not addressed to its own issuer: one name for both parties is one of them misread.
  if (sameValue(fields.vendorName, fields.customerName)) verdict(false, ['vendorName', 'customerName'], 'same_party');
  // A field both confirmed by one check and doubted by another stays doubted.
  for (const name of failed) passed.delete(name);
  return { issues, passed, failed };
}

/**
 * The named reasons an invoice cannot be trusted as it stands (see {@link runChecks}).
 * Used on extraction results and again after a person corrects fields.
 */
export function checkInvoice(fields: CheckedFields, today: Date = new Date()): string[] {
  return runChecks(fields, { today }).issues;
}
