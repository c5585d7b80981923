/** The syntaxes read: UN/CEFACT CII D16B (ZUGFeRD 2.x, Factur-X, XRechnung CII), ZUGFeRD 1.0 CII (and its pre-release), OASIS UBL 2.1. */
export type EInvoiceSyntax = 'CII' | 'ZUGFeRD 1.0' | 'UBL';

export interface EInvoiceParty {
  name: string | null;
  vatId: string | null;
  /** Legal registration (BT-30 / BT-47: trade register, SIREN...), else the tax number (`FC`). */
  registrationId: string | null;
  email: string | null;
  /** Street lines, then `postcode city`, then the country code, joined with ", ". */
  address: string | null;
  /** The street lines alone, joined with ", ". */
  street: string | null;
  /** `postcode city, country code`. */
  locality: string | null;
  countryCode: string | null;
}

export interface EInvoiceLine {
  lineId: string | null;
  /** Item name (BT-153), else the line note (a text-only line). */
  description: string | null;
  quantity: number | null;
  /** UN/ECE rec. 20 unit code (`C62`, `HUR`, `KGM`...). */
  unit: string | null;
  /** Net price (BT-146) as written, per `priceBaseQuantity` units. */
  unitPrice: number | null;
  priceBaseQuantity: number | null;
  /** Line net amount (BT-131). */
  netAmount: number | null;
  /** VAT rate of the line, percent. */
  taxRate: number | null;
  taxCategory: string | null;
}

/** One VAT breakdown (BG-23): category, rate, taxable amount, tax. */
export interface EInvoiceTax {
  category: string | null;
  rate: number | null;
  base: number | null;
  amount: number | null;
}

/** An e-invoice as its XML states it, before it is mapped to the product's invoice. */
export interface EInvoice {
  syntax: EInvoiceSyntax;
  /** The root element: `CrossIndustryInvoice`, `CrossIndustryDocument`, `Invoice` (ZUGFeRD pre-1.0 or UBL), `CreditNote` (UBL). */
  root: string;
  /** The specification identifier (BT-24: guideline / CustomizationID), e.g. `urn:cen.eu:en16931:2017`. */
  specification: string | null;
  /** The profile it names: MINIMUM, BASIC WL, BASIC, EN 16931, EXTENDED, XRECHNUNG, PEPPOL BIS 3, or the ZUGFeRD 1.0 BASIC / COMFORT / EXTENDED. */
  profile: string | null;
  invoiceNumber: string | null;
  /** UNTDID 1001 code (BT-3): 380 invoice, 381 credit note, 384 corrected invoice, 389 self-billed... */
  typeCode: string | null;
  issueDate: string | null;
  dueDate: string | null;
  deliveryDate: string | null;
  currency: string | null;
  seller: EInvoiceParty;
  buyer: EInvoiceParty;
  paymentTerms: string | null;
  iban: string | null;
  orderReference: string | null;
  buyerReference: string | null;
  /** BT-106 .. BT-115. */
  lineTotal: number | null;
  allowanceTotal: number | null;
  chargeTotal: number | null;
  netTotal: number | null;
  taxTotal: number | null;
  grandTotal: number | null;
  prepaid: number | null;
  rounding: number | null;
  amountDue: number | null;
  taxes: EInvoiceTax[];
  lines: EInvoiceLine[];
}
