import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { seedInvoice, type TestDatabase } from '@invoice/testing';
import { startAdminGateway, type AdminGateway } from '../testing/gateway.harness.js';

describe('document type, VAT ids, IBAN, order number, amount due and tax lines through the API (real Postgres)', () => {
  let db: TestDatabase;
  let admin: string;
  let org: string;
  let http: ReturnType<typeof request>;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  let gateway: AdminGateway;

  beforeAll(async () => {
    gateway = await startAdminGateway('docfields');
    ({ db, admin, org, http } = gateway);
  });

  afterAll(async () => {
    await gateway?.close();
  });

  /** An invoice stored as the worker stores one, with the new columns filled. */
  async function storedInvoice(fields: { documentType: string; amountDue: number; taxLines: unknown[] }): Promise<string> {
    const documentId = await seedInvoice(db.dataSource, {
      organizationId: org,
      customerKey: null,
      issueDate: '2026-03-02',
      total: 119,
      status: 'needs_review',
    });
    await db.dataSource.query(
      `UPDATE invoices SET document_type = $2, vendor_vat_id = 'DE136695976', customer_vat_id = 'ATU13585627', iban = 'DE89370400440532013000',
              order_number = 'PO-7781', amount_due = $3, tax_lines = $4, vendor_name = 'Muster GmbH', issues = '["missing:invoiceNumber","missing:customerName","missing:lineItems"]'
        WHERE document_id = $1`,
      [documentId, fields.documentType, fields.amountDue, JSON.stringify(fields.taxLines)],
    );
    return documentId;
  }

  it('answers the stored fields on GET /api/invoices/:id, numbers as numbers', async () => {
    const documentId = await storedInvoice({ documentType: 'invoice', amountDue: 119, taxLines: [{ rate: 19, base: 100, amount: 19 }] });
    const res = await http.get(`/api/invoices/${documentId}`).set(auth(admin)).expect(200);
    expect(res.body.invoice).toMatchObject({
      documentType: 'invoice',
      vendorVatId: 'DE136695976',
      customerVatId: 'ATU13585627',
      iban: 'DE89370400440532013000',
      orderNumber: 'PO-7781',
      amountDue: 119,
      taxLines: [{ rate: 19, base: 100, amount: 19 }],
    });
  });

  it('lists the document type and filters on it; a malformed type is a 400 naming the field', async () => {
    const creditNote = await storedInvoice({
      documentType: 'credit_note',
      amountDue: -119,
      taxLines: [{ rate: 19, base: -100, amount: -19 }],
    });
    const res = await http.get('/api/invoices').query({ documentType: 'credit_note' }).set(auth(admin)).expect(200);
    expect(res.body.items.map((i: { documentId: string }) => i.documentId)).toEqual([creditNote]);
    expect(res.body.items[0]).toMatchObject({ documentType: 'credit_note' });
    const detail = await http.get(`/api/invoices/${creditNote}`).set(auth(admin)).expect(200);
    expect(detail.body.invoice).toMatchObject({ amountDue: -119, taxLines: [{ rate: 19, base: -100, amount: -19 }] });
    const bad = await http.get('/api/invoices').query({ documentType: 'Credit Note!' }).set(auth(admin)).expect(400);
    expect(bad.body.message).toMatch(/documentType/);
  });

  it('corrects the fields by PATCH: normalized, recorded, person evidence, checks recomputed for the new type', async () => {
    const documentId = await storedInvoice({ documentType: 'invoice', amountDue: 119, taxLines: [] });
    const taxLines = [
      { rate: 19, base: 50, amount: 9.5 },
      { rate: 7, base: 50, amount: 3.5 },
    ];
    const res = await http
      .patch(`/api/invoices/${documentId}`)
      .set(auth(admin))
      .send({
        documentType: 'receipt',
        iban: 'be68 5390 0754 7034',
        vendorVatId: 'fr 40 303 265 045',
        orderNumber: 'PO-9',
        amountDue: 113,
        taxLines,
      })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'done',
      invoice: {
        documentType: 'receipt',
        iban: 'BE68539007547034',
        vendorVatId: 'FR40303265045',
        orderNumber: 'PO-9',
        amountDue: 113,
        taxLines,
      },
    });
    // A receipt needs vendor, date and total: no invoice number, customer or items missing any more.
    expect(res.body.invoice.issues).toEqual([]);
    expect(res.body.invoice.fieldEvidence.taxLines).toEqual({ confidence: 1, wordIndexes: [], source: 'person' });
    expect(res.body.invoice.corrections[0].changes.taxLines).toEqual({ from: [], to: taxLines });
    expect(res.body.invoice.originalExtraction).toMatchObject({ documentType: 'invoice', iban: 'DE89370400440532013000', taxLines: [] });
    // The same tax lines again change nothing.
    await http.patch(`/api/invoices/${documentId}`).set(auth(admin)).send({ taxLines }).expect(200);
    const [{ count }] = await db.dataSource.query(
      `SELECT count(*)::int AS count FROM invoice_corrections c JOIN invoices i ON i.id = c.invoice_id WHERE i.document_id = $1`,
      [documentId],
    );
    expect(count).toBe(1);
  });

  it('refuses an IBAN failing its check digits, a malformed VAT id and a tax line without a rate, naming each', async () => {
    const documentId = await storedInvoice({ documentType: 'invoice', amountDue: 119, taxLines: [] });
    const res = await http
      .patch(`/api/invoices/${documentId}`)
      .set(auth(admin))
      .send({ iban: 'DE89 3704 0044 0532 0130 01', customerVatId: '12345', taxLines: [{ base: 1, amount: 2 }] })
      .expect(400);
    expect(res.body.message).toMatch(/iban/);
    expect(res.body.message).toMatch(/customerVatId/);
    expect(res.body.message).toMatch(/taxLines/);
    const [row] = await db.dataSource.query(`SELECT iban FROM invoices WHERE document_id = $1`, [documentId]);
    expect(row.iban).toBe('DE89370400440532013000');
  });
});
