import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { OcrPageResult } from '@invoice/contracts';
import { loadReadingDocs, readingDoc } from './training.readings.js';

const page = (text: string): OcrPageResult => ({
  text,
  words: text.split(' ').map((w, i) => ({ text: w, confidence: 90, bbox: { x0: i * 50, y0: 10, x1: i * 50 + 40, y1: 30 }, page: 0 })),
  meanConfidence: 90,
  width: 600,
  height: 800,
  durationMs: 1234,
  engineVersion: 'tesseract.js',
  qrPayload: null,
  timings: { preprocessMs: 1, recognizeMs: 2 },
});

const sroie = {
  id: 'X001',
  source: { format: 'sroie', truth: { company: 'Acme Hardware Sdn Bhd', date: '11/01/2019', total: 'RM 12.50' } },
  page: page('ACME HARDWARE 12.50'),
};
const einvoice = {
  id: 'inv-1',
  group: 'maker',
  source: { format: 'einvoice', truth: { invoiceNumber: 'R-1', total: 10, vendorName: 'Seller' } },
  pages: [page('Invoice R-1'), page('Total 10.00')],
};

describe('OCR readings as training documents', () => {
  it('reads a SROIE receipt with the group and truth of its transcript', () => {
    const doc = readingDoc(sroie);
    expect(doc).toMatchObject({ id: 'X001#ocr', dataset: 'sroie', reading: 'ocr', group: 'sroie:ACMEHARDWARE' });
    expect(doc?.truth).toMatchObject({ vendorName: 'Acme Hardware Sdn Bhd', issueDate: '11/01/2019', total: 12.5, invoiceNumber: null });
    expect(doc?.pages).toHaveLength(1);
    expect(doc?.pages[0]).not.toHaveProperty('timings');
  });

  it('groups an e-invoice by producer and an invoice by upper-cased issuer, as the text layers are', () => {
    expect(readingDoc(einvoice)).toMatchObject({ dataset: 'einvoice-dev', group: 'einvoice:maker' });
    // A field an e-invoice label leaves null (not printed, or not in the XML) is unknown, not "not printed".
    expect(readingDoc(einvoice)?.truth).toEqual({ invoiceNumber: 'R-1', total: 10, vendorName: 'Seller' });
    expect(readingDoc({ ...einvoice, source: { ...einvoice.source, format: 'invoices' } })?.truth).toMatchObject({ dueDate: null });
    expect(readingDoc({ ...einvoice, source: { ...einvoice.source, format: 'invoices' }, group: 'Acme-Delft' })?.group).toBe(
      'issuer:ACME-DELFT',
    );
    expect(readingDoc(einvoice)?.pages).toHaveLength(2);
  });

  it('skips documents with an error or no words', () => {
    expect(readingDoc({ ...sroie, error: 'OCR failed' })).toBeNull();
    expect(readingDoc({ ...sroie, page: { ...page(''), words: [] } })).toBeNull();
    expect(readingDoc({ ...einvoice, source: { ...einvoice.source, format: 'unknown' } })).toBeNull();
  });

  it('loads every document of the report files that exist', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'readings-'));
    try {
      await writeFile(path.join(dir, 'a.json'), JSON.stringify({ documents: [sroie, einvoice, { ...sroie, id: 'bad', error: 'x' }] }));
      const docs = await loadReadingDocs(dir, ['a.json', 'missing.json']);
      expect(docs.map((d) => d.id)).toEqual(['X001#ocr', 'inv-1#ocr']);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
