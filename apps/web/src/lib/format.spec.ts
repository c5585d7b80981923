import { describe, expect, it } from '@jest/globals';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatPercent } from './format.js';

// Intl writes narrow no-break spaces (U+202F) and no-break spaces (U+00A0) in French: compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('French and English formats', () => {
  it('writes calendar dates day first in French, month first in US English, whatever the time zone', () => {
    expect(formatDate('2026-12-06', 'fr')).toBe('06/12/2026');
    expect(formatDate('2026-12-06', 'en-US')).toBe('12/6/26');
    expect(formatDate('2026-01-01', 'fr')).toBe('01/01/2026');
    expect(formatDate(null, 'fr')).toBe('—');
    expect(formatDate('not a date', 'fr')).toBe('not a date');
  });

  it('writes amounts with a decimal comma and the currency after them in French', () => {
    expect(plain(formatMoney(1234.5, 'EUR', 'fr'))).toBe('1 234,50 €');
    expect(formatMoney(1234.5, 'EUR', 'en')).toBe('€1,234.50');
    expect(plain(formatMoney(1234.5, null, 'fr'))).toBe('1 234,50');
  });

  it('writes numbers, percentages and times in French', () => {
    expect(plain(formatNumber(12345.678, 'fr', 2))).toBe('12 345,68');
    expect(plain(formatPercent(0.125, 'fr'))).toBe('12,5 %');
    expect(plain(formatDateTime('2026-12-06T09:05:00Z', 'fr'))).toMatch(/^0[67]\/12\/2026 \d\d:05$/);
  });
});
