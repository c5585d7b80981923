import { parseDate, parseTime } from './date.parser.js';

export interface QrInvoiceData {
  invoiceNumber: string | null;
  issueDate: string | null;
  issueTime: string | null;
  customerId: string | null;
  customerCategory: string | null;
}

/**
 * Parses the invoice QR payload `INVOICE:FAC_2019_0001\nDATE:2019-01-01 08:21:00\nCUST:00025\nCAT:C`.
 * Keys are case-insensitive, lines may end in CRLF, unknown keys are ignored. Returns null when the
 * payload carries none of the known keys.
 */
export function parseQrPayload(payload: string | null | undefined): QrInvoiceData | null {
  if (!payload) return null;
  const fields = new Map<string, string>();
  for (const line of payload.split(/\r?\n|;/)) {
    const m = /^\s*([A-Za-z_]+)\s*[:=]\s*(.*?)\s*$/.exec(line);
    if (m) fields.set((m[1] as string).toUpperCase(), m[2] as string);
  }
  const invoiceNumber = fields.get('INVOICE') ?? fields.get('INV') ?? null;
  const date = fields.get('DATE') ?? null;
  const customerId = fields.get('CUST') ?? fields.get('CUSTOMER') ?? null;
  const category = fields.get('CAT') ?? fields.get('CATEGORY') ?? null;
  if (invoiceNumber === null && date === null && customerId === null && category === null) return null;
  const dateOnly = date?.replace(/^(\S+).*$/, '$1') ?? null;
  const timeOnly = date?.includes(' ') ? date.slice(date.indexOf(' ') + 1) : null;
  return {
    invoiceNumber: invoiceNumber || null,
    issueDate: dateOnly ? parseDate(dateOnly) : null,
    issueTime: timeOnly ? parseTime(timeOnly) : null,
    customerId: customerId || null,
    customerCategory: category || null,
  };
}
