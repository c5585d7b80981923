import { describe, expect, it } from '@jest/globals';
import { extractWithSignals } from '../invoice.extractor.js';
import { line, page, tillReceipt } from '../words.fixture.js';
import { RECEIPT_FIELDS, RECEIPT_SIGNALS } from './receipt.signals.js';

const TILL = [
  'KEDAI MAJU SDN BHD',
  'NO 5, JALAN PASAR',
  '34000 TAIPING, PERAK',
  'TEL 05-8061234',
  'DATE 12/03/2018',
  'BREAD 2.50',
  'MILK 1.20',
  'TOTAL 3.70',
  'CASH 5.00',
  'CHANGE 1.30',
  'THANK YOU',
];

const signal = (x: readonly number[] | undefined, field: (typeof RECEIPT_FIELDS)[number], name: string): number | undefined =>
  x?.[RECEIPT_SIGNALS[field].indexOf(name)];

describe('receiptSignals', () => {
  it("gives each field read on a receipt one signal per name, in the model's order", () => {
    const { invoice, receiptSignals } = extractWithSignals([tillReceipt(TILL)]);
    expect(invoice.documentType).toBe('receipt');
    for (const field of RECEIPT_FIELDS) {
      expect(receiptSignals[field]).toHaveLength(RECEIPT_SIGNALS[field].length);
      for (const v of receiptSignals[field] ?? []) expect(Number.isFinite(v)).toBe(true);
    }
    expect(signal(receiptSignals.vendorName, 'vendorName', 'companyWord')).toBe(1);
    expect(signal(receiptSignals.vendorAddress, 'vendorAddress', 'postcode')).toBe(1);
    expect(signal(receiptSignals.issueDate, 'issueDate', 'fullYear')).toBe(1);
    expect(signal(receiptSignals.total, 'total', 'meanWordConfidence')).toBeCloseTo(0.92);
  });

  it('says when cash less change agrees with the total, and when it does not', () => {
    const agrees = extractWithSignals([tillReceipt(TILL)]).receiptSignals.total;
    expect(signal(agrees, 'total', 'paidAgrees')).toBe(1);
    const off = TILL.map((l) => (l === 'CHANGE 1.30' ? 'CHANGE 0.30' : l));
    const disagrees = extractWithSignals([tillReceipt(off)]);
    expect(disagrees.invoice.total).toBe(3.7);
    expect(signal(disagrees.receiptSignals.total, 'total', 'paidAgrees')).toBe(-1);
    const unpaid = extractWithSignals([tillReceipt([...TILL.filter((l) => !/^(CASH|CHANGE)/.test(l)), 'CASHIER ALI'])]);
    expect(unpaid.invoice.documentType).toBe('receipt');
    expect(signal(unpaid.receiptSignals.total, 'total', 'paidAgrees')).toBe(0);
  });

  it('counts the other dates a receipt prints, and reads nothing on an invoice', () => {
    const twoDates = extractWithSignals([tillReceipt([...TILL, 'VALID UNTIL 12/04/2018'])]);
    expect(signal(twoDates.receiptSignals.issueDate, 'issueDate', 'otherDates')).toBeCloseTo(1 / 3);
    const invoice = extractWithSignals([
      page([...line('INVOICE FAC_2019_0001', 60, 60), ...line('Bill to Sarah Smith', 60, 150), ...line('Total 120.00 EUR', 580, 460)]),
    ]);
    expect(invoice.invoice.documentType).not.toBe('receipt');
    expect(invoice.receiptSignals).toEqual({});
  });
});
