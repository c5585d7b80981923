import { INVOICE_FIELD_NAMES, InvoiceCorrectionSchema, type InvoiceCorrection, type TaxLine } from '@invoice/contracts';
import { formatTaxLines, parseTaxLines } from './tax-lines.text.js';
import { itemsFromRows, type LineItemRow } from './line-items.form.js';

type Invoice = Record<string, unknown>;

/** Fields a person may correct (from the correction schema), in the display order of INVOICE_FIELD_NAMES, then the others. */
export const CORRECTABLE_FIELDS: readonly string[] = (() => {
  const keys = Object.keys(InvoiceCorrectionSchema.shape).filter((key) => key !== 'lineItems');
  return [
    ...INVOICE_FIELD_NAMES.filter((name) => keys.includes(name)),
    ...keys.filter((key) => !(INVOICE_FIELD_NAMES as readonly string[]).includes(key)),
  ];
})();

const NUMERIC = new Set(['subtotal', 'taxAmount', 'taxRate', 'total', 'amountDue']);
export const isNumericField = (name: string) => NUMERIC.has(name);

/** The form's text for each correctable field. */
export function formValues(invoice: Invoice): Record<string, string> {
  return Object.fromEntries(CORRECTABLE_FIELDS.map((name) => [name, fieldText(name, invoice[name])]));
}

function fieldText(name: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  return name === 'taxLines' ? formatTaxLines(value as TaxLine[]) : String(value);
}

function parseValue(name: string, text: string): unknown {
  const trimmed = text.trim();
  // Tax lines: none is an empty list; unreadable text goes to the schema as it is, which names the field.
  if (name === 'taxLines') return parseTaxLines(trimmed) ?? trimmed;
  if (trimmed === '') return null;
  if (!isNumericField(name)) return trimmed;
  const number = Number(trimmed.replace(/\s/g, '').replace(',', '.'));
  return Number.isFinite(number) ? number : trimmed;
}

/**
 * The PATCH body: the fields the person changed, and the line items when the rows (if given) differ
 * from the stored ones. When nothing changed, accepting confirms every filled field as it is (the API
 * needs at least one). Errors by field from the contract's schema; line item errors as
 * `lineItems.<row>.<column>`.
 */
export function buildCorrection(
  invoice: Invoice,
  values: Record<string, string>,
  rows?: readonly LineItemRow[],
): { body: InvoiceCorrection | null; errors: Record<string, string> } {
  const original = formValues(invoice);
  const changed = CORRECTABLE_FIELDS.filter((name) => (values[name] ?? '').trim() !== (original[name] ?? '').trim());
  const typed = rows ? itemsFromRows(rows) : { items: null, errors: {} };
  const itemsChanged = typed.items !== null && JSON.stringify(typed.items) !== JSON.stringify(invoice.lineItems ?? []);
  const names = changed.length > 0 || itemsChanged ? changed : CORRECTABLE_FIELDS.filter((name) => original[name] !== '');
  const candidate: Record<string, unknown> = Object.fromEntries(names.map((name) => [name, parseValue(name, values[name] ?? '')]));
  if (itemsChanged) candidate.lineItems = typed.items;
  const errors: Record<string, string> = Object.fromEntries(
    Object.entries(typed.errors).map(([key, message]) => [`lineItems.${key}`, message]),
  );
  const parsed = InvoiceCorrectionSchema.safeParse(candidate);
  if (parsed.success && Object.keys(errors).length === 0) return { body: parsed.data, errors: {} };
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'form')] = issue.message;
  return { body: null, errors };
}
