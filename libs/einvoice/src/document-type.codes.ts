/** UNTDID 1001 document type codes (BT-3) as the product's lower-case document types. */
export const DOCUMENT_TYPE_NAMES: Readonly<Record<string, string>> = {
  '71': 'request_for_payment',
  '80': 'debit_note_goods',
  '81': 'credit_note_goods',
  '82': 'metered_services_invoice',
  '83': 'credit_note_financial',
  '84': 'debit_note_financial',
  '204': 'payment_valuation',
  '261': 'self_billed_credit_note',
  '262': 'consolidated_credit_note',
  '326': 'partial_invoice',
  '380': 'invoice',
  '381': 'credit_note',
  '383': 'debit_note',
  '384': 'corrected_invoice',
  '385': 'consolidated_invoice',
  '386': 'prepayment_invoice',
  '387': 'hire_invoice',
  '388': 'tax_invoice',
  '389': 'self_billed_invoice',
  '390': 'delcredere_invoice',
  '393': 'factored_invoice',
  '394': 'lease_invoice',
  '395': 'consignment_invoice',
  '396': 'factored_credit_note',
  '575': 'insurer_invoice',
  '623': 'forwarder_invoice',
  '751': 'accounting_information',
  '780': 'freight_invoice',
  '875': 'partial_construction_invoice',
  '876': 'partial_final_construction_invoice',
  '877': 'final_construction_invoice',
};

/** A type code as a document type: the name above, `untdid_<code>` for another code, null for none. */
export function documentTypeOf(code: string | null): string | null {
  if (!code) return null;
  return DOCUMENT_TYPE_NAMES[code] ?? (/^\d{1,4}$/.test(code) ? `untdid_${code}` : null);
}

/** The UNTDID code of a document type name from {@link documentTypeOf}; null for another name. */
export function typeCodeOf(documentType: string | null | undefined): string | null {
  if (!documentType) return null;
  const untdid = /^untdid_(\d{1,4})$/.exec(documentType)?.[1];
  if (untdid !== undefined) return untdid;
  return Object.entries(DOCUMENT_TYPE_NAMES).find(([, name]) => name === documentType)?.[0] ?? null;
}
