import type { ExtractedInvoice, LineItem } from '@invoice/contracts';
import { checkInvoice } from './invoice.checks.js';
import type { TemplateField, TemplateValues } from './vendor.template.js';

/** Issues {@link checkInvoice} produces: recomputed after template values are merged in. */
const CHECK_ISSUE = /^(missing:|line_amount_mismatch:|total_mismatch$)/;

/** Template values need this many agreeing examples to replace a value the extraction read without complaint. */
export const TEMPLATE_PREFERRED_EXAMPLES = 2;

/** Fields the QR code set (the most reliable source): a template never replaces them. */
const QR_FIELDS: readonly string[] = ['invoiceNumber', 'issueDate'];

export interface TemplateMerge<T extends ExtractedInvoice> {
  invoice: T;
  /** Fields whose value now comes from the template. */
  templateFields: TemplateField[];
}

/**
 * Merges a learned template's values into an extraction. A template value is used:
 * - when the extraction has no value for the field, or its check failed (`missing:<field>`,
 *   `total_mismatch` for the total, a QR mismatch excepted); or
 * - always (it wins over a value the extraction read) when at least {@link TEMPLATE_PREFERRED_EXAMPLES}
 *   corrected invoices of the layout agree on where the field is and it was found after its learned label:
 *   a person twice showed the field is there, while the generic rules may have picked another date or amount.
 * With a single example, a value found after the learned label that differs from the extraction's is not
 * used but reported (`template_mismatch:<field>`), which sends the invoice to review.
 * Fields the QR code gave are kept. Only fields the invoice has are set. The checks are then recomputed.
 */
export function mergeTemplateValues<T extends ExtractedInvoice>(extracted: T, values: TemplateValues, options: { qrPayload?: string | null } = {}): TemplateMerge<T> {
  const invoice: T = { ...extracted };
  const record = invoice as unknown as Record<string, unknown>;
  const templateFields: TemplateField[] = [];
  const mismatches: string[] = [];
  for (const [field, found] of Object.entries(values) as [TemplateField, NonNullable<TemplateValues[TemplateField]>][]) {
    if (!(field in invoice)) continue;
    if (options.qrPayload && QR_FIELDS.includes(field) && record[field] !== null) continue;
    const current = record[field];
    if (current === found.value) continue;
    const failed = current === null || current === undefined || extracted.issues.includes(`missing:${field}`) || (field === 'total' && extracted.issues.includes('total_mismatch'));
    const preferred = found.examples >= TEMPLATE_PREFERRED_EXAMPLES && found.via === 'label';
    if (!failed && !preferred) {
      // One example found another value after the learned label: a person should decide.
      if (found.via === 'label') mismatches.push(`template_mismatch:${field}`);
      continue;
    }
    record[field] = found.value;
    templateFields.push(field);
  }
  if (templateFields.length || mismatches.length) {
    const lineItems: readonly LineItem[] = invoice.lineItems;
    invoice.issues = [
      ...extracted.issues.filter((issue) => !CHECK_ISSUE.test(issue)),
      ...checkInvoice({ invoiceNumber: invoice.invoiceNumber, issueDate: invoice.issueDate, customerName: invoice.customerName, total: invoice.total, lineItems }),
      ...mismatches,
    ];
  }
  return { invoice, templateFields };
}
