import type { ExtractedInvoice, FieldEvidenceMap, InvoiceFieldName } from '@invoice/contracts';
import { INVOICE_FIELD_NAMES } from '@invoice/contracts';
import type { EInvoice } from './einvoice.model.js';
import { NotAnEInvoiceError, readEInvoice } from './einvoice.reader.js';
import { crossCheckPage } from './page.cross-check.js';
import { DEFAULT_XML_LIMITS, XmlInputError, type XmlLimits } from './xml.tree.js';

/** The names Factur-X, ZUGFeRD 1.0 / 2.x and XRechnung give the attachment, in the order they are preferred. */
export const EINVOICE_ATTACHMENT_NAMES = ['factur-x.xml', 'zugferd-invoice.xml', 'ZUGFeRD-invoice.xml', 'xrechnung.xml'] as const;

export interface PdfAttachment {
  filename: string;
  content: Uint8Array;
}

export type PickedAttachment = { filename: string; einvoice: EInvoice; xml: Uint8Array } | { filename: string; error: XmlInputError };

/**
 * The e-invoice among a PDF's attachments: the first of the known names, then any other `.xml` whose root is
 * a CII or UBL invoice. A known name whose XML is hostile or malformed gives its error; null when none is an
 * e-invoice (other attachments, such as time sheets, are left alone).
 */
export function pickEInvoiceAttachment(
  attachments: readonly PdfAttachment[],
  limits: XmlLimits = DEFAULT_XML_LIMITS,
): PickedAttachment | null {
  const rank = (name: string) => {
    const i = (EINVOICE_ATTACHMENT_NAMES as readonly string[]).indexOf(name);
    return i === -1 ? EINVOICE_ATTACHMENT_NAMES.length : i;
  };
  const candidates = attachments
    .filter((a) => rank(a.filename) < EINVOICE_ATTACHMENT_NAMES.length || /\.xml$/i.test(a.filename))
    .sort((a, b) => rank(a.filename) - rank(b.filename));
  for (const attachment of candidates) {
    const known = rank(attachment.filename) < EINVOICE_ATTACHMENT_NAMES.length;
    try {
      return { filename: attachment.filename, einvoice: readEInvoice(attachment.content, limits), xml: attachment.content };
    } catch (err) {
      if (err instanceof XmlInputError && known) return { filename: attachment.filename, error: err };
      if (!(err instanceof XmlInputError || err instanceof NotAnEInvoiceError)) throw err;
    }
  }
  return null;
}

/**
 * The invoice of a PDF whose e-invoice and page were both read: every field the XML states (source `einvoice`),
 * the page's value where the XML has none (with the page's evidence), the page's line items when the XML has
 * none (MINIMUM, BASIC WL). The page is checked against the XML: each disagreeing field is an issue
 * `einvoice_mismatch:<field>` (so the invoice goes to review) and is listed in `einvoice.mismatches`.
 */
export function mergeWithPage(xml: ExtractedInvoice, page: ExtractedInvoice | null, pageText: string): ExtractedInvoice {
  const mismatches = crossCheckPage(xml, page, pageText);
  if (!page)
    return {
      ...xml,
      issues: [...xml.issues, ...mismatches.map((f) => `einvoice_mismatch:${f}`)],
      einvoice: xml.einvoice ? { ...xml.einvoice, mismatches } : xml.einvoice,
    };
  const merged: ExtractedInvoice = {
    ...xml,
    issueTime: page.issueTime,
    customerId: page.customerId,
    customerCategory: page.customerCategory,
    language: page.language,
  };
  const fieldEvidence: FieldEvidenceMap = { ...xml.fieldEvidence };
  const record = merged as unknown as Record<string, unknown>;
  for (const field of INVOICE_FIELD_NAMES) {
    const fromXml = field === 'taxLines' ? xml.taxLines.length > 0 : xml[field] !== null;
    if (fromXml) continue;
    record[field] = page[field];
    const evidence = page.fieldEvidence[field as InvoiceFieldName];
    if (evidence) fieldEvidence[field] = evidence;
  }
  if (!xml.lineItems.length) {
    merged.lineItems = page.lineItems;
    merged.lineItemsEvidence = page.lineItemsEvidence;
  }
  return {
    ...merged,
    fieldEvidence,
    issues: [...xml.issues, ...mismatches.map((f) => `einvoice_mismatch:${f}`)],
    einvoice: xml.einvoice ? { ...xml.einvoice, mismatches } : xml.einvoice,
  };
}
