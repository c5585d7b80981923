import { z } from 'zod';
import { DOCUMENT_STATUSES } from './enums.js';

export const LineItemSchema = z.object({
  description: z.string().min(1).max(2000),
  quantity: z.number().finite(),
  unitPrice: z.number().finite(),
  amount: z.number().finite(),
  /** UN/ECE rec. 20 unit code of the quantity (`C62`, `HUR`...), when the invoice states it (e-invoices). */
  unit: z.string().max(20).nullable().optional(),
  /** VAT rate of the line, percent, when the invoice states it (e-invoices). */
  taxRate: z.number().finite().min(0).max(100).nullable().optional(),
});
export type LineItem = z.infer<typeof LineItemSchema>;

/** Document types the extraction tells apart; other lower-case codes (`proforma`, `delivery_note`...) are accepted as they are. */
export const KNOWN_DOCUMENT_TYPES = ['invoice', 'credit_note', 'receipt'] as const;
export type KnownDocumentType = (typeof KNOWN_DOCUMENT_TYPES)[number];
/** `invoice`, `credit_note`, `receipt`, or another code: lower-case letters, digits and `_`, 2-40 characters. */
export const DocumentTypeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'documentType is a lower-case code such as invoice, credit_note or receipt');

/** One tax line of the summary: rate (percent), the base it applies to, the tax; base or amount null when not printed. */
export const TaxLineSchema = z.object({
  rate: z.number().finite().min(0).max(100),
  base: z.number().finite().nullable(),
  amount: z.number().finite().nullable(),
  /** VAT category code (EN 16931 BT-118: S standard, Z zero, E exempt, AE reverse charge, K intra-EU, G export, O outside scope, L, M), when stated. */
  category: z.string().max(10).nullable().optional(),
});
export type TaxLine = z.infer<typeof TaxLineSchema>;

/** What the extraction produces from one document's OCR output. */
export const ExtractedInvoiceSchema = z.object({
  invoiceNumber: z.string().nullable(),
  /** ISO date, YYYY-MM-DD. */
  issueDate: z.string().nullable(),
  /** HH:MM:SS when the invoice prints a time. */
  issueTime: z.string().nullable(),
  customerName: z.string().nullable(),
  customerEmail: z.string().nullable(),
  customerAddressLine1: z.string().nullable(),
  customerAddressLine2: z.string().nullable(),
  /** From the QR code (`CUST:`), the most reliable customer key when present. */
  customerId: z.string().nullable(),
  /** From the QR code (`CAT:`). */
  customerCategory: z.string().nullable(),
  /** ISO 4217 code. */
  currency: z.string().nullable(),
  total: z.number().nullable(),
  lineItems: z.array(LineItemSchema),
  language: z.enum(['en', 'fr']).nullable(),
  /** Named reasons for failed checks or missing required fields. */
  issues: z.array(z.string()),
  /** ISO date, YYYY-MM-DD. */
  dueDate: z.string().nullable(),
  /** The issuer: the block at the top of the page, after "From"/"Émetteur", or a receipt's first lines. */
  vendorName: z.string().nullable(),
  /** The issuer's address lines joined with ", ". */
  vendorAddress: z.string().nullable(),
  /** Before tax ("Subtotal", "Sous-total", "Total HT"); null when not printed. */
  subtotal: z.number().nullable(),
  taxAmount: z.number().nullable(),
  /** Percent, e.g. 20 for 20 %. */
  taxRate: z.number().nullable(),
  /** Per field: confidence, the OCR words it was read from, its source. Fields that are null have none. */
  fieldEvidence: z.lazy(() => FieldEvidenceMapSchema),
  /** Evidence of the line items as a whole (the weakest line); null when there is none. */
  lineItemsEvidence: z.lazy(() => FieldEvidenceSchema.nullable()),
  /** The learned vendor template (vendor_templates.vendor_key) the page matched, when one did. */
  vendorKey: z.string().nullable().optional(),
  /** Fields whose value came from that template (evidence source 'template'). */
  templateFields: z.array(z.string()).optional(),
  /** `invoice`, `credit_note`, `receipt` (see {@link DocumentTypeSchema}); null when nothing tells. */
  documentType: DocumentTypeSchema.nullable(),
  /** The issuer's EU VAT id, upper case without blanks ("DE136695976"); checksum-valid when the country publishes one. */
  vendorVatId: z.string().nullable(),
  /** The customer's EU VAT id, same form. */
  customerVatId: z.string().nullable(),
  /** The issuer's IBAN (ISO 13616, mod-97 valid), electronic form without blanks. */
  iban: z.string().nullable(),
  /** Purchase order / order number, as printed after its label. */
  orderNumber: z.string().nullable(),
  /** What is left to pay ("Amount due", "Reste à payer", "Zahlbetrag"); may differ from the total after a deposit. */
  amountDue: z.number().nullable(),
  /** The tax summary, one line per rate. */
  taxLines: z.array(TaxLineSchema),
  /** ISO date of the delivery (e-invoices: BT-72). */
  deliveryDate: z.string().nullable().optional(),
  /** Amount already paid (e-invoices: BT-113); total - prepaid = amountDue. */
  prepaidAmount: z.number().nullable().optional(),
  /** Payment terms as written (e-invoices: BT-20). */
  paymentTerms: z.string().nullable().optional(),
  /** The issuer's legal registration id (trade register, SIREN...), else its tax number (e-invoices: BT-30, BT-32). */
  vendorRegistrationId: z.string().nullable().optional(),
  vendorEmail: z.string().nullable().optional(),
  /** The customer's legal registration id (e-invoices: BT-47). */
  customerRegistrationId: z.string().nullable().optional(),
  /** The buyer's reference (e-invoices: BT-10, the Leitweg-ID of XRechnung). */
  buyerReference: z.string().nullable().optional(),
  /** Set when the invoice was read from a structured e-invoice (embedded in a PDF or uploaded as XML). */
  einvoice: z.lazy(() => EInvoiceSourceSchema.nullable().optional()),
});
export type ExtractedInvoice = z.infer<typeof ExtractedInvoiceSchema>;

/** Where an invoice's e-invoice data came from and what it is. */
export const EInvoiceSourceSchema = z.object({
  /** `CII` (ZUGFeRD 2.x, Factur-X, XRechnung CII), `ZUGFeRD 1.0` or `UBL` (Peppol BIS 3, XRechnung UBL). */
  syntax: z.enum(['CII', 'ZUGFeRD 1.0', 'UBL']),
  /** MINIMUM, BASIC WL, BASIC, EN 16931, EXTENDED, XRECHNUNG, PEPPOL BIS 3, COMFORT (ZUGFeRD 1.0); null when the identifier names none. */
  profile: z.string().nullable(),
  /** The specification identifier as written (BT-24). */
  specification: z.string().nullable(),
  /** UNTDID 1001 type code (BT-3). */
  typeCode: z.string().nullable(),
  /** The PDF attachment the XML was read from (`factur-x.xml`...); null for an XML uploaded alone. */
  attachment: z.string().nullable(),
  /** EN 16931 rules the data breaks (`BR-CO-10`...), also listed in the issues as `einvoice_rule:<rule>`. */
  failedRules: z.array(z.string()),
  /** Fields whose printed value disagrees with the XML (also in the issues as `einvoice_mismatch:<field>`). */
  mismatches: z.array(z.string()),
});
export type EInvoiceSource = z.infer<typeof EInvoiceSourceSchema>;

export const DocumentStatusSchema = z.enum(DOCUMENT_STATUSES);

/** Every invoice field the extraction reports, in display order. Each one carries evidence (confidence, words, source). */
export const INVOICE_FIELD_NAMES = [
  'invoiceNumber',
  'issueDate',
  'dueDate',
  'vendorName',
  'vendorAddress',
  'customerName',
  'customerEmail',
  'customerAddressLine1',
  'customerAddressLine2',
  'currency',
  'subtotal',
  'taxAmount',
  'taxRate',
  'total',
  'documentType',
  'vendorVatId',
  'customerVatId',
  'iban',
  'orderNumber',
  'amountDue',
  'taxLines',
] as const;
export type InvoiceFieldName = (typeof INVOICE_FIELD_NAMES)[number];

/** Where a field's value came from: the OCR text, the QR code, a vendor template learned from corrections, arithmetic (a digit corrected so the sums hold), a person, or a structured e-invoice (exact, confidence 1). */
export const FIELD_SOURCES = ['ocr', 'qr', 'template', 'arithmetic', 'person', 'einvoice'] as const;
export type FieldSource = (typeof FIELD_SOURCES)[number];

export const FieldEvidenceSchema = z.object({
  /** 0..1, from the OCR confidences of the field's words and the checks the field passes. */
  confidence: z.number().min(0).max(1),
  /** Indexes into the invoice's OCR words (`invoice.ocr.words`) the value was read from. */
  wordIndexes: z.array(z.number().int().min(0)),
  source: z.enum(FIELD_SOURCES),
});
export type FieldEvidence = z.infer<typeof FieldEvidenceSchema>;
export type FieldEvidenceMap = Partial<Record<InvoiceFieldName, FieldEvidence>>;
export const FieldEvidenceMapSchema = z.partialRecord(z.enum(INVOICE_FIELD_NAMES), FieldEvidenceSchema);
