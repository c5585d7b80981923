import type { ExtractedInvoice } from '@invoice/contracts';
import { typeCodeOf } from '@invoice/einvoice';

/** An einvoice-dev label (the XML's values, `<ID>.json` top level). */
export interface EinvoiceLabel {
  invoiceNumber: string | null;
  issueDate: string | null;
  dueDate: string | null;
  currency: string | null;
  vendorName: string | null;
  vendorVatId: string | null;
  customerName: string | null;
  subtotal: number | null;
  taxAmount: number | null;
  total: number | null;
  amountDue: number | null;
  documentType: string | null;
  lineItems: { description: string | null; quantity: number | null; unitPrice: number | null; amount: number | null }[] | null;
}

const SCALARS = [
  'invoiceNumber',
  'issueDate',
  'dueDate',
  'currency',
  'vendorName',
  'vendorVatId',
  'customerName',
  'subtotal',
  'taxAmount',
  'total',
  'amountDue',
] as const;

/**
 * The labelled fields an invoice read from its XML gets wrong, exactly (no normalisation but the label's own:
 * whitespace collapsed; numbers equal; the document type as its UNTDID code). Empty when every field is exact.
 */
export function einvoiceLabelDifferences(label: EinvoiceLabel, x: ExtractedInvoice): string[] {
  const wrong: string[] = [];
  for (const field of SCALARS) {
    const expected = label[field];
    if (expected === null) continue;
    if (x[field] !== expected) wrong.push(`${field}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(x[field])}`);
  }
  if (label.documentType !== null && typeCodeOf(x.documentType) !== label.documentType)
    wrong.push(`documentType: expected ${label.documentType}, got ${x.documentType}`);
  if (label.lineItems !== null) {
    if (label.lineItems.length !== x.lineItems.length)
      wrong.push(`lineItems: expected ${label.lineItems.length} lines, got ${x.lineItems.length}`);
    else
      label.lineItems.forEach((l, i) => {
        const a = x.lineItems[i]!;
        for (const k of ['description', 'quantity', 'unitPrice', 'amount'] as const) {
          if (l[k] !== null && l[k] !== a[k])
            wrong.push(`lineItems[${i}].${k}: expected ${JSON.stringify(l[k])}, got ${JSON.stringify(a[k])}`);
        }
      });
  }
  return wrong;
}
