import { describe, expect, it } from '@jest/globals';
import type { OcrWord } from '@invoice/contracts';
import { extractByRules } from '../fields.extractor.js';
import { extractInvoice } from '../invoice.extractor.js';
import { agreedConfidence, mergeTemplateValues, templateVerdict } from './template.merge.js';
import { learnFromPage, learnTemplate } from './template.learn.js';
import { layoutTokens, matchTemplate, templateMatchScore, vendorKey } from './template.match.js';
import { applyTemplate } from './template.read.js';
import type { VendorTemplate } from './template.types.js';
import { parseTemplateValue, typedMatches } from './template.values.js';
import { line, page, shuffled } from '../words.fixture.js';

interface Values {
  number: string;
  shipped: string;
  dated: string;
  client: string;
  street: string;
  total: string;
  items: [string, string][];
}

const A: Values = {
  number: 'NW-2024-0042',
  shipped: '03/02/2024',
  dated: '05/02/2024',
  client: 'Jane Smith',
  street: '14 Elm Street',
  total: '20.00',
  items: [['Blue widgets', '2 x  10.00 Euro']],
};
const B: Values = {
  number: 'NW-2024-0107',
  shipped: '11/03/2024',
  dated: '14/03/2024',
  client: 'Olivier Martin',
  street: '3 Quay Lane',
  total: '331.50',
  items: [
    ['Paper reams', '3 x 100.50 Euro'],
    ['Stapler', '1 x  30.00 Euro'],
  ],
};
const C: Values = {
  number: 'NW-2024-0230',
  shipped: '20/05/2024',
  dated: '22/05/2024',
  client: 'Ana Costa',
  street: '9 Mill Road',
  total: '45.00',
  items: [['Ink cartridge', '3 x  15.00 Euro']],
};

/**
 * A vendor layout the generic extraction does not know: labels in a left column ("Reference", "Dated",
 * "Amount payable"), values in a right column, a shipping date printed before the invoice date, the
 * customer under a "Customer" heading. `dy` shifts the whole page (another scan), `scale` resizes it.
 */
function northwind(v: Values, options: { dy?: number; scale?: number } = {}): OcrWord[] {
  const dy = options.dy ?? 0;
  const words = [
    ...line('NORTHWIND TRADING LTD', 60, 40 + dy, { height: 24, charWidth: 16 }),
    ...line('12 Harbour Road, Leeds', 60, 75 + dy),
    ...line('Reference', 60, 130 + dy),
    ...line(v.number, 300, 130 + dy),
    ...line('Shipped', 60, 160 + dy),
    ...line(v.shipped, 300, 160 + dy),
    ...line('Dated', 60, 190 + dy),
    ...line(v.dated, 300, 190 + dy),
    ...line('Customer', 60, 240 + dy),
    ...line(v.client, 60, 265 + dy),
    ...line(v.street, 60, 290 + dy),
    ...v.items.flatMap(([description, column], i) => [
      ...line(description, 60, 360 + 40 * i + dy),
      ...line(column, 600, 360 + 40 * i + dy),
    ]),
    ...line('Amount payable', 400, 360 + 40 * v.items.length + 30 + dy),
    ...line(`${v.total} Euro`, 640, 360 + 40 * v.items.length + 30 + dy),
    ...line('Thank you for your business', 60, 700 + dy),
  ];
  const s = options.scale ?? 1;
  return s === 1
    ? words
    : words.map((w) => ({ ...w, bbox: { x0: w.bbox.x0 * s, y0: w.bbox.y0 * s, x1: w.bbox.x1 * s, y1: w.bbox.y1 * s } }));
}

const truthOf = (v: Values) => {
  const [d, m, y] = v.dated.split('/');
  return {
    invoiceNumber: v.number,
    issueDate: `${y}-${m}-${d}`,
    customerName: v.client,
    customerAddressLine1: v.street,
    total: Number(v.total),
  };
};

/** Another vendor, other labels. */
function otherVendor(): OcrWord[] {
  return [
    ...line('ACME OFFICE SUPPLIES', 60, 40, { height: 24, charWidth: 16 }),
    ...line('Invoice no 77-1', 60, 120),
    ...line('Bill to Sarah Smith', 60, 150),
    ...line('Pens', 60, 300),
    ...line('4 x  2.50 Euro', 640, 300),
    ...line('TOTAL 10.00 Euro', 600, 360),
  ];
}

describe('the generic extraction on this layout', () => {
  it('by rules misses the number, the customer and the total, and takes the shipping date for the issue date', () => {
    const x = extractByRules([page(northwind(A))]);
    expect(x).toMatchObject({ invoiceNumber: null, customerName: null, total: null, issueDate: '2024-02-03' });
  });

  it('with the scorer reads the number, the customer and the total, and still takes the shipping date', () => {
    const x = extractInvoice([page(northwind(A))]);
    expect(x).toMatchObject({ invoiceNumber: 'NW-2024-0042', customerName: 'Jane Smith', total: 20, issueDate: '2024-02-03' });
  });
});

describe('learnTemplate', () => {
  it('records the label before each corrected value, on its row or above it, and where the value sits', () => {
    const t = learnTemplate(northwind(A), truthOf(A));
    expect(t.examples).toBe(1);
    expect(t.fields.invoiceNumber?.observations[0]).toMatchObject({
      label: 'reference',
      labelText: 'Reference',
      relation: 'right',
      count: 1,
    });
    expect(t.fields.issueDate?.observations[0]).toMatchObject({ label: 'dated', relation: 'right' });
    expect(t.fields.total?.observations[0]).toMatchObject({ label: 'amountpayable', relation: 'right' });
    expect(t.fields.customerName?.observations[0]).toMatchObject({ label: 'customer', relation: 'below' });
    expect(t.fields.customerName?.observations[0]?.dy).toBeCloseTo(25 / 16, 1);
    // The street is anchored on the heading two rows up, not on the customer's name right above it (a corrected value).
    expect(t.fields.customerAddressLine1?.observations[0]).toMatchObject({ label: 'customer', relation: 'below' });
    expect(t.fields.customerAddressLine1?.observations[0]?.dy).toBeCloseTo(50 / 16, 1);
    const box = t.fields.invoiceNumber?.observations[0]?.valueBox;
    expect(box?.x0).toBeGreaterThan(0.3);
    expect(box?.y0).toBeLessThan(0.2);
  });

  it('takes the total under the item lines when an item line carries the same amount', () => {
    const single = northwind({ ...A, items: [['Blue widgets', '1 x  20.00 Euro']] });
    expect(learnTemplate(single, { total: 20 }).fields.total?.observations[0]).toMatchObject({ label: 'amountpayable' });
  });

  it('on a receipt, takes the amount after "TOTAL" over the cash line below it, and skips the currency before the amount', () => {
    const receipt = [
      ...line('99 SPEED MART S/B', 60, 20),
      ...line('Mineral water 2 x 10.00', 60, 80),
      ...line('TOTAL', 60, 120),
      ...line('RM 20.00', 300, 120),
      ...line('CASH RM 20.00', 60, 150),
      ...line('CHANGE RM 0.00', 60, 180),
    ];
    expect(learnTemplate(receipt, { total: 20 }).fields.total?.observations[0]).toMatchObject({ label: 'total', relation: 'right' });
  });

  it('skips fields whose value is not printed, and fields it does not know', () => {
    const t = learnTemplate(northwind(A), { invoiceNumber: 'XX-404', total: 20, lineItems: [], customerId: '12' });
    expect(Object.keys(t.fields)).toEqual(['total']);
  });

  it('merges examples: the same label and place count up, and the fingerprint counts tokens per example, not the values a person gave', () => {
    const one = learnTemplate(northwind(A), truthOf(A));
    const two = learnTemplate(northwind(B, { dy: 12 }), truthOf(B), one);
    expect(two.examples).toBe(2);
    expect(two.fields.issueDate?.observations).toHaveLength(1);
    expect(two.fields.issueDate?.observations[0]?.count).toBe(2);
    expect(two.tokens.northwind).toBe(2);
    // The customer's name the person gave changes from one invoice to the next: it is no token of the layout.
    expect(two.tokens.jane).toBeUndefined();
    expect(learnTemplate(northwind(A), {}).tokens.jane).toBe(1);
    // The input template is not changed.
    expect(one.examples).toBe(1);
    expect(one.fields.issueDate?.observations[0]?.count).toBe(1);
  });

  it('counts a document once: corrected again, it adds no example; a new field of it is still learned', () => {
    const one = learnTemplate(northwind(A), { total: 20 }, null, 'doc-a');
    const again = learnFromPage(northwind(A), { total: 20 }, one, 'doc-a');
    expect(again.learned).toEqual([]);
    expect(again.template.examples).toBe(1);
    expect(again.template.fields.total?.observations[0]?.count).toBe(1);
    expect(again.template.tokens.northwind).toBe(1);
    const more = learnFromPage(northwind(A), { total: 20, invoiceNumber: A.number }, one, 'doc-a');
    expect(more.learned).toEqual(['invoiceNumber']);
    expect(more.template.examples).toBe(1);
    const other = learnFromPage(northwind(B), truthOf(B), more.template, 'doc-b');
    expect(other.template.examples).toBe(2);
    expect(other.template.fields.total?.observations[0]?.count).toBe(2);
    expect(other.template.sources).toEqual(['doc-a', 'doc-b']);
  });

  it('keeps a second way of finding a field when an example prints it elsewhere', () => {
    const one = learnTemplate(northwind(A), truthOf(A));
    const moved = [...northwind(B).filter((w) => w.text !== 'Reference'), ...line('Ref', 60, 130)];
    const two = learnTemplate(moved, truthOf(B), one);
    expect(two.fields.invoiceNumber?.observations.map((o) => [o.label, o.count])).toEqual([
      ['reference', 1],
      ['ref', 1],
    ]);
  });
});

describe('applyTemplate', () => {
  /** A title line carrying the number and the date ("Rechnung Nr 471102 vom 05.03.2018"), the customer after "Facturé à". */
  const titled = (number: string, date: string, client: string): OcrWord[] => [
    ...line('MUSTERHAUS GMBH', 60, 40, { height: 24, charWidth: 16 }),
    ...line(`Rechnung Nr ${number} vom ${date}`, 60, 130),
    ...line(`Facturé à ${client}`, 60, 170),
    ...line('Codelisten-Version 3.0 vom 15.11.2019', 60, 700),
  ];

  it('reads the value where the examples had it among the words after the label: its words, not the rest of the line', () => {
    const t = learnTemplate(titled('471102', '05.03.2018', 'Jane Smith'), {
      invoiceNumber: '471102',
      issueDate: '2018-03-05',
      customerName: 'Jane Smith',
    });
    expect(t.fields.invoiceNumber!.observations[0]).toMatchObject({ skip: 0, length: 1 });
    const values = applyTemplate(t, titled('R18-31', '03.10.2018', 'Olivier Martin'));
    expect(values.invoiceNumber).toMatchObject({ value: 'R18-31', via: 'label', near: true, misses: 0, observation: 0 });
    expect(values.issueDate).toMatchObject({ value: '2018-10-03', via: 'label', near: true, misses: 0, observation: 0 });
    // "Facturé à" is the label, not "Facturé" (one letter off): the name starts after "à".
    expect(values.customerName?.value).toBe('Olivier Martin');
  });

  it('counts how often each learned way read right on the invoices a person checked, and drops one wrong more often than right', () => {
    const first = learnTemplate(titled('471102', '05.03.2018', 'Jane Smith'), { invoiceNumber: '471102', issueDate: '2018-03-05' });
    const second = learnFromPage(
      titled('471103', '06.03.2018', 'Jane Smith'),
      { invoiceNumber: '471103', issueDate: '2018-03-06' },
      first,
      'b',
    );
    expect(second.template.fields.issueDate!.observations[0]).toMatchObject({ hits: 1, count: 2 });
    // On this one the person says the issue date is another one: the date after "vom" was wrong.
    const third = learnFromPage(
      titled('471104', '07.03.2018', 'Jane Smith'),
      { invoiceNumber: '471104', issueDate: '2018-03-01' },
      second.template,
      'c',
    );
    expect(third.template.fields.issueDate!.observations[0]).toMatchObject({ hits: 1, misses: 1 });
    expect(third.template.fields.invoiceNumber!.observations[0]).toMatchObject({ hits: 2 });
    const fourth = learnFromPage(titled('471105', '08.03.2018', 'Jane Smith'), { issueDate: '2018-03-01' }, third.template, 'd');
    const read = applyTemplate(fourth.template, titled('471106', '09.03.2018', 'Jane Smith'));
    expect(read.issueDate?.value).not.toBe('2018-03-09');
    expect(read.invoiceNumber).toMatchObject({ value: '471106', misses: 0 });
  });

  it('scores every learned way on a checked invoice, so a way wrong once earns its trust back', () => {
    // Learned from one invoice; on the next, the person gives another date: the way is wrong more often than right.
    const first = learnTemplate(titled('471102', '05.03.2018', 'Jane Smith'), { issueDate: '2018-03-05' });
    let { template } = learnFromPage(titled('471103', '06.03.2018', 'Jane Smith'), { issueDate: '2018-03-01' }, first, 'b');
    expect(template.fields.issueDate!.observations[0]).toMatchObject({ misses: 1 });
    expect(template.fields.issueDate!.observations[0]!.hits ?? 0).toBe(0);
    expect(applyTemplate(template, titled('471104', '07.03.2018', 'Jane Smith')).issueDate).toBeUndefined();
    // The way is skipped when reading, but still scored on the invoices people check: right on the next ones.
    for (const [id, day] of [
      ['c', '07'],
      ['d', '08'],
    ] as const)
      ({ template } = learnFromPage(titled(`4711${day}`, `${day}.03.2018`, 'Jane Smith'), { issueDate: `2018-03-${day}` }, template, id));
    expect(template.fields.issueDate!.observations[0]).toMatchObject({ hits: 2, misses: 1 });
    const read = applyTemplate(template, titled('471109', '09.03.2018', 'Jane Smith')).issueDate!;
    expect(read).toMatchObject({ value: '2018-03-09', hits: 2, misses: 1 });
    // Believed as often as it read right (two of three, one more wrong counted: 2/4) times its words' 0.9, and no witness yet.
    expect(read.confidence).toBeCloseTo(0.45, 3);
    expect(templateVerdict('2018-03-09', read, false)).toBe('keep');
  });

  it('passes over a value the way read wrong before: a date the layout prints after the same label on every invoice', () => {
    // A version line right above where the title used to be; the title with its date further down.
    const shifted = (number: string, date: string): OcrWord[] => [
      ...line('MUSTERHAUS GMBH', 60, 40, { height: 24, charWidth: 16 }),
      ...line('Codelisten-Version 3.0 vom 15.11.2019', 60, 110),
      ...line(`Rechnungskorrektur zur Rechnung Nr ${number} vom ${date}`, 60, 400),
      ...line('Thank you', 60, 700),
    ];
    const first = learnTemplate(titled('471102', '05.03.2018', 'Jane Smith'), { issueDate: '2018-03-05' });
    const second = learnFromPage(titled('471103', '06.03.2018', 'Jane Smith'), { issueDate: '2018-03-06' }, first, 'b').template;
    expect(applyTemplate(second, shifted('471104', '07.03.2018')).issueDate?.value).toBe('2019-11-15');
    // A person checks that invoice: the version line's date was wrong, and is remembered.
    const third = learnFromPage(shifted('471104', '07.03.2018'), { issueDate: '2018-03-07' }, second, 'c').template;
    expect(third.fields.issueDate!.observations.find((o) => o.label === 'vom')).toMatchObject({
      hits: 1,
      misses: 1,
      wrong: ['2019-11-15'],
    });
    const read = applyTemplate(third, shifted('471105', '08.03.2018')).issueDate;
    expect(read?.value).toBe('2018-03-08');
  });

  it('remembers the values a way read wrong, and tries the way with the best record first', () => {
    const first = learnTemplate(titled('471102', '05.03.2018', 'Jane Smith'), { issueDate: '2018-03-05' });
    // The person says the date of this invoice is the version line's: a second way is learned, the first read wrong.
    const { template } = learnFromPage(
      [...titled('471103', '06.03.2018', 'Jane Smith'), ...line('Leistungsdatum 01.03.2018', 60, 600)],
      { issueDate: '2018-03-01' },
      first,
      'b',
    );
    const [vom, leistung] = template.fields.issueDate!.observations;
    expect(vom).toMatchObject({ label: 'vom', misses: 1, wrong: ['2018-03-06'] });
    expect(leistung).toMatchObject({ labelText: 'Leistungsdatum', count: 1 });
    leistung!.hits = 3;
    vom!.hits = 4;
    vom!.misses = 1;
    // 'vom' has more examples, 'Leistungsdatum' the better record (3 of 3 against 4 of 5): it is read first.
    const next = [...titled('471104', '07.03.2018', 'Jane Smith'), ...line('Leistungsdatum 02.03.2018', 60, 600)];
    expect(applyTemplate(template, next).issueDate).toMatchObject({ value: '2018-03-02', observation: 1 });
  });

  it('reads an identifier OCR split in two, and a shorter one, by its learned count of letters and digits', () => {
    const t = learnTemplate(titled('FAC_2022_3093', '05.03.2018', 'Jane Smith'), { invoiceNumber: 'FAC_2022_3093' });
    expect(applyTemplate(t, titled('FAC_2022 3094', '06.03.2018', 'Jane Smith')).invoiceNumber?.value).toBe('FAC_2022_3094');
    const long = learnTemplate(titled('1000 A', '05.03.2018', 'Jane Smith'), { invoiceNumber: '1000 A' });
    expect(long.fields.invoiceNumber!.observations[0]).toMatchObject({ length: 2, chars: 5 });
    expect(applyTemplate(long, titled('999', '06.03.2018', 'Jane Smith')).invoiceNumber?.value).toBe('999');
  });

  it('tells a value found far from where the examples had it (a label printed twice)', () => {
    const t = learnTemplate(titled('471102', '05.03.2018', 'Jane Smith'), { issueDate: '2018-03-05' });
    const moved = titled('471103', 'soon', 'Jane Smith');
    expect(applyTemplate(t, moved).issueDate).toMatchObject({ value: '2019-11-15', near: false });
  });

  it('reads the next invoice of the layout after the learned labels, with the words used', () => {
    const t = learnTemplate(northwind(A), truthOf(A));
    const words = shuffled(northwind(B, { dy: 15 }));
    const values = applyTemplate(t, words);
    expect(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.value]))).toEqual(truthOf(B));
    const number = values.invoiceNumber!;
    expect(number.via).toBe('label');
    expect(number.examples).toBe(1);
    expect(number.wordIndexes.map((i) => words[i]?.text)).toEqual(['NW-2024-0107']);
    expect(number.confidence).toBeGreaterThan(0);
    expect(number.confidence).toBeLessThanOrEqual(1);
  });

  it('works on a scan of another size (positions are relative to the text block)', () => {
    const t = learnTemplate(northwind(A), truthOf(A));
    const values = applyTemplate(t, northwind(C, { scale: 2.5 }));
    expect(values.total?.value).toBe(45);
    expect(values.issueDate?.value).toBe('2024-05-22');
    expect(values.customerName?.value).toBe('Ana Costa');
  });

  it('falls back to the learned position when the label is not read, with a lower confidence', () => {
    const t = learnTemplate(northwind(A), truthOf(A));
    const withLabel = applyTemplate(t, northwind(B));
    const noLabel = applyTemplate(
      t,
      northwind(B).filter((w) => w.text !== 'Reference'),
    );
    expect(noLabel.invoiceNumber).toMatchObject({ value: 'NW-2024-0107', via: 'position' });
    expect(noLabel.invoiceNumber!.confidence).toBeLessThan(withLabel.invoiceNumber!.confidence);
  });

  it('gains confidence with agreeing examples', () => {
    const one = learnTemplate(northwind(A), truthOf(A));
    const two = learnTemplate(northwind(B), truthOf(B), one);
    expect(applyTemplate(two, northwind(C)).total!.confidence).toBeGreaterThan(applyTemplate(one, northwind(C)).total!.confidence);
    expect(applyTemplate(two, northwind(C)).total!.examples).toBe(2);
  });

  it('gives nothing for a value that does not parse where the template expects it', () => {
    const t = learnTemplate(northwind(A), truthOf(A));
    const words = northwind({ ...B, total: 'pending' });
    expect(applyTemplate(t, words).total).toBeUndefined();
  });
});

describe("the vendor's typed name and address", () => {
  const withVendor = (name: string, street: string) =>
    northwind(B).map((w) => (w.text === 'NORTHWIND' ? { ...w, text: name } : w.text === 'Harbour' ? { ...w, text: street } : w));
  const typed = { ...truthOf(A), vendorName: 'NORTHWIND TRADING LTD', vendorAddress: '12 Harbour Road, Leeds' };

  it('gives the text a person typed where the next page reads it with OCR slips, the same digits', () => {
    const template = learnTemplate(northwind(A), typed);
    const misread = applyTemplate(template, withVendor('N0RTHW1ND', 'Harbovr'));
    expect(misread.vendorName).toMatchObject({ value: 'NORTHWIND TRADING LTD', typed: true });
    expect(misread.vendorAddress).toMatchObject({ value: '12 Harbour Road, Leeds', typed: true });
    // One example: 0.9, under the general review threshold; a second agreeing example makes it 1.
    expect(misread.vendorName?.confidence).toBe(0.9);
    const twice = learnTemplate(northwind(B), typed, template);
    expect(applyTemplate(twice, withVendor('N0RTHW1ND', 'Harbour')).vendorName?.confidence).toBe(1);
  });

  it("replaces the extraction's misreading with it, and confirms a right reading", () => {
    const template = learnTemplate(northwind(A), typed);
    const words = withVendor('NORTHWlND', 'Harbour');
    const values = applyTemplate(template, words);
    const extracted = { ...extractByRules([page(words)]), vendorName: 'NORTHWlND TRADING LTD' };
    expect(templateVerdict(extracted.vendorName, values.vendorName!, false)).toBe('replace');
    expect(mergeTemplateValues(extracted, values).invoice.vendorName).toBe('NORTHWIND TRADING LTD');
    expect(templateVerdict('NORTHWIND TRADING LTD', values.vendorName!, false)).toBe('confirm');
  });

  it("reads as printed a text whose digits differ (another branch's address), or far from the typed one", () => {
    const template = learnTemplate(northwind(A), typed);
    const branch = applyTemplate(
      template,
      northwind(B).map((w) => (w.text === '12' && w.bbox.y0 === 75 ? { ...w, text: '14' } : w)),
    );
    expect(branch.vendorAddress?.value).not.toBe('12 Harbour Road, Leeds');
    expect(branch.vendorAddress?.typed).toBeUndefined();
    expect(typedMatches('14 Harbour Road, Leeds', '12 Harbour Road, Leeds')).toBe(false);
    expect(typedMatches('12 Harbovr Road, Leeds', '12 Harbour Road, Leeds')).toBe(true);
    expect(applyTemplate(template, withVendor('SOUTHWIND', 'Harbour')).vendorName?.value).not.toBe('NORTHWIND TRADING LTD');
  });
});

describe('vendor identity', () => {
  it('matches later pages of the same layout, not another vendor', () => {
    const template: VendorTemplate = learnTemplate(northwind(A), truthOf(A));
    expect(templateMatchScore(template, northwind(C))).toBeGreaterThan(0.7);
    expect(templateMatchScore(template, otherVendor())).toBeLessThan(0.3);
    const other = { key: 'other', template: learnTemplate(otherVendor(), { invoiceNumber: '77-1', total: 10 }) };
    const mine = { key: 'mine', template };
    expect(matchTemplate([other, mine], northwind(C))?.match.key).toBe('mine');
    expect(matchTemplate([other, mine], otherVendor())?.match.key).toBe('other');
    expect(matchTemplate([mine], line('Something else entirely', 10, 10))).toBeNull();
  });

  it('survives an OCR error in the vendor name and a label', () => {
    const template = learnTemplate(northwind(A), truthOf(A));
    const misread = northwind(C).map((w) =>
      w.text === 'NORTHWIND' ? { ...w, text: 'N0RTHWIND' } : w.text === 'Reference' ? { ...w, text: 'Referense' } : w,
    );
    expect(templateMatchScore(template, misread)).toBeGreaterThan(0.6);
    expect(applyTemplate(template, misread).invoiceNumber?.value).toBe('NW-2024-0230');
  });

  it('layoutTokens keeps the alphabetic words of the header; vendorKey is stable for the same page', () => {
    expect(layoutTokens(line('Total: 12.00 Euro N0 de TVA Référence', 0, 0))).toEqual(['euro', 'reference', 'total', 'tva']);
    const tokens = layoutTokens(northwind(A));
    expect(tokens).toEqual(expect.arrayContaining(['northwind', 'harbour', 'reference', 'dated']));
    expect(tokens).not.toContain('thank'); // the footer is not the vendor's signature
    expect(vendorKey(northwind(A))).toBe(vendorKey(shuffled(northwind(A))));
    expect(vendorKey(northwind(A))).toMatch(/^layout:[0-9a-f]{16}$/);
    expect(vendorKey(northwind(A))).not.toBe(vendorKey(otherVendor()));
  });
});

describe('parseTemplateValue', () => {
  it('parses each kind', () => {
    expect(parseTemplateValue('amount', '1 472,19 EUR')).toBe(1472.19);
    expect(parseTemplateValue('amount', 'Qty 3 total 45.00')).toBe(45);
    expect(parseTemplateValue('date', '05/02/2024')).toBe('2024-02-05');
    expect(parseTemplateValue('identifier', ': NW 2024 0042')).toBe('NW_2024_0042');
    expect(parseTemplateValue('identifier', 'pending')).toBeNull();
    expect(parseTemplateValue('email', 'jane. smith@example.com')).toBe('jane.smith@example.com');
    expect(parseTemplateValue('text', ': Jane Smith,')).toBe('Jane Smith');
    expect(parseTemplateValue('text', '12.00')).toBeNull();
  });
});

describe('mergeTemplateValues', () => {
  it('fills what the extraction missed and recomputes the checks', () => {
    const extracted = extractByRules([page(northwind(B))]);
    expect(extracted.issues).toEqual(expect.arrayContaining(['missing:invoiceNumber', 'missing:customerName', 'missing:total']));
    const t = learnTemplate(northwind(A), truthOf(A));
    const { invoice, templateFields } = mergeTemplateValues(extracted, applyTemplate(t, northwind(B)));
    expect(invoice).toMatchObject({ invoiceNumber: 'NW-2024-0107', customerName: 'Olivier Martin', total: 331.5 });
    expect(templateFields).toEqual(expect.arrayContaining(['invoiceNumber', 'customerName', 'total', 'customerAddressLine1']));
    // One example does not overrule a date the extraction read without complaint.
    expect(templateFields).not.toContain('issueDate');
    expect(invoice.issueDate).toBe('2024-03-11');
    // ... but the disagreement sends the invoice to review.
    expect(invoice.issues).toEqual(['template_mismatch:issueDate']);
    expect(extracted.invoiceNumber).toBeNull();
    // The filled fields carry the template's evidence: its words, a confidence, source 'template'.
    const values = applyTemplate(t, northwind(B));
    for (const field of ['invoiceNumber', 'customerName', 'total'] as const) {
      expect(invoice.fieldEvidence[field]).toMatchObject({ source: 'template', wordIndexes: values[field]!.wordIndexes });
      expect(invoice.fieldEvidence[field]!.confidence).toBeGreaterThan(0);
      expect(invoice.fieldEvidence[field]!.confidence).toBeLessThanOrEqual(1);
    }
    expect(extracted.fieldEvidence.invoiceNumber).toBeUndefined();
  });

  it('prefers the template over a value the extraction read once two examples agree', () => {
    const t = learnTemplate(northwind(B), truthOf(B), learnTemplate(northwind(A), truthOf(A)));
    const { invoice, templateFields } = mergeTemplateValues(extractInvoice([page(northwind(C))]), applyTemplate(t, northwind(C)));
    expect(invoice.issueDate).toBe('2024-05-22');
    expect(templateFields).toContain('issueDate');
    expect(invoice.issues).toEqual([]);
  });

  it('confirms a value the extraction read where the template found it after its label, both readings agreeing; by position it does not', () => {
    const extracted = extractByRules([page(northwind(B))]);
    const own = extracted.fieldEvidence.issueDate!.confidence;
    const agree = (examples: number, via: 'label' | 'position') => ({
      issueDate: {
        value: extracted.issueDate as string,
        wordIndexes: [3],
        confidence: 0.9,
        examples,
        via,
        near: true,
        hits: 0,
        misses: 0,
        observation: 0,
      },
    });
    for (const examples of [1, 2]) {
      const merged = mergeTemplateValues(extracted, agree(examples, 'label'));
      expect(merged.templateFields).toEqual(['issueDate']);
      expect(merged.invoice.fieldEvidence.issueDate).toMatchObject({ source: 'template', wordIndexes: [3] });
      expect(merged.invoice.fieldEvidence.issueDate!.confidence).toBe(agreedConfidence(own, 0.9));
    }
    expect(mergeTemplateValues(extracted, agree(2, 'position')).templateFields).toEqual([]);
  });

  it("does not count one OCR reading of the same words twice: only a text layer's words, or a typed text, confirm", () => {
    const words = northwind(B);
    const extracted = extractByRules([page(words)]);
    const own = extracted.fieldEvidence.issueDate!.wordIndexes;
    const found = {
      issueDate: {
        value: extracted.issueDate as string,
        wordIndexes: own,
        confidence: 0.9,
        examples: 2,
        via: 'label' as const,
        near: true,
        hits: 0,
        misses: 0,
        observation: 0,
      },
    };
    // OCR words (confidence 90): one reading; the value keeps its evidence.
    const ocr = mergeTemplateValues(extracted, found, { words });
    expect(ocr.templateFields).toEqual([]);
    expect(ocr.invoice.fieldEvidence.issueDate).toEqual(extracted.fieldEvidence.issueDate);
    // The same words from a text layer (exact), or another place's words: two readings agree.
    const exact = words.map((w) => ({ ...w, confidence: 100 }));
    expect(mergeTemplateValues(extracted, found, { words: exact }).templateFields).toEqual(['issueDate']);
    expect(mergeTemplateValues(extracted, { issueDate: { ...found.issueDate, wordIndexes: [0] } }, { words }).templateFields).toEqual([
      'issueDate',
    ]);
    expect(mergeTemplateValues(extracted, { issueDate: { ...found.issueDate, typed: true } }, { words }).templateFields).toEqual([
      'issueDate',
    ]);
    // A total the lines add up to: the sum vouches for its digits, the same OCR words or not.
    const summed = {
      ...extracted,
      total: 331.5,
      lineItems: [
        { description: 'Paper reams', quantity: 3, unitPrice: 100.5, amount: 301.5 },
        { description: 'Stapler', quantity: 1, unitPrice: 30, amount: 30 },
      ],
      fieldEvidence: { ...extracted.fieldEvidence, total: { confidence: 0.8, wordIndexes: [5], source: 'ocr' as const } },
    };
    const total = { total: { ...found.issueDate, value: 331.5, wordIndexes: [5] } };
    expect(mergeTemplateValues(summed, total, { words }).templateFields).toEqual(['total']);
    expect(mergeTemplateValues({ ...summed, lineItems: [] }, total, { words }).templateFields).toEqual([]);
  });

  it('prefers a value two examples found after the label where they had it; another value after the label on one example goes to a person; a far one is no evidence', () => {
    const read = {
      value: 'Olivier Martin',
      wordIndexes: [],
      confidence: 0.9,
      examples: 3,
      via: 'label' as const,
      near: true,
      hits: 0,
      misses: 0,
      observation: 0,
    };
    expect(templateVerdict('Jane Smith', read, false)).toBe('replace');
    expect(templateVerdict('Jane Smith', { ...read, examples: 1 }, false)).toBe('mismatch');
    expect(templateVerdict(null, { ...read, examples: 1 }, true)).toBe('replace');
    const total = { ...read, value: 331.5 };
    expect(templateVerdict(20, total, false)).toBe('replace');
    expect(templateVerdict(20, { ...total, near: false }, false)).toBe('keep');
    expect(templateVerdict(20, { ...total, via: 'position' }, false)).toBe('keep');
    expect(templateVerdict(331.5, total, false)).toBe('confirm');
    expect(templateVerdict(331.5, { ...total, examples: 1 }, false)).toBe('confirm');
    expect(templateVerdict(331.5, { ...total, via: 'position' }, false)).toBe('agree');
    // A way that read wrong on a checked invoice neither confirms, nor overrules, nor sends to review; it fills a gap.
    const missed = { ...total, misses: 1 };
    expect([331.5, 20].map((v) => templateVerdict(v, missed, false))).toEqual(['keep', 'keep']);
    expect(templateVerdict(null, missed, true)).toBe('replace');
    // Right four times as often as wrong: a witness again.
    expect(templateVerdict(331.5, { ...missed, hits: 3 }, false)).toBe('keep');
    expect(templateVerdict(331.5, { ...missed, hits: 4 }, false)).toBe('confirm');
    expect(templateVerdict(20, { ...missed, hits: 4 }, false)).toBe('replace');
  });

  it('multiplies the doubts of two agreeing readings', () => {
    expect(agreedConfidence(0.5, 0.9)).toBe(0.95);
    expect(agreedConfidence(0, 0.9)).toBe(0.9);
    expect(agreedConfidence(0.99, 0)).toBe(0.99);
  });

  it('reports no mismatch when the template agrees, or found its value by position only', () => {
    const t = learnTemplate(northwind(A), truthOf(A));
    const agreeing = mergeTemplateValues(extractByRules([page(northwind(B))]), {
      issueDate: {
        value: '2024-03-11',
        wordIndexes: [],
        confidence: 0.5,
        examples: 1,
        via: 'label',
        near: true,
        hits: 0,
        misses: 0,
        observation: 0,
      },
    });
    expect(agreeing.invoice.issues).toEqual(['missing:invoiceNumber', 'missing:customerName', 'missing:total']);
    const byPosition = applyTemplate(
      t,
      northwind(B).filter((w) => w.text !== 'Dated'),
    );
    expect(byPosition.issueDate?.via).toBe('position');
    expect(mergeTemplateValues(extractByRules([page(northwind(B))]), byPosition).invoice.issues).toEqual([]);
  });

  it('keeps what the QR code gave, and flags a template total that does not add up', () => {
    const t = learnTemplate(northwind(B), truthOf(B), learnTemplate(northwind(A), truthOf(A)));
    const qr = 'INVOICE:QR-1\nDATE:2024-05-21 10:00:00\nCUST:1\nCAT:A';
    const extracted = { ...extractInvoice([page(northwind(C), qr)]) };
    expect(extracted.invoiceNumber).toBe('QR-1');
    const values = applyTemplate(t, northwind({ ...C, total: '46.00' }));
    const { invoice, templateFields } = mergeTemplateValues(extracted, values, { qrPayload: qr });
    expect(invoice.invoiceNumber).toBe('QR-1');
    expect(invoice.issueDate).toBe('2024-05-21');
    expect(templateFields).not.toContain('invoiceNumber');
    expect(invoice.total).toBe(46);
    expect(invoice.issues).toContain('total_mismatch');
  });
});
