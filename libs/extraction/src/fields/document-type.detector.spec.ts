import { describe, expect, it } from '@jest/globals';
import type { OcrWord } from '@invoice/contracts';
import { buildRows } from '../rows.builder.js';
import { line } from '../words.fixture.js';
import { detectDocumentType } from './document-type.detector.js';
import { requiredFieldsFor } from './required.fields.js';

/** A wide A4-like page (850 px wide): a title at the top, a customer block, body text in the lower half. */
function a4(title: string, body: string[] = ['Consulting 1 x 100,00 EUR', 'Total 120,00 EUR']): OcrWord[] {
  return [
    ...line('Muster GmbH, Hauptstr. 1, 10115 Berlin', 40, 40),
    ...line(title, 500, 100),
    ...line('Beispiel AG', 40, 200),
    ...line('Datum 02.03.2026', 700, 200),
    ...body.flatMap((text, i) => line(text, 40, 500 + 40 * i)),
    ...line('Seite 1 von 1 - Geschäftsführer und Registergericht', 40, 1000),
  ];
}

/** A till roll: a narrow column, taller than wide. */
function tillRoll(title: string | null): OcrWord[] {
  const lines = [
    'CORNER SHOP',
    ...(title ? [title] : []),
    'BREAD 2.50',
    'MILK 1.20',
    'TOTAL 3.70',
    'CASH 5.00',
    'CHANGE 1.30',
    'THANK YOU',
  ];
  return lines.flatMap((text, i) => line(text, 40, 40 + 60 * i, { charWidth: 8 }));
}

describe('document type', () => {
  it.each([
    ['Rechnung Nr. 2026-001', 'invoice'],
    ['RECHNUNGS-KORREKTUR Seite 1', 'invoice'],
    ['FACTURE N° F-12', 'invoice'],
    ['Factuur 2026/7', 'invoice'],
    ['Factura 117', 'invoice'],
    ['Fattura n. 12', 'invoice'],
    ['Invoice INV-1', 'invoice'],
    ['Gutschrift Nr. 7', 'credit_note'],
    ['Gutschrift (Selbst ausgestellte Rechnung) Nr. 471102', 'invoice'],
    ['Self-billed invoice SB-12', 'invoice'],
    ['Autofacturation 2026-3', 'invoice'],
    ['Autofactura 44', 'invoice'],
    ['Autofattura 9', 'invoice'],
    ['Zelffacturering 2026-5', 'invoice'],
    ['Avoir AV-2026-3', 'credit_note'],
    ["Facture d'avoir 12", 'credit_note'],
    ['Creditnota 2026-4', 'credit_note'],
    ['Factura rectificativa R-1', 'credit_note'],
    ['Abono 33', 'credit_note'],
    ['Nota de crédito 5', 'credit_note'],
    ['Nota di credito 8', 'credit_note'],
    ['Credit note CN-9', 'credit_note'],
    ['Receipt 0042', 'receipt'],
    ['Reçu n° 8', 'receipt'],
    ['Quittung 12', 'receipt'],
  ] as const)('reads the title %s as %s', (title, type) => {
    const reading = detectDocumentType(buildRows(a4(title)), true);
    expect(reading.type).toBe(type);
    expect(reading.words.length).toBeGreaterThan(0);
  });

  it('reads a letter-spaced title, with its letters as evidence, and no title in spaced initials', () => {
    const reading = detectDocumentType(buildRows(a4('W A R E N R E C H N U N G Seite 1')), false);
    expect(reading.type).toBe('invoice');
    expect(reading.words.map((w) => w.text).join('')).toBe('WARENRECHNUNG');
    expect(detectDocumentType(buildRows(a4('F A C T U R E')), true).type).toBe('invoice');
    expect(detectDocumentType(buildRows(a4('A B C Consulting')), false).type).toBeNull();
  });

  it('does not take a word that only starts like a title ("Rechnungsadresse") or a title low on the page', () => {
    expect(detectDocumentType(buildRows(a4('Rechnungsadresse')), false).type).toBeNull();
    expect(detectDocumentType(buildRows(a4('Lieferschein 1', ['Gutschrift folgt', 'x', 'y', 'z'])), false).type).toBeNull();
  });

  it('takes a till roll for a receipt, titled "Tax invoice" or not, with its payment words as evidence', () => {
    const titled = detectDocumentType(buildRows(tillRoll('TAX INVOICE')), false);
    expect(titled).toMatchObject({ type: 'receipt', corroborated: true });
    expect(titled.words.map((w) => w.text)).toEqual(['CASH', 'CHANGE']);
    expect(detectDocumentType(buildRows(tillRoll(null)), false).type).toBe('receipt');
    expect(detectDocumentType(buildRows(tillRoll('KASSENBON')), false)).toMatchObject({ type: 'receipt', corroborated: true });
    // A till roll that prints a "Bill to" for a company customer stays a receipt.
    expect(detectDocumentType(buildRows(tillRoll('TAX INVOICE')), true).type).toBe('receipt');
  });

  it('takes a wide "Tax invoice" over a customer block for a receipt when it gives change for cash tendered', () => {
    const cashSale = a4('TAX INVOICE', ['FISHBALL NOODLE 7.00', 'TOTAL 7.00', 'CASH 10.00', 'CHANGE 3.00']);
    expect(detectDocumentType(buildRows(cashSale), true)).toMatchObject({ type: 'receipt', corroborated: true });
    expect(detectDocumentType(buildRows(a4('Facture F-1', ['Total 7,00', 'Espèces 10,00', 'Rendu 3,00'])), true).type).toBe('receipt');
    // Paid later, or paid without change: an invoice stays one.
    expect(detectDocumentType(buildRows(a4('TAX INVOICE', ['Total 7.00', 'Payment 7.00', 'Balance 0.00'])), true).type).toBe('invoice');
    expect(detectDocumentType(buildRows(a4('TAX INVOICE', ['Total 7.00', 'Change of address 1.00', 'Cash 7.00'])), true).type).toBe(
      'invoice',
    );
    expect(detectDocumentType(buildRows(a4('TAX INVOICE', ['Total 7.00', 'Cash 10.00', 'Change'])), true).type).toBe('invoice');
  });

  it('keeps an invoice titled over its customer block an invoice on a page whose text is narrow and tall', () => {
    const narrow = [
      ...line('Rechnung 7', 40, 40),
      ...line('Beispiel AG', 40, 80),
      ...line('Total 10,00 EUR', 40, 400),
      ...line('IBAN DE89 3704 0044 0532 0130 00', 40, 600),
    ];
    expect(detectDocumentType(buildRows(narrow), true).type).toBe('invoice');
    expect(detectDocumentType(buildRows(narrow), false).type).toBe('receipt');
  });

  it('takes an untitled page naming a customer for an invoice, corroborated only by title and customer together', () => {
    expect(detectDocumentType(buildRows(a4('Seite 1')), true)).toMatchObject({ type: 'invoice', corroborated: false, words: [] });
    expect(detectDocumentType(buildRows(a4('Rechnung 1')), true).corroborated).toBe(true);
    expect(detectDocumentType(buildRows(a4('Rechnung 1')), false).corroborated).toBe(false);
    expect(detectDocumentType([], false).type).toBeNull();
  });
});

describe('required fields by document type', () => {
  it('asks a receipt for vendor, date and total only', () => {
    expect(requiredFieldsFor('receipt')).toEqual(['vendorName', 'issueDate', 'total']);
  });

  it('asks a credit note for no line items, an invoice, another code or no type for the invoice fields', () => {
    expect(requiredFieldsFor('credit_note')).not.toContain('lineItems');
    for (const type of ['invoice', 'proforma', null, undefined]) {
      expect(requiredFieldsFor(type)).toEqual(['invoiceNumber', 'issueDate', 'customerName', 'lineItems', 'total']);
    }
  });
});
