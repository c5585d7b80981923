import { describe, expect, it } from '@jest/globals';
import type { OcrWord } from '@invoice/contracts';
import { buildDocument } from '../document/document.model.js';
import { extractInvoice } from '../invoice.extractor.js';
import { line, page } from '../words.fixture.js';
import { scoreDocument } from './field.scorer.js';
import { SCORER_MODEL } from './scorer.model.js';

/** A German invoice as a text layer gives it: sender block, recipient block, header fields on the right, totals at the bottom. */
function germanInvoice(): OcrWord[] {
  return [
    ...line('Muster Werkzeuge GmbH', 60, 60, { height: 24, charWidth: 14 }),
    ...line('Industriestraße 5', 60, 92),
    ...line('80333 München', 60, 112),
    ...line('Rechnung', 560, 60, { height: 24, charWidth: 14 }),
    ...line('Rechnungsempfänger:', 60, 200),
    ...line('Beispiel Handel AG', 60, 222),
    ...line('Hauptstraße 12', 60, 244),
    ...line('10115 Berlin', 60, 266),
    ...line('Rechnungsnummer:', 520, 200),
    ...line('RE-2024-0815', 700, 200),
    ...line('Rechnungsdatum:', 520, 222),
    ...line('14.03.2024', 700, 222),
    ...line('Fällig am:', 520, 244),
    ...line('13.04.2024', 700, 244),
    ...line('Pos', 60, 400),
    ...line('Beschreibung', 120, 400),
    ...line('Menge', 480, 400),
    ...line('Betrag', 700, 400),
    ...line('1', 60, 424),
    ...line('Schrauben', 120, 424),
    ...line('10', 480, 424),
    ...line('100,00', 700, 424),
    ...line('Nettobetrag', 520, 700),
    ...line('100,00 EUR', 700, 700),
    ...line('MwSt 19 %', 520, 722),
    ...line('19,00 EUR', 700, 722),
    ...line('Gesamtbetrag', 520, 744),
    ...line('119,00 EUR', 700, 744),
    ...line('IBAN DE89 3704 0044 0532 0130 00', 60, 1000, { height: 12, charWidth: 7 }),
  ];
}

describe('field scorer (committed model)', () => {
  it('is a trained model', () => {
    expect(SCORER_MODEL.version).toBeGreaterThan(0);
    expect(SCORER_MODEL.fields.total.model.weights.length).toBe(SCORER_MODEL.featureCount.total);
  });

  it('reads the header fields of a German invoice it has never seen', () => {
    const scored = scoreDocument(buildDocument([page(germanInvoice())]));
    const values = Object.fromEntries(Object.entries(scored).map(([f, s]) => [f, s.value]));
    expect(values).toEqual({
      invoiceNumber: 'RE-2024-0815',
      issueDate: '2024-03-14',
      dueDate: '2024-04-13',
      total: 119,
      subtotal: 100,
      taxAmount: 19,
      currency: 'EUR',
      vendorName: 'Muster Werkzeuge GmbH',
      customerName: 'Beispiel Handel AG',
    });
    for (const s of Object.values(scored)) expect(s.confidence).toBeGreaterThan(0);
  });

  it('gives extractInvoice its values, confidences and words', () => {
    const words = germanInvoice();
    const result = extractInvoice([page(words)]);
    expect([result.invoiceNumber, result.total, result.vendorName]).toEqual(['RE-2024-0815', 119, 'Muster Werkzeuge GmbH']);
    const evidence = result.fieldEvidence.invoiceNumber;
    expect(evidence?.wordIndexes.map((i) => words[i]?.text)).toEqual(['RE-2024-0815']);
    expect(evidence?.confidence).toBeGreaterThan(0.5);
  });

  it('reads dates that read both ways in the order under which the due date follows the issue date', () => {
    const invoice = (issue: string, due: string) => [
      ...line('Stanford Plumbing & Heating', 60, 60, { height: 24, charWidth: 14 }),
      ...line('INVOICE', 600, 60, { height: 24, charWidth: 14 }),
      ...line('BILL TO', 60, 200),
      ...line('Margaret Small', 60, 222),
      ...line('Invoice No:', 480, 200),
      ...line('#INV01699', 640, 200),
      ...line('Invoice Date:', 480, 222),
      ...line(issue, 640, 222),
      ...line('Due Date:', 480, 266),
      ...line(due, 640, 266),
      ...line('TOTAL', 480, 700),
      ...line('$761.17', 640, 700),
    ];
    const dates = (issue: string, due: string) => {
      const scored = scoreDocument(buildDocument([page(invoice(issue, due))]));
      return [scored.issueDate.value, scored.dueDate.value];
    };
    expect(dates('7/9/18', '09/07/18')).toEqual(['2018-07-09', '2018-09-07']);
    expect(dates('9/7/18', '07/09/18')).toEqual(['2018-07-09', '2018-09-07']);
    // A date that reads one way only settles the others: day-first here, so the due date may not be moved.
    expect(dates('13/7/18', '07/09/18')).toEqual(['2018-07-13', '2018-09-07']);
  });
});
