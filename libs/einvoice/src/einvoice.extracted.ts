import type {
  EInvoiceSource,
  ExtractedInvoice,
  FieldEvidence,
  FieldEvidenceMap,
  InvoiceFieldName,
  LineItem,
  TaxLine,
} from '@invoice/contracts';
import { documentTypeOf } from './document-type.codes.js';
import type { EInvoice, EInvoiceLine } from './einvoice.model.js';
import { checkEn16931 } from './en16931.rules.js';

/** A value read from the XML is exact: confidence 1, no OCR words. */
export const EINVOICE_EVIDENCE: FieldEvidence = { confidence: 1, wordIndexes: [], source: 'einvoice' };

/** VAT categories whose rate is 0 when the XML leaves it out (exempt, reverse charge, intra-EU, export, outside scope). */
const ZERO_RATE_CATEGORIES = new Set(['Z', 'E', 'AE', 'K', 'G', 'O']);

const round = (n: number, digits: number) => Number(n.toFixed(digits));

/**
 * A line of the XML as a line item. A text-only line (a note between the items, ZUGFeRD 1.0) keeps its place,
 * with its note as description and 0 quantity, price and amount; a missing unit price is the net amount per unit.
 */
function lineItem(line: EInvoiceLine, index: number): LineItem {
  const quantity = line.quantity ?? 0;
  const amount = line.netAmount ?? 0;
  const unitPrice = line.unitPrice ?? (quantity !== 0 ? round(amount / quantity, 4) : 0);
  return {
    description: (line.description ?? line.lineId ?? `Line ${index + 1}`).slice(0, 2000),
    quantity,
    unitPrice,
    amount,
    unit: line.unit,
    taxRate: line.taxRate !== null && line.taxRate >= 0 && line.taxRate <= 100 ? line.taxRate : null,
  };
}

function taxLines(e: EInvoice): TaxLine[] {
  return e.taxes.flatMap((t) => {
    const rate = t.rate ?? (t.category && ZERO_RATE_CATEGORIES.has(t.category) ? 0 : null);
    return rate === null || rate < 0 || rate > 100 ? [] : [{ rate, base: t.base, amount: t.amount, category: t.category }];
  });
}

/**
 * The invoice an e-invoice states, in the product's shape: every field the XML holds, with source `einvoice`
 * and confidence 1; the EN 16931 rules it breaks as issues `einvoice_rule:<rule>` (the invoice is kept).
 */
export function toExtractedInvoice(e: EInvoice, attachment: string | null = null): ExtractedInvoice {
  const failedRules = checkEn16931(e).map((f) => f.rule);
  const rates = [...new Set(e.taxes.map((t) => t.rate).filter((r): r is number => r !== null))];
  const [onlyRate] = rates.length === 1 ? rates : [];
  const lineItems = e.lines.map(lineItem);
  const fields = {
    invoiceNumber: e.invoiceNumber,
    issueDate: e.issueDate,
    dueDate: e.dueDate,
    vendorName: e.seller.name,
    vendorAddress: e.seller.address,
    customerName: e.buyer.name,
    customerEmail: e.buyer.email,
    customerAddressLine1: e.buyer.street,
    customerAddressLine2: e.buyer.locality,
    currency: e.currency && /^[A-Z]{3}$/.test(e.currency) ? e.currency : null,
    subtotal: e.netTotal,
    taxAmount: e.taxTotal,
    taxRate: onlyRate !== undefined && onlyRate <= 100 ? onlyRate : null,
    total: e.grandTotal,
    documentType: documentTypeOf(e.typeCode),
    vendorVatId: e.seller.vatId?.replace(/\s+/g, '').toUpperCase() ?? null,
    customerVatId: e.buyer.vatId?.replace(/\s+/g, '').toUpperCase() ?? null,
    iban: e.iban?.replace(/\s+/g, '').toUpperCase() ?? null,
    orderNumber: e.orderReference,
    amountDue: e.amountDue,
  } satisfies Partial<Record<InvoiceFieldName, unknown>>;
  const taxes = taxLines(e);
  const fieldEvidence: FieldEvidenceMap = {};
  for (const [name, value] of Object.entries(fields)) if (value !== null) fieldEvidence[name as InvoiceFieldName] = EINVOICE_EVIDENCE;
  if (taxes.length) fieldEvidence.taxLines = EINVOICE_EVIDENCE;
  const source: EInvoiceSource = {
    syntax: e.syntax,
    profile: e.profile,
    specification: e.specification,
    typeCode: e.typeCode,
    attachment,
    failedRules,
    mismatches: [],
  };
  return {
    ...fields,
    issueTime: null,
    customerId: null,
    customerCategory: null,
    lineItems,
    language: null,
    issues: failedRules.map((rule) => `einvoice_rule:${rule}`),
    fieldEvidence,
    lineItemsEvidence: lineItems.length ? EINVOICE_EVIDENCE : null,
    taxLines: taxes,
    deliveryDate: e.deliveryDate,
    prepaidAmount: e.prepaid,
    paymentTerms: e.paymentTerms,
    vendorRegistrationId: e.seller.registrationId,
    vendorEmail: e.seller.email,
    customerRegistrationId: e.buyer.registrationId,
    buyerReference: e.buyerReference,
    einvoice: source,
  };
}
