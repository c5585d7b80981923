import { describe, expect, it } from '@jest/globals';
import type { OcrWord } from '@invoice/contracts';
// The rule reader alone (invoice.extractor.spec.ts tests the scorer layered over it).
import { extractByRules as extractInvoice, joinEmailParts, parseInvoiceNumber } from './fields.extractor.js';
import { line, page, shuffled } from './words.fixture.js';

const QR = 'INVOICE:FAC_2019_0001\nDATE:2019-01-01 08:21:00\nCUST:00025\nCAT:C';

/** The generator's layout: left block, logo text on the right, item lines with the price column far right. */
function englishInvoice(overrides: { title?: string; total?: string; slope?: number } = {}): OcrWord[] {
  const slope = overrides.slope ?? 0;
  return [
    ...line(overrides.title ?? 'INVOICE FAC_2019_0001', 60, 60, { height: 30, charWidth: 20, slope }),
    ...line('Issue date 2019-01-01 08:21:00', 60, 115, { slope }),
    ...line('Bill to Sarah Smith', 60, 150, { slope }),
    ...line('Email sarah.smith@example.com', 60, 180, { slope }),
    ...line('Address 0496 Brianna Crossing', 60, 215, { height: 12, charWidth: 8, slope }),
    ...line('Nimbus Supplies', 640, 222, { slope }),
    ...line('New Tabitha, RI 41854', 124, 235, { height: 12, charWidth: 8, slope }),
    ...line('Ground coffee, fair trade', 60, 300, { slope }),
    ...line('4 x  98.58 Euro', 640, 300, { slope }),
    ...line('Whiteboard markers, set of 8', 60, 340, { slope }),
    ...line('10 x 251.44 Euro', 630, 340, { slope }),
    ...line(overrides.total ?? 'TOTAL   2908.72 Euro', 590, 400, { slope }),
  ];
}

describe('extractInvoice', () => {
  it('extracts every field of the English layout, cross-checked with the QR code', () => {
    const result = extractInvoice([page(shuffled(englishInvoice()), QR)]);
    expect(result).toMatchObject({
      invoiceNumber: 'FAC_2019_0001',
      issueDate: '2019-01-01',
      issueTime: '08:21:00',
      customerName: 'Sarah Smith',
      customerEmail: 'sarah.smith@example.com',
      customerAddressLine1: '0496 Brianna Crossing',
      customerAddressLine2: 'New Tabitha, RI 41854',
      customerId: '00025',
      customerCategory: 'C',
      currency: 'EUR',
      total: 2908.72,
      lineItems: [
        { description: 'Ground coffee, fair trade', quantity: 4, unitPrice: 98.58, amount: 394.32 },
        { description: 'Whiteboard markers, set of 8', quantity: 10, unitPrice: 251.44, amount: 2514.4 },
      ],
      language: 'en',
      issues: [],
      dueDate: null,
      subtotal: null,
      taxAmount: null,
      taxRate: null,
      vendorName: null,
      vendorAddress: null,
    });
    // Evidence: the QR code's fields, the total confirmed by the line sum, the words behind each value.
    expect(result.fieldEvidence.invoiceNumber).toMatchObject({ source: 'qr', confidence: 0.99 });
    expect(result.fieldEvidence.total).toMatchObject({ source: 'ocr', confidence: 0.975 });
    expect(result.fieldEvidence.customerName?.wordIndexes.map((i) => result && shuffled(englishInvoice())[i]?.text)).toEqual([
      'Sarah',
      'Smith',
    ]);
    expect(result.fieldEvidence.vendorName).toBeUndefined();
    // The sums vouch for the prices, not for the descriptions: those keep their words' confidence.
    expect(result.lineItemsEvidence).toMatchObject({ source: 'ocr', confidence: 0.9 });
  });

  it('reads a tilted page the same way', () => {
    const withoutIndexes = (x: ReturnType<typeof extractInvoice>) => ({
      ...x,
      fieldEvidence: Object.fromEntries(Object.entries(x.fieldEvidence).map(([k, e]) => [k, { ...e, wordIndexes: e.wordIndexes.length }])),
      lineItemsEvidence: x.lineItemsEvidence && { ...x.lineItemsEvidence, wordIndexes: x.lineItemsEvidence.wordIndexes.length },
    });
    const straight = extractInvoice([page(englishInvoice(), QR)]);
    expect(withoutIndexes(extractInvoice([page(shuffled(englishInvoice({ slope: -0.017 })), QR)]))).toEqual(withoutIndexes(straight));
  });

  it('extracts the French layout: labels, decimal commas, thousands separator, courriel', () => {
    const words = [
      ...line('FACTURE FAC_2021_0042', 60, 60, { height: 30, charWidth: 20 }),
      ...line("Date d'émission 2021-06-09 09:36:58", 60, 115),
      ...line('Facturé à Hélène Dubois', 60, 150),
      ...line('Courriel helene.dubois@example.org', 60, 180),
      ...line('Adresse 6613 Lincoln Square', 60, 215, { height: 12, charWidth: 8 }),
      ...line('North Marlow, WY 98421', 124, 235, { height: 12, charWidth: 8 }),
      ...line("Réparation de l'écran", 60, 300),
      ...line('3 x 180,63 Euro', 640, 300),
      ...line('Câble réseau, dix mètres', 60, 340),
      ...line('2 x 1 000,00 Euro', 620, 340),
      ...line('TOTAL   2 541,89 Euro', 580, 400),
    ];
    const result = extractInvoice([page(words)]);
    expect(result).toMatchObject({
      invoiceNumber: 'FAC_2021_0042',
      issueDate: '2021-06-09',
      issueTime: '09:36:58',
      customerName: 'Hélène Dubois',
      customerEmail: 'helene.dubois@example.org',
      customerAddressLine1: '6613 Lincoln Square',
      customerAddressLine2: 'North Marlow, WY 98421',
      customerId: null,
      customerCategory: null,
      currency: 'EUR',
      total: 2541.89,
      language: 'fr',
      issues: [],
    });
    expect(result.lineItems).toEqual([
      { description: "Réparation de l'écran", quantity: 3, unitPrice: 180.63, amount: 541.89 },
      { description: 'Câble réseau, dix mètres', quantity: 2, unitPrice: 1000, amount: 2000 },
    ]);
  });

  it('prefers the QR code and names the disagreement with the text', () => {
    const words = englishInvoice({ title: 'INVOICE FAC_2019_0007' });
    const result = extractInvoice([page(words, QR.replace('DATE:2019-01-01 08:21:00', 'DATE:2019-01-02 08:21:00'))]);
    expect(result.invoiceNumber).toBe('FAC_2019_0001');
    expect(result.issueDate).toBe('2019-01-02');
    expect(result.issues).toEqual(['qr_text_mismatch:invoiceNumber', 'qr_text_mismatch:issueDate']);
  });

  it('does not call a lost underscore a mismatch, and rebuilds the number without a QR code', () => {
    const words = englishInvoice({ title: 'INVOICE FAC _2019 0001' });
    expect(extractInvoice([page(words, QR)]).issues).toEqual([]);
    expect(extractInvoice([page(words)]).invoiceNumber).toBe('FAC_2019_0001');
  });

  it('flags a total that the lines do not add up to', () => {
    const result = extractInvoice([page(englishInvoice({ total: 'TOTAL 2908.75 Euro' }), QR)]);
    expect(result.total).toBe(2908.75);
    expect(result.issues).toEqual(['total_mismatch']);
    // One cent off is within the tolerance.
    expect(extractInvoice([page(englishInvoice({ total: 'TOTAL 2908.73 Euro' }), QR)]).issues).toEqual([]);
  });

  it('infers one unreadable quantity from the total, and says so', () => {
    const words = englishInvoice()
      .map((w) => (w.text === '4' ? { ...w, text: 'EX' } : w))
      .filter((w) => w.text !== 'x' || w.bbox.y0 !== 300);
    const result = extractInvoice([page(words, QR)]);
    expect(result.lineItems[0]).toEqual({ description: 'Ground coffee, fair trade', quantity: 4, unitPrice: 98.58, amount: 394.32 });
    expect(result.issues).toEqual(['inferred:quantity']);
  });

  it('names every missing required field', () => {
    const result = extractInvoice([page(line('Nothing useful here', 60, 100))]);
    expect(result.issues).toEqual([
      'missing:invoiceNumber',
      'missing:issueDate',
      'missing:customerName',
      'missing:lineItems',
      'missing:total',
    ]);
    expect(result.language).toBeNull();
    expect(extractInvoice([]).issues).toContain('missing:invoiceNumber');
  });

  it('keeps the pages of a document apart, in order', () => {
    const first = englishInvoice().filter((w) => w.bbox.y0 < 290);
    const second = englishInvoice().filter((w) => w.bbox.y0 >= 290);
    const result = extractInvoice([page(first, QR), page(second)]);
    expect(result.lineItems).toHaveLength(2);
    expect(result.total).toBe(2908.72);
    expect(result.issues).toEqual([]);
  });

  it('reads the name on the line below a lone "Bill to", and dollars', () => {
    const words = [
      ...line('Bill to', 60, 150),
      ...line('Sarah Smith', 60, 172),
      ...line('Desk lamp', 60, 300),
      ...line('2 x 10.50 $', 640, 300),
      ...line('TOTAL 21.00 $', 600, 360),
    ];
    const result = extractInvoice([page(words)]);
    expect(result.customerName).toBe('Sarah Smith');
    expect(result.currency).toBe('USD');
    expect(result.total).toBe(21);
  });

  it('takes no sentence after a bill-to label for the customer ("Facture à régler par virement …")', () => {
    const words = [
      ...line('Facture FA-2017-0010', 60, 100),
      ...line('Facture à régler par virement sur le compte suivant :', 60, 700),
      ...line('IBAN : FR20 1242 1242 1242 1242 1242 124', 60, 722),
    ];
    expect(extractInvoice([page(words)]).customerName).toBeNull();
  });
});

describe('parseInvoiceNumber', () => {
  it.each([
    ['FAC_2019_0001', 'FAC_2019_0001'],
    ['FAC 2019 0001', 'FAC_2019_0001'],
    ['FAC _2019 0001', 'FAC_2019_0001'],
    ['No. 12345', '12345'],
    ['#A-77', 'A-77'],
    ['n° 2021/004', '2021/004'],
    ['NO123', 'NO123'],
    ['', null],
    ['Summary', null],
  ])('%s -> %s', (value, expected) => {
    expect(parseInvoiceNumber(value)).toBe(expected);
  });
});

describe('joinEmailParts', () => {
  it('removes blanks that OCR put around dots and the @', () => {
    expect(joinEmailParts('camille. lemaire @example.org')).toBe('camille.lemaire@example.org');
    expect(joinEmailParts('sarah.smith@example.com')).toBe('sarah.smith@example.com');
  });

  it('joins plain words before the address with the dot tesseract lost', () => {
    expect(joinEmailParts('jennifer young@example.com')).toBe('jennifer.young@example.com');
    expect(joinEmailParts('contact: sales@example.com')).toBe('contact: sales@example.com');
  });
});

describe('extractInvoice: vendor, due date, subtotal and tax', () => {
  it('reads the vendor block at the top, the due date, subtotal, tax rate and amount (French labels)', () => {
    const words = [
      ...line('Orchard & Co', 60, 50, { height: 22, charWidth: 14 }),
      ...line('FACTURE N° FAC_2021_0042', 480, 50, { height: 22, charWidth: 14 }),
      ...line('12 rue des Lilas', 60, 85),
      ...line('75011 Paris', 60, 110),
      ...line('Date : 14 mars 2021', 60, 170),
      ...line("Date d'échéance : 13/04/2021", 60, 200),
      ...line('Facturé à Hélène Dubois', 60, 240),
      ...line("Réparation de l'écran", 60, 320),
      ...line('3 x 180,63 €', 640, 320),
      ...line('Câble réseau', 60, 360),
      ...line('2 x 1 000,00 €', 620, 360),
      ...line('Total HT', 480, 420),
      ...line('2 541,89 €', 650, 420),
      ...line('TVA 20 %', 480, 450),
      ...line('508,38 €', 670, 450),
      ...line('Total TTC', 480, 480),
      ...line('3 050,27 €', 650, 480),
    ];
    const result = extractInvoice([page(shuffled(words))]);
    expect(result).toMatchObject({
      vendorName: 'Orchard & Co',
      vendorAddress: '12 rue des Lilas, 75011 Paris',
      invoiceNumber: 'FAC_2021_0042',
      issueDate: '2021-03-14',
      dueDate: '2021-04-13',
      subtotal: 2541.89,
      taxRate: 20,
      taxAmount: 508.38,
      total: 3050.27,
      currency: 'EUR',
      language: 'fr',
      issues: [],
    });
    expect(result.fieldEvidence.total?.confidence).toBeGreaterThan(0.95);
    expect(result.fieldEvidence.dueDate?.source).toBe('ocr');
  });

  it('corrects a misread tax amount by arithmetic and records it', () => {
    const words = [
      ...line('INVOICE FAC_2021_0042', 60, 60, { height: 30, charWidth: 20 }),
      ...line('Issue date Mar 14, 2021', 60, 115),
      ...line('Bill to Sarah Smith', 60, 150),
      ...line('Coffee', 60, 300),
      ...line('1 x 100.00 EUR', 640, 300),
      ...line('Subtotal 100.00 EUR', 560, 400),
      ...line('VAT (20%) 28.00 EUR', 540, 430),
      ...line('Total 120.00 EUR', 580, 460),
    ];
    const result = extractInvoice([page(words)]);
    expect(result.taxAmount).toBe(20);
    expect(result.issues).toEqual(['corrected:taxAmount']);
    expect(result.fieldEvidence.taxAmount).toMatchObject({ source: 'arithmetic' });
    expect(result.fieldEvidence.taxAmount?.confidence).toBeGreaterThanOrEqual(0.95);
  });

  it('reads a receipt: company on the first lines, address until the phone line', () => {
    const words = [
      ...line('TEO HENG STATIONERY & BOOKS', 60, 40),
      ...line('(001451637-M)', 120, 70),
      ...line('NO. 53, JALAN BESAR, 45600 BATANG BERJUNTAI', 30, 100),
      ...line('SELANGOR DARUL EHSAN', 100, 130),
      ...line('TEL : 03-3271 9872', 100, 160),
      ...line('23/01/2018', 60, 200),
      ...line('TOTAL 18.00', 60, 400),
    ];
    const result = extractInvoice([page(words)]);
    expect(result).toMatchObject({
      vendorName: 'TEO HENG STATIONERY & BOOKS',
      vendorAddress: 'NO. 53, JALAN BESAR, 45600 BATANG BERJUNTAI SELANGOR DARUL EHSAN',
      issueDate: '2018-01-23',
      total: 18,
    });
  });

  it('repairs a misread Malaysian receipt address from the gazetteer and notes it', () => {
    const words = [
      ...line('KEDAI BUKU MAJU SDN BHD', 60, 40),
      ...line('LOT 3, JALAN PELABUR 23/1,', 30, 70),
      ...line('40300 SHAH ALAH, SELANCOR.', 30, 100),
      ...line('TEL : 03-5542 3228', 100, 130),
      ...line('23/01/2018', 60, 170),
      ...line('TOTAL 18.00', 60, 400),
    ];
    const result = extractInvoice([page(words)]);
    expect(result.vendorAddress).toBe('LOT 3, JALAN PELABUR 23/1, 40300 SHAH ALAM, SELANGOR.');
    expect(result.issues).toContain('corrected:address:vendorAddress');
  });

  it('reads a receipt past logo noise and registration lines, ends the address after the postcode line, reads RM totals', () => {
    const words = [
      ...line('/ f ; YR', 60, 20, { confidence: 30 }),
      ...line('SYARIKAT PERNIAGAAN GIN KEE (81109-A)', 60, 50),
      ...line('Co. Reg No. 001055194X', 60, 80),
      ...line('NO 290, JALAN AIR PANAS,', 60, 110),
      ...line('SETAPAK, 53200, KUALA LUMPUR.', 60, 140),
      ...line('SELANGOR', 60, 170),
      ...line('Thank you 2', 60, 200),
      ...line('Printed 02/12/2095', 60, 240),
      ...line('Date 02/12/2017', 60, 270),
      ...line('TOTAL RM 29.68', 60, 400),
    ];
    const result = extractInvoice([page(words)]);
    expect(result).toMatchObject({
      vendorName: 'SYARIKAT PERNIAGAAN GIN KEE',
      vendorAddress: 'NO 290, JALAN AIR PANAS, SETAPAK, 53200, KUALA LUMPUR. SELANGOR',
      issueDate: '2017-12-02',
      total: 29.68,
      currency: 'MYR',
    });
  });

  it('joins a company name split before its suffix: POPULAR BOOK / CO. (M) SDN BHD', () => {
    const words = [
      ...line('POPULAR BOOK', 60, 50),
      ...line('CO. (M) SDN BHD', 60, 80),
      ...line('(Co. No. 113825-W)', 60, 110),
      ...line('NO 8, JALAN 7/118B, DESA TUN RAZAK', 60, 140),
    ];
    expect(extractInvoice([page(words)])).toMatchObject({
      vendorName: 'POPULAR BOOK CO. (M) SDN BHD',
      vendorAddress: 'NO 8, JALAN 7/118B, DESA TUN RAZAK',
    });
  });

  it('reads a receipt total after words on its line, and not a total of tax or quantities', () => {
    const words = [
      ...line('SHOP ENTERPRISE', 60, 40),
      ...line('TOTAL QTY: 3', 60, 300),
      ...line('TOTAL SALES INCL GST 75.00', 60, 330),
      ...line('TOTAL GST 4.25', 60, 360),
      ...line('NETT TOTAL: RM 75.00', 60, 390),
      ...line('CASH 100.00', 60, 420),
    ];
    const result = extractInvoice([page(words)]);
    expect(result.total).toBe(75);
    expect(result.fieldEvidence.total?.wordIndexes.map((i) => words[i]?.text)).toEqual(['75.00']);
  });
});
