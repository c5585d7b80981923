import { readCii } from './cii.reader.js';
import type { EInvoice, EInvoiceSyntax } from './einvoice.model.js';
import { readUbl } from './ubl.reader.js';
import { DEFAULT_XML_LIMITS, parseXml, XmlInputError, type XmlElement, type XmlLimits } from './xml.tree.js';

const CII_D16B = 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100';
const ZUGFERD_1 = 'urn:ferd:CrossIndustryDocument:invoice:1p0';
/** The namespace of the ZUGFeRD pre-release (`rsm:Invoice`) some early producers wrote. */
const ZUGFERD_PRE_1 = 'urn:un:unece:uncefact:data:standard:CBFBUY:5';
const UBL_INVOICE = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';
const UBL_CREDIT_NOTE = 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2';

/** The e-invoice syntax of a root element (name and namespace), or null when it is not one. */
export function syntaxOf(root: Pick<XmlElement, 'name' | 'namespace'>): EInvoiceSyntax | null {
  if (root.name === 'CrossIndustryInvoice' && root.namespace === CII_D16B) return 'CII';
  if (root.name === 'CrossIndustryDocument' && root.namespace === ZUGFERD_1) return 'ZUGFeRD 1.0';
  if (root.name === 'Invoice' && root.namespace === ZUGFERD_PRE_1) return 'ZUGFeRD 1.0';
  if ((root.name === 'Invoice' && root.namespace === UBL_INVOICE) || (root.name === 'CreditNote' && root.namespace === UBL_CREDIT_NOTE))
    return 'UBL';
  return null;
}

/** Well-formed XML that is not an e-invoice this reader knows (another root element). */
export class NotAnEInvoiceError extends Error {
  constructor(readonly root: string) {
    super(`XML root element ${root} is not a CII (CrossIndustryInvoice, CrossIndustryDocument) or UBL (Invoice, CreditNote) e-invoice`);
    this.name = 'NotAnEInvoiceError';
  }
}

/**
 * Reads an e-invoice XML (bytes or text): CII D16B (ZUGFeRD 2.x, Factur-X, XRechnung CII), ZUGFeRD 1.0, UBL 2.1
 * (Peppol BIS 3, XRechnung UBL). Throws {@link XmlInputError} for hostile or malformed XML and
 * {@link NotAnEInvoiceError} for another kind of XML.
 */
export function readEInvoice(xml: Uint8Array | string, limits: XmlLimits = DEFAULT_XML_LIMITS): EInvoice {
  const root = parseXml(xml, limits);
  const syntax = syntaxOf(root);
  if (syntax === null) throw new NotAnEInvoiceError(root.name);
  return syntax === 'UBL' ? readUbl(root) : readCii(root, syntax);
}

/** True when the bytes start (after a byte order mark and blanks) like an XML document: `<?xml`, a comment, a DOCTYPE or an element. */
export function looksLikeXml(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 256))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  return head.startsWith('<?xml') || /^<(!--|!doctype|[A-Za-z_])/i.test(head);
}

export { XmlInputError };
