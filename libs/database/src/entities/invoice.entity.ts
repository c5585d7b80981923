import type { EInvoiceSource, FieldEvidenceMap, OcrWord, ReviewAcceptance, ReviewRejection, TaxLine } from '@invoice/contracts';
import { Column, CreateDateColumn, Entity, OneToMany, PrimaryColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { InvoiceLineItemEntity } from './invoice-line-item.entity.js';
import { numericTransformer } from './numeric.transformer.js';

/** The extraction result of one document. Exactly one per document (unique document_id). */
@Entity('invoices')
export class InvoiceEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'document_id', unique: true })
  documentId!: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId!: string;

  @Column('text', { name: 'invoice_number', nullable: true })
  invoiceNumber!: string | null;

  @Column('date', { name: 'issue_date', nullable: true })
  issueDate!: string | null;

  @Column('time', { name: 'issue_time', nullable: true })
  issueTime!: string | null;

  @Column('text', { name: 'customer_name', nullable: true })
  customerName!: string | null;

  @Column('text', { name: 'customer_email', nullable: true })
  customerEmail!: string | null;

  @Column('text', { name: 'customer_address_line1', nullable: true })
  customerAddressLine1!: string | null;

  @Column('text', { name: 'customer_address_line2', nullable: true })
  customerAddressLine2!: string | null;

  @Column('text', { name: 'customer_ref', nullable: true })
  customerId!: string | null;

  @Column('text', { name: 'customer_category', nullable: true })
  customerCategory!: string | null;

  /** Identifies the customer across invoices (see customerKey in @invoice/extraction). */
  @Column('text', { name: 'customer_key', nullable: true })
  customerKey!: string | null;

  @Column('char', { length: 3, nullable: true })
  currency!: string | null;

  @Column('numeric', { precision: 14, scale: 2, nullable: true, transformer: numericTransformer })
  total!: number | null;

  @Column('text', { nullable: true })
  language!: string | null;

  @Column('date', { name: 'due_date', nullable: true })
  dueDate!: string | null;

  @Column('text', { name: 'vendor_name', nullable: true })
  vendorName!: string | null;

  @Column('text', { name: 'vendor_address', nullable: true })
  vendorAddress!: string | null;

  @Column('numeric', { precision: 14, scale: 2, nullable: true, transformer: numericTransformer })
  subtotal!: number | null;

  @Column('numeric', { name: 'tax_amount', precision: 14, scale: 2, nullable: true, transformer: numericTransformer })
  taxAmount!: number | null;

  /** Percent, e.g. 20 for 20 %. */
  @Column('numeric', { name: 'tax_rate', precision: 6, scale: 3, nullable: true, transformer: numericTransformer })
  taxRate!: number | null;

  /** `invoice`, `credit_note`, `receipt` or another lower-case code (checked by the table). */
  @Column('text', { name: 'document_type', nullable: true })
  documentType!: string | null;

  @Column('text', { name: 'vendor_vat_id', nullable: true })
  vendorVatId!: string | null;

  @Column('text', { name: 'customer_vat_id', nullable: true })
  customerVatId!: string | null;

  @Column('text', { nullable: true })
  iban!: string | null;

  @Column('text', { name: 'order_number', nullable: true })
  orderNumber!: string | null;

  /** What is left to pay, with the sign the document prints. */
  @Column('numeric', { name: 'amount_due', precision: 14, scale: 2, nullable: true, transformer: numericTransformer })
  amountDue!: number | null;

  /** The tax summary, one line per rate. */
  @Column('jsonb', { name: 'tax_lines', default: () => "'[]'" })
  taxLines!: TaxLine[];

  /** Per field: confidence, the OCR words it was read from, its source (`person` once corrected). */
  @Column('jsonb', { name: 'field_evidence', default: () => "'{}'" })
  fieldEvidence!: FieldEvidenceMap;

  /** The threshold of the fields without one of their own the worker decided the status with (REVIEW_THRESHOLD, or 0.91); null for invoices extracted before it existed. */
  @Column('real', { name: 'review_threshold', nullable: true })
  reviewThreshold!: number | null;

  @Column('jsonb')
  issues!: string[];

  @Column('text', { name: 'ocr_text' })
  ocrText!: string;

  @Column('jsonb', { name: 'ocr_words' })
  ocrWords!: OcrWord[];

  @Column('real', { name: 'ocr_confidence' })
  ocrConfidence!: number;

  @Column('integer', { name: 'ocr_duration_ms' })
  ocrDurationMs!: number;

  @Column('text', { name: 'engine_version' })
  engineVersion!: string;

  @Column('text', { name: 'qr_payload', nullable: true })
  qrPayload!: string | null;

  /** The extraction as it was before the first correction (null while nobody corrected it). */
  @Column('jsonb', { name: 'original_extraction', nullable: true })
  originalExtraction!: Record<string, unknown> | null;

  /** Who accepted the invoice with failing checks, when and why (null unless accepted). */
  @Column('jsonb', { name: 'review_acceptance', nullable: true })
  reviewAcceptance!: ReviewAcceptance | null;

  /** Who rejected the invoice (or marked it as not an invoice), when and why; set while the document is `rejected`. */
  @Column('jsonb', { name: 'review_rejection', nullable: true })
  reviewRejection!: ReviewRejection | null;

  /** The vendor template the invoice was read with (vendor_templates.vendor_key), null when none matched. */
  @Column('text', { name: 'vendor_key', nullable: true })
  vendorKey!: string | null;

  /** Fields whose value came from that template. */
  @Column('jsonb', { name: 'template_fields', default: () => "'[]'" })
  templateFields!: string[];

  @Column('date', { name: 'delivery_date', nullable: true })
  deliveryDate!: string | null;

  /** Already paid (an e-invoice's prepaid amount): total - prepaid = amount due. */
  @Column('numeric', { name: 'prepaid_amount', precision: 14, scale: 2, nullable: true, transformer: numericTransformer })
  prepaidAmount!: number | null;

  @Column('text', { name: 'payment_terms', nullable: true })
  paymentTerms!: string | null;

  @Column('text', { name: 'vendor_registration_id', nullable: true })
  vendorRegistrationId!: string | null;

  @Column('text', { name: 'vendor_email', nullable: true })
  vendorEmail!: string | null;

  @Column('text', { name: 'customer_registration_id', nullable: true })
  customerRegistrationId!: string | null;

  @Column('text', { name: 'buyer_reference', nullable: true })
  buyerReference!: string | null;

  /** What the e-invoice the fields were read from is (syntax, profile, attachment, failed rules, mismatches); null when read from the page alone. */
  @Column('jsonb', { nullable: true })
  einvoice!: EInvoiceSource | null;

  /** The e-invoice XML as received (the PDF's attachment, or the uploaded file); null when there is none. Not selected unless asked for. */
  @Column('bytea', { name: 'einvoice_xml', nullable: true, select: false })
  einvoiceXml!: Buffer | null;

  @Column('integer', { name: 'page_count', default: 1 })
  pageCount!: number;

  @OneToMany(() => InvoiceLineItemEntity, (item) => item.invoice, { cascade: true })
  lineItems!: Relation<InvoiceLineItemEntity[]>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
