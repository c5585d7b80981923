import type { InvoiceFieldName, OcrWord, TaxLine } from '@invoice/contracts';
import type { Row } from '../rows.builder.js';
import { readAmountDue } from './amount-due.reader.js';
import { detectDocumentType, type DocumentTypeReading } from './document-type.detector.js';
import { readIban } from './iban.reader.js';
import type { ReadField } from './labelled.value.js';
import { readOrderNumber } from './order-number.reader.js';
import { readTaxLines, type TaxLinesRead } from './tax-lines.reader.js';
import { readVatIds, type CustomerBlock, type VatIdRead } from './vat-id.reader.js';

/** Where the customer block starts: the row of its label ("Bill to", "Facturé à") and the label's left edge. */
export interface CustomerAnchor {
  rowIndex: number;
  x0: number;
}

/** The most rows a customer block spans under its label. */
const CUSTOMER_BLOCK_ROWS = 7;

/**
 * The customer block: the label's row and the rows under it (same page, no wider gap than three row
 * heights), in the column that starts at the label and spans at most half the text's width.
 */
export function customerBlockAt(rows: readonly Row[], anchor: CustomerAnchor): CustomerBlock {
  const first = rows[anchor.rowIndex] as Row;
  const pageWords = rows.filter((r) => r.page === first.page).flatMap((r) => r.words);
  const width = Math.max(...pageWords.map((w) => w.bbox.x1)) - Math.min(...pageWords.map((w) => w.bbox.x0));
  const block = new Set<Row>([first]);
  for (let i = anchor.rowIndex + 1; i < rows.length && block.size < CUSTOMER_BLOCK_ROWS; i++) {
    const [row, previous] = [rows[i] as Row, rows[i - 1] as Row];
    if (row.page !== first.page || row.centerY - previous.centerY > 3 * Math.max(row.height, previous.height)) break;
    block.add(row);
  }
  const [from, to] = [anchor.x0 - first.height, anchor.x0 + width / 2];
  return {
    contains: (line, words) => block.has(line as Row) && words.some((w) => w.bbox.x0 >= from && w.bbox.x0 <= to),
  };
}

export interface DocumentFields {
  documentType: DocumentTypeReading;
  vendorVatId: VatIdRead | null;
  customerVatId: VatIdRead | null;
  iban: ReadField<string> | null;
  orderNumber: ReadField<string> | null;
  amountDue: ReadField<number> | null;
  taxLines: TaxLinesRead;
}

/**
 * The fields read by the readers of this folder: the document type, the VAT ids of issuer and customer,
 * the IBAN, the order number, the amount due and the tax lines, each with the words it was read from.
 */
export function readDocumentFields(
  rows: readonly Row[],
  context: { namesCustomer: boolean; customer: CustomerAnchor | null },
): DocumentFields {
  const vat = readVatIds(rows, context.customer ? customerBlockAt(rows, context.customer) : null);
  return {
    documentType: detectDocumentType(rows, context.namesCustomer),
    vendorVatId: vat.vendor,
    customerVatId: vat.customer,
    iban: readIban(rows),
    orderNumber: readOrderNumber(rows),
    amountDue: readAmountDue(rows),
    taxLines: readTaxLines(rows),
  };
}

/** Whether the tax lines agree with the tax read from the totals (their amounts add up to it). */
export function taxLinesAddUp(lines: readonly TaxLine[], taxAmount: number | null): boolean {
  if (lines.length === 0 || taxAmount === null || lines.some((l) => l.amount === null)) return false;
  return Math.abs(lines.reduce((sum, l) => sum + (l.amount as number), 0) - taxAmount) < 0.015;
}

export type DocumentFieldName = 'documentType' | 'vendorVatId' | 'customerVatId' | 'iban' | 'orderNumber' | 'amountDue' | 'taxLines';

export interface DocumentFieldEntries {
  values: {
    documentType: string | null;
    vendorVatId: string | null;
    customerVatId: string | null;
    iban: string | null;
    orderNumber: string | null;
    amountDue: number | null;
    taxLines: TaxLine[];
  };
  /** The words each value was read from. */
  words: Record<DocumentFieldName, OcrWord[]>;
  /** Fields a check confirms: checksums (IBAN, VAT ids), two agreeing cues (type), sums (tax lines, amount due). */
  passed: Set<InvoiceFieldName>;
  /** VAT ids read after their label whose check digits fail (issue `invalid_checksum:<field>`). */
  failed: Set<InvoiceFieldName>;
}

/** The values, words and confirmations of the fields, given the total and tax read from the totals. */
export function documentFieldEntries(
  fields: DocumentFields,
  totals: { total: number | null; taxAmount: number | null },
): DocumentFieldEntries {
  const taxLines = fields.taxLines.value;
  const passed = new Set<InvoiceFieldName>(['iban']);
  const failed = new Set<InvoiceFieldName>();
  for (const field of ['vendorVatId', 'customerVatId'] as const) {
    const id = fields[field];
    if (id) (id.checksumValid ? passed : failed).add(field);
  }
  if (fields.documentType.corroborated) passed.add('documentType');
  const everyBase = taxLines.length > 0 && taxLines.every((l) => l.base !== null);
  if (fields.taxLines.consistent && (everyBase || taxLinesAddUp(taxLines, totals.taxAmount))) passed.add('taxLines');
  if (fields.amountDue && totals.total !== null && Math.abs(fields.amountDue.value - totals.total) < 0.005) passed.add('amountDue');
  return {
    values: {
      documentType: fields.documentType.type,
      vendorVatId: fields.vendorVatId?.value ?? null,
      customerVatId: fields.customerVatId?.value ?? null,
      iban: fields.iban?.value ?? null,
      orderNumber: fields.orderNumber?.value ?? null,
      amountDue: fields.amountDue?.value ?? null,
      taxLines,
    },
    words: {
      documentType: fields.documentType.words,
      vendorVatId: fields.vendorVatId?.words ?? [],
      customerVatId: fields.customerVatId?.words ?? [],
      iban: fields.iban?.words ?? [],
      orderNumber: fields.orderNumber?.words ?? [],
      amountDue: fields.amountDue?.words ?? [],
      taxLines: fields.taxLines.words,
    },
    passed,
    failed,
  };
}
