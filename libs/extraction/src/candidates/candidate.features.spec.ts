import { describe, expect, it } from '@jest/globals';
import { buildDocument } from '../document/document.model.js';
import { line, page } from '../words.fixture.js';
import { buildCandidates } from './candidate.builder.js';
import { ENDS_IN_LEGAL_FORM, KEY_VALUE, boundsPeriod } from './candidate.features.js';
import { dateSpans } from './value.shapes.js';

/** The feature vector of a field's candidate of a value (the name features are the vector's last ones). */
function featuresOf(words: Parameters<typeof page>[0], field: 'vendorName' | 'issueDate', value: string): number[] {
  const candidate = buildCandidates(buildDocument([page(words)]))[field].find((c) => c.value === value);
  if (!candidate) throw new Error(`no candidate ${value}`);
  return candidate.features;
}

describe('name features', () => {
  const words = [
    ...line('Verkäufer:', 60, 100),
    ...line('Nummer : 549910', 60, 122),
    ...line('Globale Nummer: 4333741000005 (GTIN)', 60, 144),
    ...line('MUSTER-Autovermietung', 60, 166),
    ...line('Musterstr. 99', 60, 188),
  ];

  it('marks the first name-like line under a vendor label, past the "label: value" lines between them', () => {
    // [.. legal form end, key-value, only labels, first under vendor label, first under customer label, joined, small
    // first letter, small initials, under a return address]
    expect(featuresOf(words, 'vendorName', 'MUSTER-Autovermietung').slice(-9, -1)).toEqual([0, 0, 0, 1, 0, 0, 0, 0]);
    expect(featuresOf(words, 'vendorName', 'Musterstr. 99').slice(-6, -5)).toEqual([0]);
  });

  it('marks "label: value" lines and names ending in a legal form', () => {
    expect(
      featuresOf([...words, ...line('Sachbearbeiter: Max Muster', 60, 210)], 'vendorName', 'Sachbearbeiter: Max Muster').slice(-8, -7),
    ).toEqual([1]);
    // A line that starts with a label and its colon is no name itself: only what follows the label is.
    expect(() => featuresOf(words, 'vendorName', 'Globale Nummer: 4333741000005 (GTIN)')).toThrow('no candidate');
    // What follows it is marked as read from a "label: value" line.
    expect(featuresOf(words, 'vendorName', '4333741000005 (GTIN)').slice(-8, -7)).toEqual([1]);
    expect(KEY_VALUE.test('COMPANY NO : SA0099552-P')).toBe(true);
    expect(KEY_VALUE.test('Muster GmbH')).toBe(false);
    for (const name of ['Muster GmbH', 'Rest SDN BHD', 'Acme Ltd.', 'Versicherungsverein a.G.', 'Dupont S.A.'])
      expect(ENDS_IN_LEGAL_FORM.test(name)).toBe(true);
    for (const name of ['Rohstoff AG Salzgitter', 'Physiotherapeutin']) expect(ENDS_IN_LEGAL_FORM.test(name)).toBe(false);
  });

  it('marks a name with prices beside it on its row: an item description', () => {
    // The first of the 20 name features.
    const items = [
      ...line('Harbor & Hill', 60, 60),
      ...line('Ground coffee', 60, 300),
      ...line('12 x 3.50', 400, 300),
      ...line('42.00', 600, 300),
    ];
    expect(featuresOf(items, 'vendorName', 'Ground coffee').at(-20)).toBe(1);
    expect(featuresOf(items, 'vendorName', 'Harbor & Hill').at(-20)).toBe(0);
  });

  it('marks values that start with a small letter, and the share of words that do', () => {
    const sentence = [...line('Notes franco de port', 60, 100), ...line('payable par virement sur le compte', 60, 122)];
    expect(featuresOf(sentence, 'vendorName', 'payable par virement sur le compte').slice(-3, -1)).toEqual([1, 1]);
    expect(featuresOf(sentence, 'vendorName', 'Notes franco de port').slice(-3, -1)).toEqual([0, 0.75]);
  });

  it("marks the address window's first line under a one-line return address, alone", () => {
    const window = [
      ...line('Bei Spiel GmbH ● Ecke 12 ● 12345 Stadthausen', 60, 200, { height: 10, charWidth: 6 }),
      ...line('Theodor Est', 60, 214),
      ...line('Bahnstr. 42', 60, 236),
    ];
    expect(featuresOf(window, 'vendorName', 'Theodor Est').at(-1)).toBe(1);
    expect(featuresOf(window, 'vendorName', 'Theodor Est Bahnstr. 42').at(-1)).toBe(0);
    expect(featuresOf(window, 'vendorName', 'Bahnstr. 42').at(-1)).toBe(0);
  });
});

describe('date features', () => {
  it('marks a date on the line of the invoice number label however far after it', () => {
    const words = [...line('Version 2.1 vom 24.03.2020', 60, 60), ...line('Rechnung Nr. TX-471102 vom 30.10.2019', 60, 200)];
    // [.. after the invoice number's label on its line, bounds a period]
    expect(featuresOf(words, 'issueDate', '2019-10-30').slice(-2)).toEqual([1, 0]);
    expect(featuresOf(words, 'issueDate', '2020-03-24').slice(-2)).toEqual([0, 0]);
  });
});

describe('period bounds', () => {
  /** For each date of a one-line page: whether it opens or closes a period. */
  const bounds = (text: string): boolean[] => {
    const [docLine] = buildDocument([page(line(text, 60, 100))]).lines;
    if (!docLine) throw new Error('no line');
    return dateSpans(docLine.words).map((span) => boundsPeriod(docLine, span));
  };

  it('marks the dates that open or close a period, in several languages', () => {
    expect(bounds('für den Zeitraum vom 06.12.2013 bis zum 06.12.2014')).toEqual([true, true]);
    expect(bounds('Leistungs-Datum : 01.09.13 - 30.09.13')).toEqual([true, true]);
    expect(bounds('Période du 01/03/2024 au 31/03/2024')).toEqual([true, true]);
    expect(bounds('Service period 1 March 2024 through 31 March 2024')).toEqual([true, true]);
  });

  it("is the date candidates' last feature", () => {
    const words = [...line('Rechnungsdatum 24.01.2014', 60, 60), ...line('Zeitraum vom 06.12.2013 bis zum 06.12.2014', 60, 100)];
    expect(featuresOf(words, 'issueDate', '2013-12-06').at(-1)).toBe(1);
    expect(featuresOf(words, 'issueDate', '2014-01-24').at(-1)).toBe(0);
  });

  it('leaves alone dates that stand apart, even on one line', () => {
    expect(bounds('Rechnungsdatum 24.01.2014')).toEqual([false]);
    expect(bounds('Datum 05.03.2020 Lieferdatum 06.03.2020')).toEqual([false, false]);
    expect(bounds('Invoice date 05.03.2020 due 04.04.2020')).toEqual([false, false]);
  });
});
