import { describe, expect, it } from '@jest/globals';
import type { OcrReread, OcrWord } from '@invoice/contracts';
import { extractInvoice, extractWithSignals } from '../invoice.extractor.js';
import { line, page, tillReceipt } from '../words.fixture.js';
import { confirmRegions } from './confirm.regions.js';
import { RECEIPT_SIGNALS } from './receipt.signals.js';
import { lineBoxes, secondAgreement } from './second.agreement.js';

const TILL = [
  'KEDAI MAJU SDN BHD',
  'NO 5, JALAN PASAR',
  '34000 TAIPING, PERAK',
  'DATE 12/03/2018',
  'BREAD 2.50',
  'TOTAL 2.50',
  'CASH 5.00',
  'CHANGE 2.50',
];

/** PP-OCR's reading of the line of `words` (its box), as the engine returns it in `confirmations`. */
const reading = (words: readonly OcrWord[], text: string): OcrReread => ({ bbox: lineBoxes(words)[0]!, text, words: [], confidence: 95 });

describe('second recognizer agreement', () => {
  const name = line('SANYU STATIONERY SDN BHD', 40, 40, { charWidth: 12, height: 20 });

  it("agrees when the other engine read the value's letters and digits, whatever its spaces and case", () => {
    expect(secondAgreement('vendorName', 'SANYU STATIONERY SDN BHD', name, [reading(name, 'Sanyu Stationery SDN.BHD (12345-X)')])).toBe(1);
    expect(secondAgreement('vendorName', 'SANYU STATIONERY SDN BHD', name, [reading(name, 'SANYO STATIONERY SDN BHD')])).toBe(-1);
    // No line of the value read again: nothing known.
    const elsewhere = line('THANK YOU', 40, 400, { charWidth: 12, height: 20 });
    expect(secondAgreement('vendorName', 'SANYU STATIONERY SDN BHD', name, [reading(elsewhere, 'THANK YOU')])).toBe(0);
  });

  it('reads an address over its lines in order, dates as dates and totals as amounts', () => {
    const first = line('NO 5, JALAN PASAR', 40, 70, { charWidth: 12, height: 20 });
    const second = line('34000 TAIPING', 40, 100, { charWidth: 12, height: 20 });
    const both = [reading(second, '34000 TAIPING'), reading(first, 'NO 5 JALAN PASAR')];
    expect(secondAgreement('vendorAddress', 'NO 5, JALAN PASAR 34000 TAIPING', [...first, ...second], both)).toBe(1);
    expect(secondAgreement('vendorAddress', 'NO 5, JALAN PASAR 34000 TAIPING', [...first, ...second], both.slice(0, 1))).toBe(-1);
    const date = line('DATE 12/03/2018', 40, 130, { charWidth: 12, height: 20 });
    expect(secondAgreement('issueDate', '2018-03-12', date, [reading(date, 'DATE:12/03/2018 10:15')])).toBe(1);
    expect(secondAgreement('issueDate', '2018-03-12', date, [reading(date, 'DATE:12/08/2018')])).toBe(-1);
    const total = line('TOTAL RM 18.00', 40, 160, { charWidth: 12, height: 20 });
    expect(secondAgreement('total', 18, total, [reading(total, 'TOTAL RM18.0')])).toBe(1);
    expect(secondAgreement('total', 18, total, [reading(total, 'TOTAL RM 16.00')])).toBe(-1);
  });

  it("asks to confirm a receipt's field lines, one box per line, and nothing of an invoice", () => {
    const till = tillReceipt(TILL);
    const invoice = extractInvoice([till]);
    expect(invoice.documentType).toBe('receipt');
    const boxes = confirmRegions(till);
    // Name, two address lines, date, total: each a line of the page.
    expect(boxes).toHaveLength(5);
    for (const box of boxes) expect(box.y1 - box.y0).toBeLessThanOrEqual(25);
    const bill = page([
      ...line('INVOICE FAC_2019_0001', 60, 60),
      ...line('Bill to Sarah Smith', 60, 150),
      ...line('Total 120.00 EUR', 580, 460),
    ]);
    expect(confirmRegions(bill)).toEqual([]);
  });

  it('gives the agreement to the confidence signals of a receipt read with confirmations', () => {
    const till = tillReceipt(TILL);
    const boxes = confirmRegions(till);
    const confirmations = boxes.map((bbox) => ({
      bbox,
      text: till.words
        .filter((w) => w.bbox.y0 >= bbox.y0 && w.bbox.y1 <= bbox.y1)
        .map((w) => w.text.replace('MAJU', 'MAJO'))
        .join(' '),
      words: [],
      confidence: 95,
    }));
    const { receiptSignals } = extractWithSignals([{ ...till, confirmations }]);
    const at = (field: keyof typeof RECEIPT_SIGNALS, signal: string) => receiptSignals[field]?.[RECEIPT_SIGNALS[field].indexOf(signal)];
    expect([at('vendorName', 'secondAgrees'), at('vendorName', 'secondDiffers')]).toEqual([0, 1]);
    expect([at('issueDate', 'secondAgrees'), at('issueDate', 'secondDiffers')]).toEqual([1, 0]);
    expect([at('total', 'secondAgrees'), at('total', 'secondDiffers')]).toEqual([1, 0]);
    // Without confirmations: neither.
    const alone = extractWithSignals([till]).receiptSignals;
    expect(alone.vendorName?.slice(-2)).toEqual([0, 0]);
  });
});
