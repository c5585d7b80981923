import { describe, expect, it } from '@jest/globals';
import type { OcrWord } from '@invoice/contracts';
import { buildRows } from '../rows.builder.js';
import { line } from '../words.fixture.js';
import { readItemTable } from './table.reader.js';

const HEADER = 'Pos  Bezeichnung                 Menge    Einzelpreis     Gesamt';
/** An item row with its values under the labels Menge (330), Einzelpreis (420) and Gesamt (580). */
const item = (pos: string, description: string, values: string, y: number, page = 0): OcrWord[] => {
  const [quantity = '', price = '', amount = ''] = values.split(/ {2,}/);
  return [
    ...line(pos, 0, y, { page }),
    ...line(description, 50, y, { page }),
    ...line(quantity, 330, y, { page }),
    ...line(price, 440, y, { page }),
    ...line(amount, 580, y, { page }),
  ];
};
const read = (words: OcrWord[]) =>
  readItemTable(buildRows(words))?.items.map(({ description, quantity, unitPrice, amount, flags }) => ({
    description,
    quantity,
    unitPrice,
    amount,
    flags,
  }));

describe('readItemTable', () => {
  it('is null without a header row', () => {
    expect(readItemTable(buildRows([...line('Trennblätter A4   20   9,90   198,00', 0, 100)]))).toBeNull();
  });

  it('reads the items under the header up to the totals block', () => {
    const words = [
      ...line('Rechnung 4711', 0, 20),
      ...line(HEADER, 0, 100),
      ...item('1', 'Trennblätter A4', '20 Stk  9,90  198,00', 130),
      ...item('2', 'Joghurt Banane mit', '50 Stk  5,50  275,00', 160),
      ...line('Bananenstücken', 50, 180),
      ...line('Zwischensumme                                         473,00', 0, 220),
      ...line('Gesamtbetrag                                          529,87', 0, 250),
    ];
    expect(read(words)).toEqual([
      { description: 'Trennblätter A4', quantity: 20, unitPrice: 9.9, amount: 198, flags: [] },
      { description: 'Joghurt Banane mit Bananenstücken', quantity: 50, unitPrice: 5.5, amount: 275, flags: [] },
    ]);
  });

  it('ends the table at a row that is only a totals label, even with the summed quantity on it', () => {
    const words = [
      ...line(HEADER, 0, 100),
      ...item('1', 'Kabel', '150   5,00   750,00', 130),
      ...line('Summe', 50, 160),
      ...line('150', 330, 160),
      ...line('750,00', 580, 160),
    ];
    expect(read(words)?.map((i) => i.description)).toEqual(['Kabel']);
  });

  it('ends the table at a wide gap', () => {
    const words = [
      ...line(HEADER, 0, 100),
      ...item('1', 'Kabel', '1   12,00   12,00', 130),
      ...item('', 'Seite 1', '1   1,00   1,00', 600),
    ];
    expect(read(words)?.map((i) => i.description)).toEqual(['Kabel']);
  });

  it('keeps reading items spaced as widely as the rows before them, and stops at a gap wider than the table rhythm', () => {
    const words = [
      ...line(HEADER, 0, 100),
      ...item('1', 'Miettage', '2   86,55   173,10', 130),
      ...line('Weitere Eigenschaften: Kennzeichen', 50, 230),
      ...item('2', 'Vollkasko', '2   23,10   46,20', 330),
      ...item('3', 'Choice', '2   5,04   10,08', 460),
      ...item('', 'Seite 1', '1   1,00   1,00', 900),
    ];
    expect(read(words)?.map((i) => i.description)).toEqual(['Miettage', 'Vollkasko', 'Choice']);
  });

  it('goes on over a page that repeats the header, and over one that does not, from its first full item row', () => {
    const repeated = [
      ...line(HEADER, 0, 100),
      ...item('1', 'Kabel', '1   12,00   12,00', 130),
      ...line(HEADER, 0, 100, { page: 1 }),
      ...item('2', 'Lampe', '2   15,00   30,00', 130, 1),
      ...line('Summe 42,00', 0, 170, { page: 1 }),
    ];
    expect(read(repeated)?.map((i) => i.description)).toEqual(['Kabel', 'Lampe']);
    const continued = [
      ...line(HEADER, 0, 100),
      ...item('1', 'Kabel', '1   12,00   12,00', 130),
      ...line('Firma Beispiel GmbH            Seite 2', 0, 20, { page: 1 }),
      ...item('2', 'Lampe', '2   15,00   30,00', 60, 1),
      ...line('Summe 42,00', 0, 100, { page: 1 }),
    ];
    expect(read(continued)?.map((i) => i.description)).toEqual(['Kabel', 'Lampe']);
  });

  it('goes on over a page without a header from an item row whose name is printed under it, when its product holds', () => {
    const continued = (values: string) => [
      ...line(HEADER, 0, 100),
      ...item('1', 'Kabel', '1   12,00   12,00', 130),
      ...line('Firma Beispiel GmbH            Seite 2', 0, 20, { page: 1 }),
      ...item('2', '', values, 60, 1),
      ...line('Joghurt', 50, 80, { page: 1 }),
      ...line('Summe 287,00', 0, 120, { page: 1 }),
    ];
    expect(read(continued('50   5,50   275,00'))?.map((i) => i.description)).toEqual(['Kabel', 'Joghurt']);
    // Three numbers that do not multiply out (a page's figures) do not continue the table.
    expect(read(continued('50   5,50   300,00'))?.map((i) => i.description)).toEqual(['Kabel']);
  });

  it("goes on over a page whose first rows are the last item's attribute lines, not over a page heading", () => {
    const attributes = [
      ...line(HEADER, 0, 100),
      ...item('1', 'Kabel', '1   12,00   12,00', 130),
      ...line('Weitere Eigenschaften:', 50, 20, { page: 1 }),
      ...line('Verpackung: = Kiste', 50, 50, { page: 1 }),
      ...item('2', 'Lampe', '2   15,00   30,00', 90, 1),
    ];
    expect(read(attributes)?.map((i) => i.description)).toEqual(['Kabel', 'Lampe']);
    const heading = [
      ...line(HEADER, 0, 100),
      ...item('1', 'Kabel', '1   12,00   12,00', 130),
      ...line('Zahlungsbedingungen:', 0, 20, { page: 1 }),
      ...item('2', 'Lampe', '2   15,00   30,00', 60, 1),
    ];
    expect(read(heading)?.map((i) => i.description)).toEqual(['Kabel']);
  });

  it('flags a line whose amount is under quantity x unit price as discounted', () => {
    const words = [...line(HEADER, 0, 100), ...item('1', 'Kunstrasen', '3   4,00   10,00', 130)];
    expect(read(words)?.[0]?.flags).toEqual(['discount']);
  });

  it('keeps net and gross per line when both are printed', () => {
    const words = [
      ...line('Item                Qty     Price      Net      Gross', 0, 100),
      ...line('Chair', 0, 130),
      ...line('2      50.00     100.00     119.00', 190, 130),
    ];
    const [chair] = readItemTable(buildRows(words))?.items ?? [];
    expect(chair).toMatchObject({ description: 'Chair', quantity: 2, unitPrice: 50, amount: 100, net: 100, gross: 119 });
  });

  it('keeps a detail line under an item out of its description: the line above ended where more would have fitted', () => {
    const words = [
      ...line(HEADER, 0, 100),
      ...item('1', 'Mobile designs', '1   250,00   250,00', 130),
      ...line('Includes responsive navigation', 50, 150),
      ...item('2', 'Joghurt Banane mit', '50   5,50   275,00', 190),
      ...line('Bananenstücken', 50, 210),
    ];
    expect(read(words)?.map((i) => i.description)).toEqual(['Mobile designs', 'Joghurt Banane mit Bananenstücken']);
  });

  it('ends the table at a section heading left of the description column', () => {
    const words = [
      ...line(HEADER, 0, 100),
      ...item('1', 'Kabel', '1   12,00   12,00', 130),
      ...line('Zu- und Abschläge:', 0, 180),
      ...line('Art     Basisbetrag    Betrag', 0, 210),
      ...item('', 'Abschlag Sondernachlass', '    10,00   -1,00', 240),
    ];
    expect(read(words)?.map((i) => i.description)).toEqual(['Kabel']);
  });

  it('ends the table at a tax or rounding row after a position mark', () => {
    const words = [
      ...line(HEADER, 0, 100),
      ...item('1', 'Kabel', '1   12,00   12,00', 130),
      ...line('3', 0, 160),
      ...line('SGST 9%', 50, 160),
      ...line('1,08', 580, 160),
      ...line('#', 0, 190),
      ...line('Round off', 50, 190),
      ...line('-0,08', 580, 190),
    ];
    expect(read(words)?.map((i) => i.description)).toEqual(['Kabel']);
  });

  it('reads the words of a description that starts inside a narrow quantity column as description', () => {
    const words = [
      ...line('QTY     DESCRIPTION               UNIT PRICE   AMOUNT', 0, 100),
      ...line('1 Front and rear brake cables', 10, 130),
      ...line('100.00       100.00', 370, 130),
    ];
    expect(read(words)).toEqual([{ description: 'Front and rear brake cables', quantity: 1, unitPrice: 100, amount: 100, flags: [] }]);
  });

  it('reads the items left of the value columns as descriptions when no description label is read', () => {
    const words = [
      ...line('                    Quantity            Amount', 0, 100),
      ...line('12 ft HDMI cable', 0, 130),
      ...line('12      $9.99      $119.88', 200, 130),
    ];
    expect(read(words)).toEqual([
      { description: '12 ft HDMI cable', quantity: 12, unitPrice: 9.99, amount: 119.88, flags: ['inferred:unitPrice'] },
    ]);
  });

  it('reads an hourly rate column as the unit price, and a quantity printed without decimals as printed', () => {
    const words = [
      ...line('Bezeichnung          Preis/Stunde   Anzahl   Betrag', 0, 100),
      ...line('Beratung', 0, 130),
      ...line('42,00 €', 210, 130),
      ...line('2,00', 370, 130),
      ...line('84,00 €', 450, 130),
      ...line('Tests', 0, 160),
      ...line('30,00 €', 210, 160),
      ...line('2', 380, 160),
      ...line('0,00 €', 460, 160),
    ];
    expect(read(words)).toEqual([
      { description: 'Beratung', quantity: 2, unitPrice: 42, amount: 84, flags: [] },
      { description: 'Tests', quantity: 2, unitPrice: 30, amount: 0, flags: ['discount'] },
    ]);
  });
});
