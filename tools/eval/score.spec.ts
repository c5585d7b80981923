import { describe, expect, it } from '@jest/globals';
import type { ExtractedInvoice } from '@invoice/contracts';
import type { DatasetDocument, GeneratedTruth, SroieLabel } from './dataset.js';
import { labelInText, scoreDocument, scoreGenerated, scoreSroie, summarize, type DocumentResult } from './score.js';

const truth: GeneratedTruth = {
  invoiceNumber: 'INV-2024-0001',
  issueDate: '2024-03-05',
  issueTime: '14:07:09',
  customerName: 'Jean Dupont',
  customerEmail: null,
  customerAddressLine1: '12 rue de la Paix',
  customerAddressLine2: '75002 Paris',
  total: 30.5,
  lineItems: [{ description: 'Widget  blue', quantity: 2, unitPrice: 15.25, amount: 30.5 }],
};

const extractedFrom = (t: GeneratedTruth, overrides: Partial<ExtractedInvoice> = {}): ExtractedInvoice => ({
  ...t,
  customerId: null,
  customerCategory: null,
  currency: 'EUR',
  language: 'fr',
  issues: [],
  dueDate: null,
  vendorName: null,
  vendorAddress: null,
  subtotal: null,
  taxAmount: null,
  taxRate: null,
  fieldEvidence: {},
  lineItemsEvidence: null,
  documentType: 'invoice',
  vendorVatId: null,
  customerVatId: null,
  iban: null,
  orderNumber: null,
  amountDue: null,
  taxLines: [],
  ...overrides,
});

const outcomes = (scores: { field: string; outcome: string }[]) => Object.fromEntries(scores.map((s) => [s.field, s.outcome]));

describe('scoreGenerated', () => {
  it('a perfect extraction is right everywhere, after normalization (case, spaces)', () => {
    const x = extractedFrom(truth, {
      customerName: 'JEAN  DUPONT',
      lineItems: [{ description: 'widget blue', quantity: 2, unitPrice: 15.25, amount: 30.5 }],
    });
    expect(Object.values(outcomes(scoreGenerated(truth, x)))).toEqual(Array(9).fill('correct'));
  });

  it('names the wrong fields; no email printed and none extracted is right', () => {
    const x = extractedFrom(truth, {
      invoiceNumber: 'INV-2024-000I',
      issueDate: null,
      total: 30.05,
      lineItems: [{ description: 'Widget blue', quantity: 2, unitPrice: 15.25, amount: 30.05 }],
    });
    expect(outcomes(scoreGenerated(truth, x))).toEqual({
      invoiceNumber: 'wrong',
      issueDate: 'wrong',
      issueTime: 'correct',
      customerName: 'correct',
      customerEmail: 'correct',
      customerAddressLine1: 'correct',
      customerAddressLine2: 'correct',
      total: 'wrong',
      lineItems: 'wrong',
    });
    expect(outcomes(scoreGenerated({ ...truth, customerEmail: 'a@b.fr' }, x)).customerEmail).toBe('wrong');
    expect(outcomes(scoreGenerated(truth, extractedFrom(truth, { lineItems: [] }))).lineItems).toBe('wrong');
  });

  it('every field is wrong when OCR failed', () => {
    expect(Object.values(outcomes(scoreGenerated(truth, null)))).toEqual(Array(9).fill('wrong'));
  });
});

const label: SroieLabel = {
  company: 'SOON HUAT MACHINERY ENTERPRISE',
  date: '11/01/2019',
  address: 'NO.53 JALAN PUTRA 1,\nTAMAN SRI PUTRA',
  total: 'RM327.00',
};
const receipt = (overrides: Partial<ExtractedInvoice>): ExtractedInvoice =>
  extractedFrom(truth, {
    invoiceNumber: null,
    issueTime: null,
    customerName: null,
    issueDate: null,
    total: null,
    lineItems: [],
    issues: ['missing:total'],
    ...overrides,
  });

describe('scoreSroie', () => {
  it('compares company and address as compact text (blanks and punctuation dropped), date and total after normalization', () => {
    const evidence = { confidence: 0.9, wordIndexes: [], source: 'ocr' as const };
    const scores = scoreSroie(
      label,
      receipt({
        issueDate: '2019-01-11',
        total: 327,
        vendorName: 'Soon Huat Machinery Enterprise',
        vendorAddress: 'NO. 53 JALAN PUTRA 1, TAMAN SRI PUTRA',
        fieldEvidence: { total: evidence },
      }),
    );
    expect(scores).toEqual([
      { field: 'company', outcome: 'correct', expected: label.company, actual: 'Soon Huat Machinery Enterprise', confidence: null },
      { field: 'date', outcome: 'correct', expected: '2019-01-11', actual: '2019-01-11', confidence: null },
      { field: 'address', outcome: 'correct', expected: label.address, actual: 'NO. 53 JALAN PUTRA 1, TAMAN SRI PUTRA', confidence: null },
      { field: 'total', outcome: 'correct', expected: 327, actual: 327, confidence: 0.9 },
    ]);
    expect(outcomes(scoreSroie(label, receipt({ issueDate: '2019-11-01', total: null, vendorName: 'SOON HUAT MACHINERY' })))).toEqual({
      company: 'wrong',
      date: 'wrong',
      address: 'wrong',
      total: 'wrong',
    });
  });

  it('an empty or unreadable label is unusable, not wrong', () => {
    expect(outcomes(scoreSroie({ ...label, total: '', date: 'sometime', company: ' ' }, receipt({ total: 3 })))).toEqual({
      company: 'label_unusable',
      date: 'label_unusable',
      address: 'wrong',
      total: 'label_unusable',
    });
  });

  it('labelInText looks for the label in the OCR text joined into one upper-case line', () => {
    expect(labelInText('No.53 Jalan  Putra 1, Taman Sri Putra', 'TEL 07\nNO.53 JALAN PUTRA 1,\nTAMAN SRI PUTRA\n')).toBe(true);
    expect(labelInText('NO.53 JALAN PUTRA', 'NO.53 JALAN PUTR4')).toBe(false);
    expect(labelInText(' ', 'x')).toBeNull();
  });
});

describe('scoreDocument and summarize', () => {
  const doc = (id: string): DatasetDocument => ({ id, format: 'generated', imagePath: `${id}.png`, truth, transcript: null });
  const ocr = { text: '', durationMs: 1000, meanConfidence: 90 };
  // a: all right, done. b: total wrong but done (the case that matters). c: right, review. d: OCR failed.
  const results: DocumentResult[] = [
    scoreDocument(doc('a'), ocr, extractedFrom(truth)),
    scoreDocument(doc('b'), ocr, extractedFrom(truth, { total: 3.05 })),
    scoreDocument(doc('c'), { ...ocr, durationMs: 3000 }, extractedFrom(truth, { issues: ['qr_unparsed'] })),
    scoreDocument(doc('d'), null, null, 'corrupt image'),
  ];
  const s = summarize('generated', results, 8, 2);

  it('sends a field under the threshold to review, and bands confidences for the calibration', () => {
    const low = {
      total: { confidence: 0.6, wordIndexes: [], source: 'ocr' as const },
      invoiceNumber: { confidence: 0.99, wordIndexes: [], source: 'qr' as const },
    };
    const r = [scoreDocument(doc('e'), ocr, extractedFrom(truth, { total: 3.05, fieldEvidence: low }), null, 0.8)];
    expect(r[0]!.reasons).toEqual(['low_confidence:total']);
    const sum = summarize('generated', r, 1, 1, 0.8);
    expect(sum.doneButWrong.count).toBe(0);
    expect(sum.review.count).toBe(1);
    expect(sum.calibration.find((b) => b.band === '0.50-0.70')).toMatchObject({ count: 1, right: 0 });
    expect(sum.calibration.find((b) => b.band === '0.95-1.00')).toMatchObject({ count: 1, right: 1, share: 1 });
  });

  it('counts the rereads and their share of the OCR time', () => {
    const reread = { ...ocr, durationMs: 1000, timings: { rereadMs: 100 }, rereads: [{}, {}] };
    const r = [
      scoreDocument(doc('e'), reread, extractedFrom(truth), null),
      scoreDocument(doc('f'), { ...ocr, durationMs: 1000 }, extractedFrom(truth), null),
    ];
    expect(summarize('generated', r, 1, 1).rereads).toEqual({ documents: 1, regions: 2, shareOfOcrTime: 0.05 });
    expect(s.rereads.regions).toBe(0);
  });

  it('counts per field, over documents', () => {
    expect(s.fields.find((f) => f.field === 'total')).toEqual({
      field: 'total',
      status: 'compared',
      count: 2,
      of: 4,
      share: 0.5,
      labelUnusable: 0,
    });
    expect(s.fields.find((f) => f.field === 'invoiceNumber')!.count).toBe(3);
  });

  it('review, done, done-but-wrong, all-right, throughput', () => {
    expect(s.documents).toBe(4);
    expect(s.failed).toBe(1);
    expect(s.pagesPerSecond).toBe(0.5);
    expect(s.meanOcrMs).toBeCloseTo(5000 / 3);
    expect(s.allFieldsCorrect).toEqual({ count: 2, of: 4, share: 0.5 });
    expect(s.review).toEqual({ count: 1, of: 4, share: 0.25 });
    expect(s.done).toEqual({ count: 2, of: 4, share: 0.5 });
    expect(s.doneButWrong).toEqual({ count: 1, of: 4, share: 0.25, documents: ['b'] });
    expect(s.issueCounts).toEqual({ qr_unparsed: 1 });
    expect(s.cer).toBeNull();
    expect(s.labelInOcrText).toBeNull();
  });

  it('SROIE: fields compared, unusable labels listed and left out, CER summed by characters', () => {
    const sdoc = (id: string, l: SroieLabel): DatasetDocument => ({
      id,
      format: 'sroie',
      imagePath: `${id}.jpg`,
      truth: l,
      transcript: ['TOTAL 327.00', 'XYZ'],
    });
    const page = { text: 'SOON HUAT MACHINERY ENTERPRISE\nT0TAL 327.00', durationMs: 2000, meanConfidence: 80 };
    const r = [
      scoreDocument(sdoc('r1', label), page, receipt({ issueDate: '2019-01-11', total: 327, issues: [] })),
      scoreDocument(
        sdoc('r2', { ...label, total: '' }),
        page,
        receipt({ issueDate: '2019-01-12', issues: ['missing:total', 'line_amount_mismatch:2'] }),
      ),
    ];
    const sum = summarize('sroie', r, 4, 2);
    expect(sum.fields.map((f) => [f.field, f.status, f.count, f.of, f.labelUnusable])).toEqual([
      ['company', 'compared', 0, 2, 0],
      ['date', 'compared', 1, 2, 0],
      ['address', 'compared', 0, 2, 0],
      ['total', 'compared', 1, 1, 1],
    ]);
    expect(sum.labelProblems).toEqual([{ id: 'r2', field: 'total', label: '' }]);
    expect(sum.allFieldsCorrect.count).toBe(0);
    // r1 has no issue but no company: done while a field is wrong.
    expect(sum.doneButWrong.count).toBe(1);
    expect(sum.issueCounts).toEqual({ 'missing:total': 1, 'line_amount_mismatch:N': 1 });
    // Per document: "TOTAL 327.00" 1 error (T0TAL), "XYZ" 3 (nowhere) over 15 characters.
    expect(sum.cer).toMatchObject({
      documents: 2,
      lines: 4,
      chars: 30,
      errorsLine: 8,
      errorsWindow: 8,
      cerLine: 8 / 30,
      cerWindow: 8 / 30,
    });
    expect(sum.labelInOcrText).toEqual({ company: { count: 2, of: 2, share: 1 }, address: { count: 0, of: 2, share: 0 } });
  });
});
