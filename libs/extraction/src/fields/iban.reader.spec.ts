import { describe, expect, it } from '@jest/globals';
import { findIban, ibanLength, isValidIban, normalizeIban, readIban } from './iban.reader.js';
import { rowsOf } from './lines.fixture.js';

// Made-up accounts in each country's real format, with valid check digits.
const DE = 'DE89370400440532013000';
const FR = 'FR1420041010050500013M02606';
const NL = 'NL91ABNA0417164300';
const BE = 'BE68539007547034';
const ES = 'ES9121000418450200051332';
const IT = 'IT60X0542811101000000123456';

describe('IBAN', () => {
  it('accepts valid IBANs of several countries, printed in groups or in one piece', () => {
    for (const iban of [DE, FR, NL, BE, ES, IT]) expect(isValidIban(iban)).toBe(true);
    expect(isValidIban('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(normalizeIban('fr14 2004 1010 0505 0001 3m02 606')).toBe(FR);
  });

  it('refuses a wrong check digit, a wrong length and an unknown country', () => {
    expect(isValidIban('DE89370400440532013001')).toBe(false);
    expect(isValidIban('DE8937040044053201300')).toBe(false);
    expect(isValidIban('QQ89370400440532013000')).toBe(false);
  });

  it('knows the length of each country', () => {
    expect(ibanLength('DE')).toBe(22);
    expect(ibanLength('be')).toBe(16);
    expect(ibanLength('XX')).toBeNull();
  });

  it('finds an IBAN in a text, stopping at the country length when the BIC follows', () => {
    expect(findIban('IBAN: DE89 3704 0044 0532 0130 00 BIC: COBADEFFXXX')).toBe(DE);
    expect(findIban(`Bankverbindung ${NL} BIC ABNANL2A`)).toBe(NL);
    expect(findIban('Tel. DE 12 3456 7890')).toBeNull();
    expect(findIban('IBAN DE89 3704 0044 0532 0130 01')).toBeNull();
  });

  it('reads the first valid IBAN of the page with its words', () => {
    const read = readIban(rowsOf('Payment terms: 30 days', 'IBAN BE68 5390 0754 7034 BIC TRIOBEBB'));
    expect(read?.value).toBe(BE);
    expect(read?.words.map((w) => w.text)).toEqual(['BE68', '5390', '0754', '7034']);
    expect(readIban(rowsOf('No bank details here'))).toBeNull();
  });
});
