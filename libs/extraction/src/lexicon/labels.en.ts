import type { LexiconData } from './lexicon.types.js';

/** English labels (data: printed forms per field). */
export const LABELS_EN: LexiconData = {
  invoiceNumber: ['invoice no', 'invoice number', 'invoice #', 'invoice id', 'inv no', 'bill no', 'receipt no', 'document no', 'reference', 'ref no', 'number', 'no'],
  issueDate: ['invoice date', 'date of issue', 'issue date', 'issued', 'date', 'bill date', 'document date', 'dated'],
  dueDate: ['due date', 'payment due', 'due by', 'pay by', 'payable by', 'due', 'due on', 'payable on', 'payment due by', 'payment due date'],
  deliveryDate: ['delivery date', 'date of delivery', 'ship date', 'shipping date', 'date of supply'],
  servicePeriod: ['service period', 'billing period', 'period'],
  vendor: ['from', 'seller', 'supplier', 'vendor', 'issued by', 'sold by', 'payable to', 'service provider'],
  customer: ['bill to', 'billed to', 'invoice to', 'customer', 'client', 'buyer', 'sold to', 'to', 'billing address', 'invoice address', 'invoiced to', 'customer name', 'recipient', 'invoice for', 'prepared for'],
  shipTo: ['ship to', 'deliver to', 'delivery address', 'shipped to'],
  vatId: ['vat no', 'vat number', 'vat id', 'vat reg no', 'tax id', 'gst no', 'gst reg no', 'tin'],
  iban: ['iban', 'bank account', 'account number'],
  orderNumber: ['order no', 'order number', 'po number', 'po no', 'purchase order', 'order'],
  subtotal: ['subtotal', 'sub total', 'net amount', 'net total', 'total excl vat', 'total before tax', 'amount before tax', 'net', 'total excl tax', 'total excluding vat', 'total excluding tax'],
  tax: ['vat', 'tax', 'sales tax', 'gst', 'total tax', 'tax amount', 'vat amount'],
  total: ['total', 'grand total', 'total amount', 'invoice total', 'total incl vat', 'amount', 'total due', 'gross amount', 'total including vat', 'total incl tax', 'total including tax', 'amount incl vat'],
  prepaid: ['prepaid', 'prepaid amount', 'amount paid', 'paid amount', 'already paid', 'deposit', 'deposit paid', 'less deposit', 'advance payment', 'payments received'],
  amountDue: ['amount due', 'balance due', 'balance', 'amount payable', 'total payable', 'to pay'],
  currency: ['currency'],
  invoiceTitle: ['invoice', 'tax invoice', 'commercial invoice'],
  creditNoteTitle: ['credit note', 'credit memo'],
  receiptTitle: ['receipt', 'cash receipt', 'sales receipt', 'official receipt'],
};
