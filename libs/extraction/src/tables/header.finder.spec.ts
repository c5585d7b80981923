import { describe, expect, it } from '@jest/globals';
import { buildRows } from '../rows.builder.js';
import { line } from '../words.fixture.js';
import { findTableHeaders } from './header.finder.js';

const kinds = (rows: ReturnType<typeof buildRows>) => findTableHeaders(rows).map((h) => [h.rowIndex, h.cells.map((c) => c.kind)]);

describe('findTableHeaders', () => {
  it('finds the header row of an item table among the rows, in each language', () => {
    const headers = [
      'Description   Qty   Unit price   Amount',
      'Désignation   Quantité   Prix unitaire   Montant HT',
      'Bezeichnung   Menge   Einzelpreis   Gesamt',
      'Omschrijving   Aantal   Prijs   Bedrag',
      'Descripción   Cantidad   Precio   Importe',
      'Descrizione   Quantità   Prezzo   Importo',
    ];
    for (const header of headers) {
      const rows = buildRows([
        ...line('Invoice 2024-001', 40, 40),
        ...line(header, 40, 100),
        ...line('Widget   2   5,00   10,00', 40, 130),
      ]);
      expect(kinds(rows)[0]?.[0]).toBe(1);
      expect(kinds(rows)[0]?.[1]).toHaveLength(4);
    }
  });

  it('does not take a sentence or a totals row for a header', () => {
    const rows = buildRows([
      ...line('Total price of the items in this description: see below', 40, 40),
      ...line('Total 10,00', 40, 80),
      ...line('Item 12 Price 5,00 Total 60,00', 40, 120),
    ]);
    expect(findTableHeaders(rows)).toEqual([]);
  });

  it('reads a header printed on two lines ("Unit" over "price") as one', () => {
    const rows = buildRows([
      ...line('                        Unit', 40, 100),
      ...line('Item        Qty         price      Total', 40, 118),
    ]);
    const [header] = findTableHeaders(rows);
    expect(header?.rowIndex).toBe(1);
    expect(header?.cells.map((c) => c.kind)).toEqual(['description', 'quantity', 'unitPrice', 'amount']);
  });

  it('finds the header again on every page that repeats it', () => {
    const rows = buildRows([
      ...line('Article   Menge   Preis   Betrag', 40, 100, { page: 0 }),
      ...line('Article   Menge   Preis   Betrag', 40, 100, { page: 1 }),
    ]);
    expect(findTableHeaders(rows).map((h) => h.rowIndex)).toEqual([0, 1]);
  });
});
