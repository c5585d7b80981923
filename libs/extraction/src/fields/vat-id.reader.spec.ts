import { describe, expect, it } from '@jest/globals';
import { buildRows } from '../rows.builder.js';
import { line } from '../words.fixture.js';
import { customerBlockAt } from './fields.reader.js';
import { findVatIds, isValidVatId, normalizeVatId, readVatIds } from './vat-id.reader.js';
import { rowsOf } from './lines.fixture.js';

// Real-format VAT ids with valid check digits (published test values of each country's checksum).
const VALID = {
  DE: 'DE136695976',
  FR: 'FR40303265045',
  IT: 'IT00743110157',
  ES: 'ESA28015865',
  NL: 'NL004495445B01',
  BE: 'BE0411905847',
  AT: 'ATU13585627',
};

describe('EU VAT ids', () => {
  it('accepts valid ids of DE, FR, IT, ES, NL, BE and AT, printed with blanks or dots', () => {
    for (const id of Object.values(VALID)) expect(isValidVatId(id)).toBe(true);
    expect(isValidVatId('DE 136 695 976')).toBe(true);
    expect(isValidVatId('BE 0411.905.847')).toBe(true);
    expect(normalizeVatId('fr 40 303 265 045')).toBe(VALID.FR);
  });

  it('refuses a wrong checksum in each of those countries', () => {
    for (const id of ['DE136695977', 'FR41303265045', 'IT00743110158', 'ESA28015866', 'NL004495446B01', 'BE0411905848', 'ATU13585628']) {
      expect(isValidVatId(id)).toBe(false);
    }
  });

  it('refuses a number without a country prefix or of the wrong length', () => {
    expect(isValidVatId('136695976')).toBe(false);
    expect(isValidVatId('DE13669597')).toBe(false);
  });

  it('finds every id in a text, after labels in several languages', () => {
    expect(findVatIds('USt-IdNr.: DE 136 695 976 · Steuernummer 12/345/67890')).toEqual([VALID.DE]);
    expect(findVatIds(`N° TVA intracommunautaire : ${VALID.FR} - SIRET 303 265 045 00011`)).toEqual([VALID.FR]);
    expect(findVatIds(`BTW ${VALID.NL} / P.IVA ${VALID.IT}`)).toEqual([VALID.NL, VALID.IT]);
    expect(findVatIds('Invoice DE 2026 total 100')).toEqual([]);
  });

  it("tells the customer's id by its label, the first other one is the issuer's", () => {
    const ids = readVatIds(rowsOf(`VAT: ${VALID.BE}`, 'Bill to', `Customer VAT no. ${VALID.AT}`));
    expect(ids.vendor?.value).toBe(VALID.BE);
    expect(ids.customer?.value).toBe(VALID.AT);
    expect(readVatIds(rowsOf(`USt-IdNr. des Kunden: ${VALID.DE}`)).customer?.value).toBe(VALID.DE);
    expect(readVatIds(rowsOf(`TVA client ${VALID.FR}`, `Notre TVA ${VALID.IT}`))).toMatchObject({
      customer: { value: VALID.FR },
      vendor: { value: VALID.IT },
    });
  });

  it("takes an unlabelled id inside the customer block for the customer's, one in the footer for the issuer's", () => {
    const rows = buildRows([
      ...line('Facturé à', 40, 100),
      ...line('Client SA', 40, 130),
      ...line(VALID.ES, 40, 160),
      ...line(`Siège social, TVA ${VALID.FR}`, 40, 900),
    ]);
    const ids = readVatIds(rows, customerBlockAt(rows, { rowIndex: 0, x0: 40 }));
    expect(ids.customer?.value).toBe(VALID.ES);
    expect(ids.vendor?.value).toBe(VALID.FR);
  });

  it('reads an id after a VAT label in its format whose check digits fail, marked so, only when no valid id is there', () => {
    const misread = readVatIds(rowsOf('USt-IdNr.: DE 136 695 977'));
    expect(misread.vendor).toMatchObject({ value: 'DE136695977', checksumValid: false });
    expect(readVatIds(rowsOf('USt-IdNr.: DE136695977', `Sitz Berlin, USt-IdNr. ${VALID.DE}`)).vendor).toMatchObject({
      value: VALID.DE,
      checksumValid: true,
    });
    // Without a VAT label, a number with a country prefix and failing check digits is no VAT id.
    expect(readVatIds(rowsOf('Ref DE136695977')).vendor).toBeNull();
    expect(readVatIds(rowsOf(`VAT ${VALID.FR}`)).vendor?.checksumValid).toBe(true);
  });
});
