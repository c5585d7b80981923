import { describe, expect, it } from '@jest/globals';
import { copyField } from './copy.rows.js';

describe('copyField', () => {
  it('writes null, numbers and plain text as COPY reads them', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(12.5)).toBe('12.5');
    expect(copyField(-3)).toBe('-3');
    expect(copyField('Acme SARL')).toBe('Acme SARL');
  });
  it('escapes backslash, tab, newline and carriage return (and keeps a literal \\N text apart from null)', () => {
    expect(copyField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyField('\\N')).toBe('\\\\N');
  });
  it('refuses a non-finite number', () => {
    expect(() => copyField(Number.NaN)).toThrow(RangeError);
  });
});
