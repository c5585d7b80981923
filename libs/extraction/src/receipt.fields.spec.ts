import { describe, expect, it } from '@jest/globals';
import type { OcrWord } from '@invoice/contracts';
import { extractInvoice } from './invoice.extractor.js';
import {
  endAtLegalForm,
  extractReceiptHeader,
  extractReceiptTotal,
  headerLineKind,
  isReceiptPage,
  lastAmount,
  lostOneDigit,
  readableLine,
  receiptAmount,
  receiptPaid,
  receiptShaped,
  repairCompanyName,
  stripRegistration,
} from './receipt.fields.js';
import { buildRows } from './rows.builder.js';
import { line, page } from './words.fixture.js';

/** A till receipt: one centred column, one line every 30 px, 12 px per character. */
function receipt(lines: readonly string[], options: { confidence?: number } = {}): OcrWord[] {
  return lines.flatMap((text, i) => line(text, 40, 40 + i * 30, { charWidth: 12, height: 20, confidence: options.confidence ?? 92 }));
}
const rowsOf = (lines: readonly string[]) => buildRows(receipt(lines));

describe('receipt header: name', () => {
  it('takes the first line with a company word, without its registration number', () => {
    const header = extractReceiptHeader(
      rowsOf([
        'LIM AH KOW',
        'KEDAI RUNCIT MAJU JAYA SDN BHD (402117-K)',
        'NO. 12, JALAN MERANTI 3,',
        'TAMAN BUKIT INDAH,',
        '81200 JOHOR BAHRU, JOHOR',
        'TEL: 07-234 5678',
      ]),
    );
    expect(header.name?.value).toBe('KEDAI RUNCIT MAJU JAYA SDN BHD');
    expect(header.address?.value).toBe('NO. 12, JALAN MERANTI 3, TAMAN BUKIT INDAH, 81200 JOHOR BAHRU, JOHOR');
  });

  it('skips courtesy lines, noise and bracketed notes before the name, and strips an "owned by" prefix', () => {
    const header = extractReceiptHeader(
      rowsOf([
        '~~ ;: .,',
        'THANK YOU. PLEASE COME AGAIN',
        '(HALAL CERTIFIED)',
        'MANAGED BY: SRI WANGI CATERING SDN BHD',
        'LOT 7, JALAN PERDANA',
        '50450 KUALA LUMPUR',
      ]),
    );
    expect(header.name?.value).toBe('SRI WANGI CATERING SDN BHD');
    expect(header.address?.value).toBe('LOT 7, JALAN PERDANA 50450 KUALA LUMPUR');
  });

  it('joins a name broken before its legal suffix, either way', () => {
    expect(
      extractReceiptHeader(rowsOf(['GLOBAL PAPER', 'CO. (M) SDN BHD', '(CO. NO. 88213-A)', '3, JALAN SS2/4', '47300 PETALING JAYA'])).name
        ?.value,
    ).toBe('GLOBAL PAPER CO. (M) SDN BHD');
    expect(
      extractReceiptHeader(rowsOf(['SENG HUAT HARDWARE', 'TRADING', '001234567-D', '5, JALAN PASAR', '34000 TAIPING, PERAK'])).name?.value,
    ).toBe('SENG HUAT HARDWARE TRADING');
  });

  it('repairs OCR slips in the legal form and in single-letter abbreviations, nothing else', () => {
    expect(repairCompanyName('MR. T.0.P. (M) SON BHD')).toBe('MR. T.O.P. (M) SDN BHD');
    expect(repairCompanyName('Kedai Maju Sdn.Ehd')).toBe('Kedai Maju Sdn.Bhd');
    expect(repairCompanyName('77 FRESH MART 5/B')).toBe('77 FRESH MART S/B');
    expect(repairCompanyName('SUN MOON BHD')).toBe('SUN MOON BHD');
    expect(repairCompanyName('KEDAI 3D SUN BHD')).toBe('KEDAI 3D SDN BHD');
    expect(repairCompanyName('UPTOWN3 CAFE')).toBe('UPTOWN3 CAFE');
    expect(repairCompanyName('MR D.I.Y.(H) SDN BHD')).toBe('MR D.I.Y.(M) SDN BHD');
    expect(repairCompanyName('Y S0ON FATT S/B')).toBe('Y SOON FATT S/B');
    expect(repairCompanyName('Sh0p Lot 7-ELEVEN 100 PLUS')).toBe('Shop Lot 7-ELEVEN 100 PLUS');
  });

  it('puts back the brackets of a country in a legal name, read as letters', () => {
    expect(repairCompanyName('KEDAI BUKU CMALAYSIAJ SDN BHD')).toBe('KEDAI BUKU (MALAYSIA) SDN BHD');
    expect(repairCompanyName('ACME CHALAYSIAS SDN BHD')).toBe('ACME (MALAYSIA) SDN BHD');
    expect(repairCompanyName('ACME (SINGAPORE) PTE LTD')).toBe('ACME (SINGAPORE) PTE LTD');
    // Words that only start with C and end with S are left alone.
    expect(repairCompanyName('ACME CONSULTANTS SDN BHD')).toBe('ACME CONSULTANTS SDN BHD');
    expect(repairCompanyName('ACME COATINGS SDN BHD')).toBe('ACME COATINGS SDN BHD');
  });

  it('ends a name at its legal form', () => {
    expect(endAtLegalForm('SENG HUAT ENTERPRISE POST =')).toBe('SENG HUAT ENTERPRISE');
    expect(endAtLegalForm('MAJU TRADING SDN BHD')).toBe('MAJU TRADING SDN BHD');
    expect(endAtLegalForm('KEDAI MAJU SDN. BHD ry')).toBe('KEDAI MAJU SDN. BHD');
    expect(endAtLegalForm('ANEKA TRADING COMPANY OF SELANGOR')).toBe('ANEKA TRADING COMPANY OF SELANGOR');
  });

  it('falls back to the first readable line when no line has a company word', () => {
    expect(
      extractReceiptHeader(rowsOf(['NASI KANDAR PELITA', '22, JALAN AMPANG', '50450 KUALA LUMPUR', 'TEL: 03-2161 0000'])).name?.value,
    ).toBe('NASI KANDAR PELITA');
    // Short scraps of a logo are no name; Malay company words count ("SYARIKAT": company).
    expect(
      extractReceiptHeader(rowsOf(['3 18 Ol Olt', 'SYARIKAT PERNIAGAAN AH SENG', 'NO 9, JALAN PASAR', '53200 KUALA LUMPUR'])).name?.value,
    ).toBe('SYARIKAT PERNIAGAAN AH SENG');
  });
});

describe('receipt header: address', () => {
  it('starts after registration, tax id and branch lines and ends at the phone line', () => {
    const header = extractReceiptHeader(
      rowsOf([
        'BINTANG HOME SDN BHD',
        '(CO.REG: 771234-T)',
        'GST ID NO: 001234567890',
        'LOT 1851-A & 1851-B, JALAN KPB 6,',
        'KAWASAN PERINDUSTRIAN BALAKONG,',
        '43300 SERI KEMBANGAN, SELANGOR',
        '03-8961 2345',
        'TAX INVOICE',
      ]),
    );
    expect(header.address?.value).toBe('LOT 1851-A & 1851-B, JALAN KPB 6, KAWASAN PERINDUSTRIAN BALAKONG, 43300 SERI KEMBANGAN, SELANGOR');
  });

  it('takes one short line after the postcode line (the state), unless the country ended it', () => {
    expect(
      extractReceiptHeader(rowsOf(['ANEKA STORE', 'NO 3, JALAN BESAR', '81200 JOHOR BAHRU', 'JOHOR', 'SOMETHING ELSE HERE'])).address
        ?.value,
    ).toBe('NO 3, JALAN BESAR 81200 JOHOR BAHRU JOHOR');
    expect(
      extractReceiptHeader(rowsOf(['ANEKA STORE', 'NO 3, JALAN BESAR', '56000 KUALA LUMPUR, MALAYSIA', 'MID VALLEY'])).address?.value,
    ).toBe('NO 3, JALAN BESAR 56000 KUALA LUMPUR, MALAYSIA');
  });

  it('does not take a lot number for the postcode', () => {
    expect(
      extractReceiptHeader(rowsOf(['ANEKA STORE', 'LOT 34817 JALAN BATU', 'TAMAN MEGAH', '51200 KUALA LUMPUR', 'GST REG NO: 0001'])).address
        ?.value,
    ).toBe('LOT 34817 JALAN BATU TAMAN MEGAH 51200 KUALA LUMPUR');
  });

  it('skips a former name and a licence line before the address', () => {
    const header = extractReceiptHeader(
      rowsOf([
        'MEGAH FOODS SDN BHD',
        '(123456-M)',
        'FORMERLY KNOWN AS',
        'MEGAH BURGER SDN BHD',
        'LICENSEE OF BURGERLAND',
        'LEVEL 3, WISMA MEGAH',
        '47400 PETALING JAYA',
        'SELANGOR',
        '(GST ID NO: 0001)',
      ]),
    );
    expect(header.name?.value).toBe('MEGAH FOODS SDN BHD');
    expect(header.address?.value).toBe('LEVEL 3, WISMA MEGAH 47400 PETALING JAYA SELANGOR');
  });
});

describe('receipt lines', () => {
  it('classifies header lines', () => {
    const kinds = rowsOf([
      '(001234567-M)',
      'GST REG NO: 000123',
      'TEL: 03-1234 5678',
      'THANK YOU',
      '(KLCC BRANCH)',
      'CASHIER: ANNE',
      'NO 5, JALAN SATU',
      'CO KEG NO : 210038-K',
      'WWW.SHOP . COM. MY',
    ]).map(headerLineKind);
    expect(kinds).toEqual(['registration', 'taxId', 'contact', 'courtesy', 'bracketed', 'body', 'text', 'registration', 'contact']);
  });

  it('reads digit-heavy address lines but not symbol noise or unsure words', () => {
    const [address, noise] = rowsOf(['LOT 1851-A & 1851-B, JALAN KPB 6,', '\u2014 ee > | \u2014\u2014 ;']);
    expect(readableLine(address!)).toBe(true);
    expect(readableLine(noise!)).toBe(false);
    expect(readableLine(buildRows(receipt(['KEDAI MAJU JAYA'], { confidence: 30 }))[0]!)).toBe(false);
  });

  it('strips registration numbers after a name', () => {
    expect(stripRegistration('AEON CO. (M) BHD (126926-H)')).toBe('AEON CO. (M) BHD');
    expect(stripRegistration('ROTI HOUSE 000965911-P')).toBe('ROTI HOUSE');
    expect(stripRegistration('MR. TOOLS (M) SDN BHD')).toBe('MR. TOOLS (M) SDN BHD');
  });

  it('takes a squat page for a receipt only when it names no customer and prints receipt words', () => {
    const squat = (lines: string[]) => buildRows(lines.flatMap((text, i) => line(text, 40, 40 + i * 30)));
    expect(isReceiptPage(squat(['KEDAI MAJU SDN BHD', 'NASI LEMAK 5.00', 'TOTAL 5.00', 'CASH 10.00', 'CHANGE 5.00']), false)).toBe(true);
    expect(
      isReceiptPage(squat(['NORTHWIND TRADING LTD', 'Reference NW-1', 'Amount payable 20.00 Euro', 'Thank you for your business']), false),
    ).toBe(false);
    expect(isReceiptPage(squat(['ACME', 'Bill to Jane', 'TOTAL 5.00 GST 0.30']), true)).toBe(false);
  });

  it('tells a till roll from a page', () => {
    expect(receiptShaped(rowsOf(Array.from({ length: 30 }, (_, i) => `LINE ${i}`)))).toBe(true);
    expect(
      receiptShaped(
        buildRows(
          Array.from({ length: 12 }, (_, i) => line(`A WIDE INVOICE LINE NUMBER ${i} WITH MANY WORDS ON IT`, 40, 40 + i * 30)).flat(),
        ),
      ),
    ).toBe(false);
  });
});

describe('receipt amounts', () => {
  it('reads two-decimal amounts as OCR prints them on receipts', () => {
    expect(receiptAmount('RM8.50')).toBe(8.5);
    expect(receiptAmount('75.00SR')).toBe(75);
    expect(receiptAmount('RMS.00')).toBe(5);
    expect(receiptAmount('RM30.,30')).toBe(30.3);
    expect(receiptAmount('6%')).toBeNull();
    expect(receiptAmount('1/2018')).toBeNull();
  });

  it('joins an amount split after its decimal separator, and takes the last one of a row', () => {
    const [total, split] = rowsOf(['TOTAL RM Incl. of GST 49. 39', 'GST 6% RM1.66 RM 29.30']);
    expect(lastAmount(total!.words)).toMatchObject({ value: 49.39 });
    expect(lastAmount(total!.words)?.words.map((w) => w.text)).toEqual(['49.', '39']);
    expect(lastAmount(split!.words)?.value).toBe(29.3);
  });
});

describe('receipt total', () => {
  it('takes the total that cash minus change confirms, not the tax summary total nor the quantity total', () => {
    const total = extractReceiptTotal(
      rowsOf([
        'TOTAL QTY: 3        29.68',
        'TOTAL SALES (EXCLUDING GST) : 28.00',
        'TOTAL GST : 1.68',
        'TOTAL SALES (INCLUSIVE OF GST) : 29.68',
        'CASH : 50.00',
        'CHANGE : 20.32',
        'GST SUMMARY',
        'SR  6   28.00   1.68',
        'TOTAL :  28.00   1.68',
      ]),
    );
    expect(total).toMatchObject({ value: 29.68, by: 'label' });
  });

  it('prefers the rounded total to the one before rounding', () => {
    const total = extractReceiptTotal(
      rowsOf(['SUB-TOTAL 75.03', 'TOTAL INCL GST 75.03', 'ROUNDING ADJ -0.03', 'TOTAL AMT ROUNDED 75.00', 'TOTAL INCLUDES 6% GST 4.25']),
    );
    expect(total?.value).toBe(75);
  });

  it('takes cash minus change when it is the total rounded to 5 cents printed without a total label', () => {
    const total = extractReceiptTotal(
      rowsOf([
        'TOTAL SALES (INCLUSIVE GST) RM 14.38',
        'ROUNDING ADJUSTMENT RM .02',
        'ROUNDING RM 14.40',
        'CASH RM 20.00',
        'CHANGE RM 5.60',
      ]),
    );
    expect(total).toMatchObject({ value: 14.4, by: 'payment' });
  });

  it('takes cash less change for a total read with a digit lost, and reads a zero read as C', () => {
    expect(extractReceiptTotal(rowsOf(['Total: 1.20', 'CASH : 100.00', 'Change : 78.80']))).toMatchObject({ value: 21.2, by: 'payment' });
    expect(extractReceiptTotal(rowsOf(['TOTAL INC GST 8.40', 'CASH 50.0C', 'CHANGE 21.6C']))).toMatchObject({ value: 28.4, by: 'payment' });
    // Another difference is another amount: the total printed stays.
    expect(extractReceiptTotal(rowsOf(['TOTAL 9.40', 'CASH 50.00', 'CHANGE 21.60']))).toMatchObject({ value: 9.4, by: 'label' });
    expect(lostOneDigit(22.25, 2.25)).toBe(true);
    expect(lostOneDigit(22.25, 22.5)).toBe(false);
    expect(lostOneDigit(28.4, 2.84)).toBe(false);
  });

  it('says what was paid: cash tendered after the last total less the change, null without a tender', () => {
    expect(receiptPaid(rowsOf(['TOTAL 14.40', 'CASH RM 20.00', 'CHANGE RM 5.60']))).toBe(14.4);
    expect(receiptPaid(rowsOf(['TOTAL 14.40', 'VISA 14.40']))).toBe(14.4);
    expect(receiptPaid(rowsOf(['CASH 5.00', 'TOTAL 14.40', 'THANK YOU']))).toBeNull();
  });

  it('reads the amount on the line under a lone TOTAL label, and a total label misread by one letter', () => {
    expect(extractReceiptTotal(rowsOf(['SUBTOTAL: 105.00', 'TOTAL:', '105.00', 'CASH: 105.00', 'CHANGE: 0.00']))?.value).toBe(105);
    expect(extractReceiptTotal(rowsOf(['TOTAI RM 12.90', 'CASH RM 20.00']))?.value).toBe(12.9);
  });

  it('does not take a tax line for the total ("GST payable", "GST included in total")', () => {
    const rows = rowsOf([
      'TOTAL (EXCLUDING GST): 28.58',
      'GST PAYABLE (6%): 1.72',
      'TOTAL (INCLUSIVE OF GST): 30.30',
      'GST 6% INCLUDED IN TOTAL RM 1.72',
    ]);
    expect(extractReceiptTotal(rows)?.value).toBe(30.3);
  });

  it('does not take an item called "card" above the total for the payment', () => {
    const rows = rowsOf([
      "UNI WORKER'S CARD (1-31)",
      '2000000430096 4@ 3.10 12.40 S',
      'TOTAL SALES INCLUSIVE GST 3.80',
      'TOTAL PAYABLE AMOUNT 35,80',
      'CASH 50.00',
      'CHANGE 14.20',
    ]);
    expect(extractReceiptTotal(rows)?.value).toBe(35.8);
  });

  it('falls back on cash minus change without any total line, and gives nothing without either', () => {
    expect(extractReceiptTotal(rowsOf(['DPT.05 RM 149.00', 'DPT.04 RM 21.00', 'CASH RM 200.00', 'CHANGE RM 30.00']))).toMatchObject({
      value: 170,
      by: 'payment',
    });
    expect(extractReceiptTotal(rowsOf(['DPT.05 RM 149.00', 'CASH', 'RM 149. 00']))).toMatchObject({ value: 149, by: 'payment' });
    expect(extractReceiptTotal(rowsOf(['NASI LEMAK 5.00', 'TEH TARIK 2.00']))).toBeNull();
  });
});

describe('extractInvoice on a receipt', () => {
  const lines = [
    'WELCOME',
    'SENG HUAT HARDWARE TRADING',
    '(002458685-T)',
    '13-1, JALAN PJU 5/10,',
    'KOTA DAMANSARA,',
    '47810 PETALING JAYA, SELANGOR',
    'TEL: 012-373 2096',
    'TAX INVOICE',
    'DATE: 10/10/2017 4:22:12 PM',
    '1 HACKSAW BLADE  2 4.00 8.00 SR',
    'TOTAL QTY: 2',
    'TOTAL INCL. GST  8.00',
    'CASH  10.00',
    'CHANGE  2.00',
    'IF YOU HAVE ANY QUERIES, PLEASE CONTACT US FROM THE DATE OF PURCHASE',
  ];

  it('reads the name, address, date and total, and does not read "from the date of purchase" as a vendor label', () => {
    const result = extractInvoice([page(receipt(lines))]);
    expect(result).toMatchObject({
      vendorName: 'SENG HUAT HARDWARE TRADING',
      vendorAddress: '13-1, JALAN PJU 5/10, KOTA DAMANSARA, 47810 PETALING JAYA, SELANGOR',
      issueDate: '2017-10-10',
      total: 8,
    });
    expect(result.fieldEvidence.total?.wordIndexes.length).toBe(1);
  });
});
