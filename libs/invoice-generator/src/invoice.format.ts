import type { InvoiceGroundTruth, InvoiceLanguage } from './invoice.types.js';

/** Printed labels per language. */
export const LABELS: Record<
  InvoiceLanguage,
  { title: string; issueDate: string; billTo: string; email: string; address: string; total: string; currency: string }
> = {
  en: {
    title: 'INVOICE',
    issueDate: 'Issue date',
    billTo: 'Bill to',
    email: 'Email',
    address: 'Address',
    total: 'TOTAL',
    currency: 'Euro',
  },
  fr: {
    title: 'FACTURE',
    issueDate: "Date d'émission",
    billTo: 'Facturé à',
    email: 'Courriel',
    address: 'Adresse',
    total: 'TOTAL',
    currency: 'Euro',
  },
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
export function qrPayload(
  truth: Pick<InvoiceGroundTruth, 'invoiceNumber' | 'issueDate' | 'issueTime' | 'customerId' | 'customerCategory'>,
): string {
  return `INVOICE:${truth.invoiceNumber}\nDATE:${truth.issueDate} ${truth.issueTime}\nCUST:${truth.customerId}\nCAT:${truth.customerCategory}`;
}

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escape the five XML special characters for text content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/** Labels of the modern and compact layouts. */
export const LAYOUT_LABELS: Record<
  'modern' | 'compact',
  Record<
    InvoiceLanguage,
    {
      title: string;
      vendor: string;
      issueDate: string;
      dueDate: string;
      billTo: string;
      email: string;
      address: string;
      subtotal: string;
      tax: string;
      total: string;
      currency: string;
    }
  >
> = {
  modern: {
    en: {
      title: 'INVOICE No.',
      vendor: '',
      issueDate: 'Invoice date:',
      dueDate: 'Due date:',
      billTo: 'Bill to',
      email: 'Email',
      address: 'Address',
      subtotal: 'Subtotal',
      tax: 'VAT',
      total: 'Total',
      currency: '€',
    },
    fr: {
      title: 'FACTURE N°',
      vendor: '',
      issueDate: 'Date de facture :',
      dueDate: "Date d'échéance :",
      billTo: 'Facturé à',
      email: 'Courriel',
      address: 'Adresse',
      subtotal: 'Sous-total',
      tax: 'TVA',
      total: 'Total',
      currency: '€',
    },
  },
  compact: {
    en: {
      title: 'INVOICE',
      vendor: 'From:',
      issueDate: 'Issue date',
      dueDate: 'Payment due',
      billTo: 'Billed to',
      email: 'Email',
      address: 'Address',
      subtotal: 'Subtotal',
      tax: 'Tax',
      total: 'Amount due',
      currency: 'EUR',
    },
    fr: {
      title: 'FACTURE',
      vendor: 'Émetteur :',
      issueDate: "Date d'émission",
      dueDate: 'Échéance',
      billTo: 'Facturé à',
      email: 'Courriel',
      address: 'Adresse',
      subtotal: 'Total HT',
      tax: 'TVA',
      total: 'Total TTC',
      currency: 'EUR',
    },
  },
};

/** 2-decimal amount with thousands separators: `1,472.19` in English, `1 472,19` in French. */
export function formatGroupedAmount(value: number, language: InvoiceLanguage): string {
  const [int = '', dec = '00'] = value.toFixed(2).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, language === 'fr' ? ' ' : ',');
  return language === 'fr' ? `${grouped},${dec}` : `${grouped}.${dec}`;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/**
 * A date as printed: style 0 ISO (`2019-03-14`), 1 written (`Mar 14, 2019` / `14 mars 2019`), 2 numeric day
 * first (`14/03/2019`) or, in English, `14 Mar 2019`.
 */
export function formatDate(iso: string, language: InvoiceLanguage, style: number): string {
  const [y = Number.NaN, m = Number.NaN, d = Number.NaN] = iso.split('-').map(Number);
  if (style % 3 === 0) return iso;
  if (style % 3 === 1) return language === 'fr' ? `${d} ${MONTHS_FR[m - 1]} ${y}` : `${MONTHS_EN[m - 1]} ${d}, ${y}`;
  return language === 'fr' ? `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}` : `${d} ${MONTHS_EN[m - 1]} ${y}`;
}

/** A tax rate as printed: `20%`, `8.5%` / `20 %`, `5,5 %`. */
export function formatRate(rate: number, language: InvoiceLanguage): string {
  const text = Number.isInteger(rate) ? String(rate) : String(rate);
  return language === 'fr' ? `${text.replace('.', ',')} %` : `${text}%`;
}
