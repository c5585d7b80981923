import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtractedInvoice } from '@invoice/contracts';
import { readEInvoice } from './einvoice.reader.js';
import { toExtractedInvoice } from './einvoice.extracted.js';
import { mergeWithPage } from './einvoice.merge.js';
import { amountSpellings, crossCheckPage, dateSpellings, printedOnPage } from './page.cross-check.js';

const xml = toExtractedInvoice(
  readEInvoice(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '__fixtures__', 'factur-x-en16931.xml'))),
);
const PAGE = `Verger du Midi SARL
FACTURE N° FX-2026-0042   Date : 15/11/2026
Échéance : 15 décembre 2026
Pommes Golden (caisse) 4 12,50 50,00
Total HT 95,00  TVA 11,75  Total TTC 106,75
Acompte 20,00  Net à payer 86,75 €`;

/** A page reading: the fields given, everything else empty, with OCR evidence. */
const pageReading = (fields: Partial<ExtractedInvoice>): ExtractedInvoice =>
  ({
    ...Object.fromEntries(Object.keys(xml).map((k) => [k, null])),
    lineItems: [],
    taxLines: [],
    issues: ['missing:customerName'],
    fieldEvidence: Object.fromEntries(Object.keys(fields).map((k) => [k, { confidence: 0.6, wordIndexes: [1], source: 'ocr' }])),
    lineItemsEvidence: null,
    language: 'fr',
    ...fields,
  }) as ExtractedInvoice;

describe('spellings', () => {
  it('prints amounts in the usual ways', () => {
    expect(amountSpellings(1234.5)).toEqual(expect.arrayContaining(['1,234.50', '1.234,50', '1 234,50', '1234,50', '1234.50', "1'234.50"]));
    expect(amountSpellings(-473)).toEqual(expect.arrayContaining(['473.00', '473,00', '473']));
  });
  it('prints dates in the usual ways', () => {
    expect(dateSpellings('2026-03-05')).toEqual(
      expect.arrayContaining([
        '05.03.2026',
        '5.3.2026',
        '05/03/2026',
        '03/05/2026',
        '2026-03-05',
        '5. märz 2026',
        '5 mars 2026',
        'march 5, 2026',
      ]),
    );
  });
  it('finds a value only where it stands alone', () => {
    expect(printedOnPage('total', 106.75, 'Total 1106,75')).toBe(false);
    expect(printedOnPage('total', 106.75, 'Total: 106,75 EUR')).toBe(true);
    expect(printedOnPage('invoiceNumber', 'FX-2026-0042', 'N° FX-2026-00421')).toBe(false);
    expect(printedOnPage('invoiceNumber', 'FX-2026-0042', 'N° FX - 2026 - 0042')).toBe(true);
    expect(printedOnPage('invoiceNumber', 'RE-20201121/508', 'Invoice # RE-20 201121 /50 8 issued at 20 20-11-21')).toBe(true);
    expect(printedOnPage('invoiceNumber', 'RE-20201121/508', 'Invoice # RE-20 201121 /50 81 issued')).toBe(false);
  });
});

describe('cross-check of the XML with the printed page', () => {
  it('agrees with the page that prints the same invoice', () => {
    expect(crossCheckPage(xml, pageReading({ total: 106.75 }), PAGE)).toEqual([]);
  });

  it.each([
    ['another total printed', PAGE.replace('106,75', '116,75'), { total: 116.75 }, ['total']],
    ['another invoice number printed', PAGE.replace('FX-2026-0042', 'FX-2026-0043'), {}, ['invoiceNumber']],
    ['another issue date printed', PAGE.replace('15/11/2026', '16/11/2026'), {}, ['issueDate']],
    [
      'another due date the page reading found',
      PAGE.replace('15 décembre 2026', '16 décembre 2026'),
      { dueDate: '2026-12-16' },
      ['dueDate'],
    ],
    ['another amount due the page reading found', PAGE.replace('86,75', '96,75'), { amountDue: 96.75 }, ['amountDue']],
  ])('%s is a mismatch', (_name, page, fields, expected) => {
    expect(crossCheckPage(xml, pageReading(fields), page)).toEqual(expected);
  });

  it('a due date simply not printed (and not read) is no mismatch', () => {
    expect(crossCheckPage(xml, pageReading({}), PAGE.replace('Échéance : 15 décembre 2026', ''))).toEqual([]);
  });

  it('a page without text (nothing to compare) gives no mismatch', () => {
    expect(crossCheckPage(xml, null, '')).toEqual([]);
  });
});

describe('mergeWithPage', () => {
  it('takes every XML field, keeps the page where the XML has nothing, and sends a mismatch to review', () => {
    const page = pageReading({
      total: 116.75,
      vendorName: 'Verger du Midi',
      language: 'fr',
      lineItems: [{ description: 'x', quantity: 1, unitPrice: 1, amount: 1 }],
    });
    const merged = mergeWithPage(
      { ...xml, vendorAddress: null, fieldEvidence: { ...xml.fieldEvidence, vendorAddress: undefined } },
      { ...page, vendorAddress: '12 rue des Oliviers' },
      PAGE.replace('106,75', '116,75'),
    );
    expect(merged.total).toBe(106.75);
    expect(merged.fieldEvidence.total?.source).toBe('einvoice');
    expect(merged.vendorName).toBe('Verger du Midi SARL');
    expect(merged.vendorAddress).toBe('12 rue des Oliviers');
    expect(merged.language).toBe('fr');
    expect(merged.lineItems).toEqual(xml.lineItems);
    expect(merged.issues).toEqual(['einvoice_mismatch:total']);
    expect(merged.einvoice?.mismatches).toEqual(['total']);
  });

  it("keeps the page's line items when the XML has none (MINIMUM, BASIC WL)", () => {
    const lines = [{ description: 'Pommes', quantity: 4, unitPrice: 12.5, amount: 50 }];
    const merged = mergeWithPage(
      { ...xml, lineItems: [], lineItemsEvidence: null },
      pageReading({ lineItems: lines, lineItemsEvidence: { confidence: 0.7, wordIndexes: [], source: 'ocr' } }),
      PAGE,
    );
    expect(merged.lineItems).toEqual(lines);
    expect(merged.lineItemsEvidence?.source).toBe('ocr');
    expect(merged.issues).toEqual([]);
  });
});
