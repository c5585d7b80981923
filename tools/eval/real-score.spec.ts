import { describe, expect, it } from '@jest/globals';
import type { ExtractedInvoice } from '@invoice/contracts';
import type { EinvoiceTruth, InvoicesTruth } from './real-dataset.js';
import {
  descriptionSimilarity,
  documentTypeCode,
  sameDocumentType,
  sameDateEitherOrder,
  sameInvoicesLines,
  scoreEinvoice,
  scoreInvoices,
} from './real-score.js';
import { summarize } from './score.js';
import { summarizeGroups } from './groups.js';
import { formatGrouping } from './report.js';

const extracted = (overrides: Record<string, unknown> = {}): ExtractedInvoice =>
  ({
    invoiceNumber: null,
    issueDate: null,
    issueTime: null,
    customerName: null,
    customerEmail: null,
    customerAddressLine1: null,
    customerAddressLine2: null,
    customerId: null,
    customerCategory: null,
    currency: null,
    total: null,
    lineItems: [],
    language: null,
    issues: [],
    dueDate: null,
    vendorName: null,
    vendorAddress: null,
    subtotal: null,
    taxAmount: null,
    taxRate: null,
    fieldEvidence: {},
    lineItemsEvidence: null,
    ...overrides,
  }) as unknown as ExtractedInvoice; // without the fields an older extraction lacks, which score as not extracted

const outcomes = (scores: { field: string; outcome: string }[]) => Object.fromEntries(scores.map((s) => [s.field, s.outcome]));

const einvoice: EinvoiceTruth = {
  invoiceNumber: 'RK-21012345',
  issueDate: '2018-09-16',
  dueDate: null,
  currency: 'EUR',
  vendorName: 'Lieferant  GmbH',
  vendorVatId: 'DE123456789',
  customerName: 'Kunden AG',
  subtotal: -7.67,
  taxAmount: -1.12,
  total: -8.79,
  amountDue: -8.79,
  documentType: '381',
  lineItems: [{ description: null, quantity: 1, unitPrice: 7.67, amount: -7.67 }],
};

describe('scoreEinvoice', () => {
  it('skips unprinted fields, compares amounts on absolute values, and counts fields the extraction lacks as not extracted', () => {
    const x = extracted({
      invoiceNumber: 'rk-21012345',
      issueDate: '2018-09-16',
      currency: 'EUR',
      vendorName: 'LIEFERANT GMBH',
      customerName: 'Kunden AG Mitte',
      subtotal: 7.67,
      taxAmount: -1.12,
      total: 8.8,
      lineItems: [{ description: 'Anything', quantity: 1, unitPrice: 7.67, amount: 7.67 }],
    });
    expect(outcomes(scoreEinvoice(einvoice, x))).toEqual({
      invoiceNumber: 'correct',
      issueDate: 'correct',
      currency: 'correct',
      vendorName: 'correct',
      vendorVatId: 'not_extracted',
      customerName: 'wrong',
      subtotal: 'correct',
      taxAmount: 'correct',
      total: 'wrong',
      amountDue: 'not_extracted',
      documentType: 'not_extracted',
      lineItems: 'correct',
    });
  });

  it('scores a field as soon as the extraction produces it (VAT id without blanks, document type as its code)', () => {
    const x = extracted({ vendorVatId: 'DE 123 456 789', documentType: 'credit_note', amountDue: null });
    const o = outcomes(scoreEinvoice(einvoice, x));
    expect([o.vendorVatId, o.documentType, o.amountDue]).toEqual(['correct', 'correct', 'wrong']);
    expect(documentTypeCode('384')).toBe('384');
    // The product's types are coarser than the codes: a corrected invoice (384) read as an invoice is right.
    expect(sameDocumentType('384', 'invoice')).toBe(true);
    expect(sameDocumentType('389', 'credit_note')).toBe(false);
    expect(sameDocumentType('381', 'credit_note')).toBe(true);
    expect(sameDocumentType('751', 'invoice')).toBe(false);
    expect(documentTypeCode('Rechnung')).toBeNull();
  });

  it('line items: as many lines as labelled, printed parts equal; every field wrong when OCR failed', () => {
    const two = [
      { description: 'a', quantity: 1, unitPrice: 7.67, amount: 7.67 },
      { description: 'b', quantity: 1, unitPrice: 1, amount: 1 },
    ];
    expect(outcomes(scoreEinvoice(einvoice, extracted({ lineItems: two }))).lineItems).toBe('wrong');
    expect(
      outcomes(
        scoreEinvoice(
          { ...einvoice, lineItems: [{ description: 'Stift', quantity: null, unitPrice: null, amount: 1 }] },
          extracted({ lineItems: [{ description: 'STIFT', quantity: 9, unitPrice: 9, amount: 1 }] }),
        ),
      ).lineItems,
    ).toBe('correct');
    expect(new Set(scoreEinvoice(einvoice, null).map((s) => s.outcome))).toEqual(new Set(['wrong']));
  });
});

const invoices: InvoicesTruth = {
  invoiceNumber: '#INV-7',
  issueDate: '2025-07-03',
  dueDate: null,
  currency: null,
  currencyInferred: 'GBP',
  vendorName: 'Contoso, Ltd.',
  customerName: 'John Smith',
  subtotal: 61.48,
  taxAmount: 6.14,
  total: 82.62,
  amountDue: 82.62,
  ambiguousDayMonth: false,
  lineItems: [
    { description: '38mm Widget', quantity: 2, unitPrice: 24.5, amount: 49 },
    { description: '3.5mm screws pack', quantity: 1, unitPrice: 4.99, amount: 4.99 },
  ],
};

describe('scoreInvoices', () => {
  it('null labels are right when nothing is extracted; names compact; the inferred currency is accepted', () => {
    const x = extracted({
      invoiceNumber: 'INV 7',
      issueDate: '2025-07-03',
      currency: 'GBP',
      vendorName: 'CONTOSO LTD',
      customerName: 'John Smith',
      subtotal: 61.48,
      taxAmount: 6.14,
      total: 82.62,
      lineItems: [
        { description: '3.5 mm screws pack', quantity: 1, unitPrice: 4.99, amount: 4.99 },
        { description: '38mm Widgt', quantity: 2, unitPrice: 24.5, amount: 49 },
      ],
    });
    expect(outcomes(scoreInvoices(invoices, x))).toEqual({
      invoiceNumber: 'correct',
      issueDate: 'correct',
      dueDate: 'correct',
      currency: 'correct',
      vendorName: 'correct',
      customerName: 'correct',
      subtotal: 'correct',
      taxAmount: 'correct',
      total: 'correct',
      amountDue: 'not_extracted',
      lineItems: 'correct',
    });
    expect(outcomes(scoreInvoices(invoices, extracted({ dueDate: '2025-08-01', currency: 'USD' })))).toMatchObject({
      dueDate: 'wrong',
      currency: 'wrong',
    });
  });

  it('accepts the swapped day and month only for labels flagged ambiguous', () => {
    const x = extracted({ issueDate: '2025-03-07' });
    expect(outcomes(scoreInvoices(invoices, x)).issueDate).toBe('wrong');
    expect(outcomes(scoreInvoices({ ...invoices, ambiguousDayMonth: true }, x)).issueDate).toBe('correct');
    expect(sameDateEitherOrder('2025-07-03', '2025-07-03')).toBe(true);
    expect(sameDateEitherOrder('2025-07-03', '2025-07-04')).toBe(false);
  });

  it('line items matched by description similarity, then numbers; a document without an item table wants none', () => {
    expect(descriptionSimilarity('38mm Widget', '38 MM widget')).toBe(1);
    expect(
      sameInvoicesLines(invoices.lineItems!, [
        { description: '38mm Widget', quantity: 2, unitPrice: 24.5, amount: 49 },
        { description: 'Something else', quantity: 1, unitPrice: 4.99, amount: 4.99 },
      ]),
    ).toBe(false);
    expect(
      sameInvoicesLines(invoices.lineItems!, [
        { description: '38mm Widget', quantity: 2, unitPrice: 24.5, amount: 48 },
        { description: '3.5mm screws pack', quantity: 1, unitPrice: 4.99, amount: 4.99 },
      ]),
    ).toBe(false);
    const none = { ...invoices, lineItems: null };
    expect(outcomes(scoreInvoices(none, extracted())).lineItems).toBe('correct');
    expect(
      outcomes(scoreInvoices(none, extracted({ lineItems: [{ description: 'x', quantity: 1, unitPrice: 1, amount: 1 }] }))).lineItems,
    ).toBe('wrong');
  });
});

describe('per-group summaries', () => {
  const result = (id: string, group: string, right: boolean, pageCount: number, ocrMs: number) =>
    ({
      id,
      group,
      pageCount,
      ocrMs,
      issues: [] as string[],
      reasons: [] as string[],
      error: null,
      meanConfidence: 90,
      cer: null,
      labelInOcrText: null,
      fields: [
        { field: 'total', outcome: right ? 'correct' : 'wrong', expected: 1, actual: right ? 1 : 2, confidence: 0.97 },
        { field: 'vendorVatId', outcome: 'not_extracted', expected: 'X', actual: null },
      ],
    }) as const;
  const results = [result('a', 'p1', true, 2, 1000), result('b', 'p1', false, 1, 1000), result('c', 'p2', true, 3, 500)];

  it('gives each group its accuracy, done-while-wrong, calibration and pages per second of its own reading time', () => {
    const groups = summarizeGroups(
      'einvoice',
      results.map((r) => ({ ...r, fields: [...r.fields] })),
      0.9,
      (r) => r.group,
    );
    expect(groups.map((g) => [g.group, g.summary.documents, g.summary.pages, g.summary.pagesPerSecond])).toEqual([
      ['p1', 2, 3, 1.5],
      ['p2', 1, 3, 6],
    ]);
    const p1 = groups[0]!.summary;
    expect(p1.fields.find((f) => f.field === 'total')).toMatchObject({ count: 1, of: 2 });
    expect(p1.fields.find((f) => f.field === 'vendorVatId')?.status).toBe('not extracted');
    expect(p1.doneButWrong.documents).toEqual(['b']);
    expect(p1.calibration.at(-1)).toMatchObject({ count: 2, right: 1 });
    const printed = formatGrouping({ by: 'producer', groups });
    expect(printed).toContain(
      'p1        2     3      -              -          -        -         -           n/e          -             -         -          50% 1/2',
    );
    expect(
      summarize(
        'einvoice',
        results.map((r) => ({ ...r, fields: [...r.fields] })),
        2,
        2,
      ).pagesPerSecond,
    ).toBe(3);
  });
});
