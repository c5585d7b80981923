import { describe, expect, it } from '@jest/globals';
import { parseQrPayload } from './qr.parser.js';

describe('parseQrPayload', () => {
  it('parses the invoice payload', () => {
    expect(parseQrPayload('INVOICE:FAC_2019_0001\nDATE:2019-01-01 08:21:00\nCUST:00025\nCAT:C')).toEqual({
      invoiceNumber: 'FAC_2019_0001',
      issueDate: '2019-01-01',
      issueTime: '08:21:00',
      customerId: '00025',
      customerCategory: 'C',
    });
  });

  it('accepts CRLF, lower-case keys, blanks and missing fields; keeps leading zeros', () => {
    expect(parseQrPayload('invoice: FAC_2020_0042\r\ncust:00007\r\n')).toEqual({
      invoiceNumber: 'FAC_2020_0042',
      issueDate: null,
      issueTime: null,
      customerId: '00007',
      customerCategory: null,
    });
  });

  it('returns null for empty or foreign payloads', () => {
    expect(parseQrPayload(null)).toBeNull();
    expect(parseQrPayload('')).toBeNull();
    expect(parseQrPayload('https://example.com/pay?id=1')).toBeNull();
  });
});
