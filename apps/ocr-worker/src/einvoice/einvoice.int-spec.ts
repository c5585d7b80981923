import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { seedDocument, textLayerPdf, type PdfLine, type TestDatabase } from '@invoice/testing';
import { DocumentProcessingService } from '../processing/document-processing.service.js';
import { decideOnFailure } from '../processing/failure.policy.js';
import { startTestWorker, type TestWorker } from '../testing/worker.harness.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../../libs/einvoice/src/__fixtures__');
const FACTUR_X = readFileSync(join(FIXTURES, 'factur-x-en16931.xml'));
const UBL = readFileSync(join(FIXTURES, 'peppol-ubl-invoice.xml'));

/** The page of the Factur-X fixture, as its seller prints it. */
const PAGE: PdfLine[] = [
  ['Verger du Midi SARL, 12 rue des Oliviers, 34000 Montpellier', 40, 40],
  ['FACTURE N° FX-2026-0042', 360, 90],
  ['Date : 15/11/2026   Échéance : 15/12/2026', 360, 110],
  ['Client : Épicerie Centrale, 5 avenue Parmentier, 75011 Paris', 40, 140],
  ['Pommes Golden (caisse)   4   12,50   50,00', 40, 220],
  ['Livraison   1,5   30,00   45,00', 40, 240],
  ['Total HT 95,00 EUR', 380, 320],
  ['TVA 5,5 % 2,75   TVA 20 % 9,00', 330, 340],
  ['Total TTC 106,75 EUR', 380, 360],
  ['Acompte 20,00   Net à payer 86,75 EUR', 330, 380],
];

/** A one-page text PDF of `lines` with `xml` attached as factur-x.xml. */
const pdfWithXml = (lines: readonly PdfLine[], xml: Buffer) => textLayerPdf(lines, { name: 'factur-x.xml', content: xml });

describe('worker: e-invoices (real Postgres)', () => {
  let harness: TestWorker;
  let db: TestDatabase;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    harness = await startTestWorker('einvoice');
    ({ db, worker } = harness);
  });

  afterAll(() => harness?.close());

  const process = async (content: Buffer, mimeType: string) => {
    const doc = await seedDocument(db.dataSource, content, { mimeType });
    const outcome = await worker.get(DocumentProcessingService).process({ documentId: doc.documentId, organizationId: doc.organizationId });
    const [row] = await db.dataSource.query(
      `SELECT i.invoice_number, i.total::float AS total, i.amount_due::float AS amount_due, i.prepaid_amount::float AS prepaid_amount, i.vendor_email,
              i.vendor_registration_id, i.buyer_reference, i.delivery_date::text AS delivery_date, i.payment_terms, i.issues, i.einvoice, i.einvoice_xml,
              i.field_evidence, i.tax_lines, i.page_count, i.engine_version, d.status, d.page_count AS document_pages
         FROM invoices i JOIN documents d ON d.id = i.document_id WHERE i.document_id = $1`,
      [doc.documentId],
    );
    const lines = await db.dataSource.query(
      `SELECT description, quantity::float AS quantity, unit_price::float AS unit_price, amount::float AS amount, unit, tax_rate::float AS tax_rate
         FROM invoice_line_items WHERE invoice_id = (SELECT id FROM invoices WHERE document_id = $1) ORDER BY position`,
      [doc.documentId],
    );
    const [{ count: pageImages }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM document_pages WHERE document_id = $1`, [
      doc.documentId,
    ]);
    return { outcome, row, lines, pageImages: pageImages as number };
  };

  it('a Factur-X PDF: every field from its XML (source einvoice, confidence 1), the page agreeing, the XML kept', async () => {
    const { outcome, row, lines, pageImages } = await process(await pdfWithXml(PAGE, FACTUR_X), 'application/pdf');
    expect(pageImages).toBe(1);
    expect(row).toMatchObject({
      invoice_number: 'FX-2026-0042',
      total: 106.75,
      prepaid_amount: 20,
      amount_due: 86.75,
      vendor_email: 'factures@verger-midi.example',
      vendor_registration_id: '123456782',
      buyer_reference: 'SERVICE-ACHATS',
      delivery_date: '2026-11-12',
      payment_terms: 'Paiement à 30 jours',
      issues: [],
      einvoice: { syntax: 'CII', profile: 'EN 16931', attachment: 'factur-x.xml', failedRules: [], mismatches: [] },
      page_count: 1,
    });
    expect(Buffer.from(row.einvoice_xml).equals(FACTUR_X)).toBe(true);
    expect(row.field_evidence.total).toEqual({ confidence: 1, wordIndexes: [], source: 'einvoice' });
    expect(lines).toEqual([
      { description: 'Pommes Golden (caisse)', quantity: 4, unit_price: 12.5, amount: 50, unit: 'C62', tax_rate: 5.5 },
      { description: 'Livraison', quantity: 1.5, unit_price: 30, amount: 45, unit: 'HUR', tax_rate: 20 },
    ]);
    expect(outcome.status).toBe('done');
  });

  it('a Factur-X PDF whose page prints another total goes to review with einvoice_mismatch:total', async () => {
    const altered = PAGE.map(([t, x, y]) => [t.replace('106,75', '116,75'), x, y] as [string, number, number]);
    const { outcome, row } = await process(await pdfWithXml(altered, FACTUR_X), 'application/pdf');
    expect(row.total).toBe(106.75);
    expect(row.issues).toContain('einvoice_mismatch:total');
    expect(row.einvoice.mismatches).toEqual(['total']);
    expect(outcome.status).toBe('needs_review');
  });

  it('a bare UBL invoice is read with no page (and no page image)', async () => {
    const { outcome, row, lines, pageImages } = await process(UBL, 'application/xml');
    expect(pageImages).toBe(0);
    expect(row).toMatchObject({
      invoice_number: 'UBL-889',
      total: 377,
      amount_due: 300,
      prepaid_amount: 77,
      page_count: 0,
      document_pages: 0,
      engine_version: 'einvoice-xml',
      einvoice: { syntax: 'UBL', profile: 'PEPPOL BIS 3', attachment: null },
    });
    expect(row.tax_lines).toEqual([
      { rate: 19, base: 300, amount: 57, category: 'S' },
      { rate: 0, base: 20, amount: 0, category: 'E' },
    ]);
    expect(lines.map((l: { unit: string }) => l.unit)).toEqual(['C62', 'HUR']);
    expect(outcome.status).toBe('done');
  });

  it('a hostile bare XML fails for good with a readable reason, reading no file', async () => {
    const xxe = Buffer.from(
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100">&x;</rsm:CrossIndustryInvoice>',
    );
    const error = await process(xxe, 'application/xml').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^E-invoice XML cannot be read: XML with a DOCTYPE or ENTITY declaration is refused/);
    expect(decideOnFailure(error, 0, 3)).toBe('fail-permanently');
  });

  it('a PDF whose factur-x.xml is hostile: the page is read and the invoice goes to review', async () => {
    const lol = Buffer.from(
      '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><r>&b;</r>',
    );
    const { outcome, row } = await process(await pdfWithXml(PAGE, lol), 'application/pdf');
    expect(row.invoice_number).toBe('FX-2026-0042');
    expect(row.issues).toContain('einvoice_unreadable:XML_FORBIDDEN');
    expect(row.einvoice).toBeNull();
    expect(outcome.status).toBe('needs_review');
  });
});
