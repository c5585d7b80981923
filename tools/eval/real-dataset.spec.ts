import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectFormat, loadDataset } from './dataset.js';
import { invoicesTruth } from './real-dataset.js';

/** A made-up e-invoice label: `labelsPrinted` is what is scored, the top-level values are the XML's. */
const einvoiceLabel = (producer: string, visualGroup: string, overrides: Record<string, unknown> = {}) => ({
  invoiceNumber: 'R-1',
  total: 119,
  lineItems: null,
  labelsPrinted: {
    invoiceNumber: 'R-1',
    issueDate: '2020-01-31',
    dueDate: null,
    currency: 'EUR',
    vendorName: 'Acme GmbH',
    vendorVatId: 'DE 111',
    customerName: 'Kunde AG',
    subtotal: 100,
    taxAmount: 19,
    total: 119,
    amountDue: 119,
    documentType: '380',
    lineItems: [{ description: null, quantity: 2, unitPrice: 50, amount: 100 }],
    ...overrides,
  },
  meta: { producer, layout: 'plain', visualGroup },
});

const invoicesLabel = (overrides: Record<string, unknown> = {}) => ({
  id: 'x',
  invoiceNumber: '#7',
  issueDate: '2025-07-03',
  dueDate: null,
  currency: null,
  currencyInferred: 'GBP',
  vendorName: 'Shop Ltd',
  customerName: 'Ann',
  subtotal: 10,
  taxAmount: 2,
  total: 12,
  amountDue: 12,
  lineItems: [{ description: 'Pen', quantity: 1, unitPrice: 10, amount: 10 }],
  checks: {},
  notes: '',
  file: 'x.pdf',
  ...overrides,
});

describe('detectFormat (real invoices)', () => {
  it('tells an e-invoice label and an invoices-dev label from a generator ground truth', () => {
    expect(detectFormat(einvoiceLabel('p', 'g'))).toBe('einvoice');
    expect(detectFormat(invoicesLabel())).toBe('invoices');
    const { checks: _checks, notes: _notes, ...generatedLike } = invoicesLabel();
    expect(detectFormat(generatedLike)).toBe('generated');
  });
});

describe('invoicesTruth', () => {
  it('accepts both day/month orders only where the notes call the order ambiguous', () => {
    expect(invoicesTruth(invoicesLabel({ notes: "Date '6/12/2024' ambiguous D/M vs M/D." })).ambiguousDayMonth).toBe(true);
    expect(invoicesTruth(invoicesLabel({ notes: "Date '03/07/2025' read D/M." })).ambiguousDayMonth).toBe(true);
    expect(invoicesTruth(invoicesLabel({ notes: 'Dates printed 26/02/2019 (D/M/Y, since 26 cannot be a month).' })).ambiguousDayMonth).toBe(
      false,
    );
  });
});

describe('loadDataset (real invoices)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eval-real-'));
    await mkdir(join(dir, 'scans'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('einvoice: the PDF in text mode, the TIFF scan in scan mode, one document per visualGroup, producer as group', async () => {
    for (const id of ['a', 'b', 'c']) {
      await writeFile(join(dir, `${id}.pdf`), '%PDF-');
      await writeFile(join(dir, 'scans', `${id}.tiff`), 'tiff');
    }
    await writeFile(join(dir, 'a.json'), JSON.stringify(einvoiceLabel('intarsys', 'g1')));
    await writeFile(join(dir, 'b.json'), JSON.stringify(einvoiceLabel('symtrax', 'g1')));
    await writeFile(join(dir, 'c.json'), JSON.stringify(einvoiceLabel('fnfe', 'g2', { total: null })));

    const text = await loadDataset(dir);
    expect(text.format).toBe('einvoice');
    expect(text.documents.map((d) => [d.id, d.imagePath.slice(dir.length), d.format === 'einvoice' ? d.group : null])).toEqual([
      ['a', '/a.pdf', 'intarsys'],
      ['c', '/c.pdf', 'fnfe'],
    ]);
    expect(text.skipped).toEqual([{ file: 'b.json', reason: 'same page text as a (visualGroup g1): one document scored per group' }]);
    const c = text.documents[1]!;
    expect(c.format === 'einvoice' && c.truth).toMatchObject({
      total: null,
      vendorVatId: 'DE 111',
      lineItems: [{ description: null, quantity: 2, unitPrice: 50, amount: 100 }],
    });

    const scan = await loadDataset(dir, undefined, 'scan');
    expect(scan.documents.map((d) => d.imagePath.slice(dir.length))).toEqual(['/scans/a.tiff', '/scans/c.tiff']);
  });

  it('invoices: the original file, its page scan in scan mode when there is one, the issuer from the manifest', async () => {
    await writeFile(join(dir, 'x.pdf'), '%PDF-');
    await writeFile(join(dir, 'scans', 'x.png'), 'png');
    await writeFile(join(dir, 'x.json'), JSON.stringify(invoicesLabel()));
    await writeFile(join(dir, 'y.jpg'), 'jpg');
    await writeFile(join(dir, 'y.json'), JSON.stringify(invoicesLabel({ id: 'y', file: 'y.jpg', vendorName: 'Printed Name' })));
    await writeFile(join(dir, 'z.json'), JSON.stringify(invoicesLabel({ id: 'z', file: 'z.pdf' })));
    await writeFile(join(dir, 'manifest.jsonl'), `${JSON.stringify({ id: 'x', issuer: 'SHOP LTD' })}\n`);

    const text = await loadDataset(dir);
    expect(text.format).toBe('invoices');
    expect(text.documents.map((d) => [d.id, d.imagePath.slice(dir.length), d.format === 'invoices' ? d.group : null])).toEqual([
      ['x', '/x.pdf', 'SHOP LTD'],
      ['y', '/y.jpg', 'Printed Name'],
    ]);
    expect(text.skipped).toEqual([{ file: 'z.json', reason: 'no file to read for z' }]);
    const scan = await loadDataset(dir, undefined, 'scan');
    expect(scan.documents.map((d) => d.imagePath.slice(dir.length))).toEqual(['/scans/x.png', '/y.jpg']);
  });
});
