import { describe, expect, it } from '@jest/globals';
import { AnalyticsOverviewQuerySchema, CustomerListQuerySchema } from './analytics.js';
import { InvoiceListQuerySchema } from './http.js';
import { CalendarDateSchema, safeText, uuidParam } from './validation.js';

describe('request validation building blocks', () => {
  it('accepts real calendar dates only', () => {
    for (const day of ['2024-02-29', '2026-12-31', '0001-01-01']) expect(CalendarDateSchema.safeParse(day).success).toBe(true);
    for (const day of ['2024-02-30', '2023-02-29', '2024-13-01', '0000-01-01', '99999-01-01', '2024-1-1'])
      expect(CalendarDateSchema.safeParse(day).success).toBe(false);
  });

  it('refuses NUL in text and non-UUID ids', () => {
    expect(safeText(1, 10).safeParse('a\u0000').success).toBe(false);
    expect(safeText(1, 10).parse('  ok ')).toBe('ok');
    expect(uuidParam('documentId').safeParse('3.6e-28').error?.issues[0]?.message).toBe('documentId must be a UUID');
    expect(uuidParam('documentId').safeParse('3f2b8c9e-5d41-4a7b-9c1e-2b7f0d6a8e14').success).toBe(true);
  });

  it('holds the list and analytics queries to them', () => {
    expect(InvoiceListQuerySchema.safeParse({ from: '2024-02-30' }).success).toBe(false);
    expect(InvoiceListQuerySchema.safeParse({ q: 'acme\u0000' }).success).toBe(false);
    expect(AnalyticsOverviewQuerySchema.safeParse({ to: '2023-02-29' }).success).toBe(false);
    expect(AnalyticsOverviewQuerySchema.safeParse({ from: '2024-02-29', to: '2024-03-01' }).success).toBe(true);
  });

  it('takes an issue date range on the invoice list, and a segment of either view on the customer list', () => {
    expect(InvoiceListQuerySchema.parse({ issuedFrom: '2026-03-01', issuedTo: '2026-03-31' })).toMatchObject({
      issuedFrom: '2026-03-01',
      issuedTo: '2026-03-31',
    });
    expect(InvoiceListQuerySchema.safeParse({ issuedTo: '2026-02-30' }).success).toBe(false);
    expect(CustomerListQuerySchema.parse({ rfmSegment: ' Champions ' })).toEqual({ rfmSegment: 'Champions', sort: 'monetary', limit: 50 });
    expect(CustomerListQuerySchema.parse({ segment: 'Loyal (2)', limit: '500' })).toMatchObject({ segment: 'Loyal (2)', limit: 500 });
    expect(CustomerListQuerySchema.safeParse({ rfmSegment: '' }).success).toBe(false);
    expect(CustomerListQuerySchema.safeParse({ limit: '501' }).success).toBe(false);
  });
});
