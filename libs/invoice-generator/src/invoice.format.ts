import type { InvoiceGroundTruth, InvoiceLanguage } from './invoice.types.js';

/** Printed labels per language. */
export const LABELS: Record<
  InvoiceLanguage,
  { title: string; issueDate: string; billTo: string; email: string; address: string; total: string; currency: string }
> = {
  en: { title: 'INVOICE', issueDate: 'Issue date', billTo: 'Bill to', email: 'Email', address: 'Address', total: 'TOTAL', currency: 'Euro' },
  fr: { title: 'FACTURE', issueDate: "Date d'émission", billTo: 'Facturé à', email: 'Courriel', address: 'Adresse', total: 'TOTAL', currency: 'Euro' },
};

/** 2-decimal amount, with a decimal comma in French. No thousands separator: `1472.19` / `1472,19`. */
export function formatAmount(value: number, language: InvoiceLanguage): string {
  const text = value.toFixed(2);
  return language === 'fr' ? text.replace('.', ',') : text;
}

/** The monospace right-hand column of an item line: `4 x  98.58 Euro`. */
export function formatItemColumn(quantity: number, unitPrice: number, language: InvoiceLanguage): string {
  return `${quantity} x ${formatAmount(unitPrice, language).padStart(6)} ${LABELS[language].currency}`;
}

/** `TOTAL   1472.19 Euro` */
export function formatTotalLine(total: number, language: InvoiceLanguage): string {
  return `${LABELS[language].total}   ${formatAmount(total, language)} ${LABELS[language].currency}`;
}

/** Exactly what the QR code holds. */
export function qrPayload(truth: Pick<InvoiceGroundTruth, 'invoiceNumber' | 'issueDate' | 'issueTime' | 'customerId' | 'customerCategory'>): string {
  return `INVOICE:${truth.invoiceNumber}\nDATE:${truth.issueDate} ${truth.issueTime}\nCUST:${truth.customerId}\nCAT:${truth.customerCategory}`;
}

/** Escape the five XML special characters for text content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}
