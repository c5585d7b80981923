import { describe, expect, it } from '@jest/globals';
import { nextFlagged, parseReason, reasonMessage, reasonsByTarget } from './review-reasons.js';

describe('review reasons', () => {
  it('reads the field a reason names, and the fields a cross-field check involves', () => {
    expect(parseReason('missing:customerName')).toMatchObject({ kind: 'missing', field: 'customerName', targets: ['customerName'] });
    expect(parseReason('low_confidence:total')).toMatchObject({ kind: 'low_confidence', field: 'total', targets: ['total'] });
    expect(parseReason('tax_total_mismatch').targets).toEqual(['subtotal', 'taxAmount', 'total']);
    expect(parseReason('due_before_issue').targets).toEqual(['issueDate', 'dueDate']);
    expect(parseReason('same_party').targets).toEqual(['vendorName', 'customerName']);
    expect(parseReason('line_amount_mismatch:2')).toMatchObject({ targets: ['lineItems'], line: 2 });
    expect(parseReason('missing:lineItems').targets).toEqual(['lineItems']);
    expect(parseReason('unreadable:lineItem').targets).toEqual(['lineItems']);
    expect(parseReason('corrected:accents:lineItem').targets).toEqual(['lineItems']);
    expect(parseReason('qr_unparsed').targets).toEqual([]);
  });

  it('gives an i18n key with the values to fill, and the code itself for a kind it does not know', () => {
    expect(reasonMessage(parseReason('missing:total'))).toEqual({ key: 'reasons.missing', values: { field: 'total', line: '' } });
    expect(reasonMessage(parseReason('line_amount_mismatch:3'))).toEqual({
      key: 'reasons.line_amount_mismatch',
      values: { field: '', line: 3 },
    });
    expect(reasonMessage(parseReason('inferred:quantity'))).toEqual({ key: 'reasons.inferred', values: { column: 'quantity' } });
    expect(reasonMessage(parseReason('brand_new:thing'))).toEqual({ key: 'reasons.unknown', values: { code: 'brand_new:thing' } });
  });

  it('groups the reasons by the field they are shown next to', () => {
    const { byTarget, general } = reasonsByTarget(['missing:customerName', 'total_mismatch', 'low_confidence:total', 'qr_unparsed']);
    expect(byTarget.get('total')?.map((r) => r.code)).toEqual(['total_mismatch', 'low_confidence:total']);
    expect(byTarget.get('lineItems')?.map((r) => r.code)).toEqual(['total_mismatch']);
    expect(byTarget.get('customerName')?.map((r) => r.code)).toEqual(['missing:customerName']);
    expect(general.map((r) => r.code)).toEqual(['qr_unparsed']);
  });

  it('jumps to the next flagged field after the one in focus, wrapping around, and back', () => {
    const order = ['a', 'b', 'c', 'd', 'e'];
    const flagged = new Set(['b', 'd']);
    expect(nextFlagged(order, flagged, null)).toBe('b');
    expect(nextFlagged(order, flagged, 'a')).toBe('b');
    expect(nextFlagged(order, flagged, 'b')).toBe('d');
    expect(nextFlagged(order, flagged, 'c')).toBe('d');
    expect(nextFlagged(order, flagged, 'e')).toBe('b');
    expect(nextFlagged(order, flagged, 'c', true)).toBe('b');
    expect(nextFlagged(order, flagged, 'a', true)).toBe('d');
    expect(nextFlagged(order, new Set(), 'a')).toBeNull();
  });
});
