import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { OcrWord } from '@invoice/contracts';
import { seedInvoice, seedOrganization, type TestDatabase } from '@invoice/testing';
import { startAdminGateway, userToken, type AdminGateway } from '../testing/gateway.harness.js';

/** One text line as OCR words: 10 px per character, 16 px high. */
function line(text: string, x: number, y: number): OcrWord[] {
  const words: OcrWord[] = [];
  let cursor = x;
  for (const part of text.split(/( +)/)) {
    if (part.trim())
      words.push({ text: part, confidence: 91, bbox: { x0: cursor, y0: y, x1: cursor + 10 * part.length, y1: y + 16 }, page: 0 });
    cursor += 10 * part.length;
  }
  return words;
}

/** A vendor layout the generic extraction does not read (labels "Reference", "Dated", "Customer" above the name, "Amount payable"). */
function northwind(number: string, dated: string, client: string, total: string, dy = 0): OcrWord[] {
  return [
    ...line('NORTHWIND TRADING LTD', 60, 40 + dy),
    ...line('12 Harbour Road, Leeds', 60, 75 + dy),
    ...line('Reference', 60, 130 + dy),
    ...line(number, 300, 130 + dy),
    ...line('Shipped', 60, 160 + dy),
    ...line('01/01/2024', 300, 160 + dy),
    ...line('Dated', 60, 190 + dy),
    ...line(dated, 300, 190 + dy),
    ...line('Customer', 60, 240 + dy),
    ...line(client, 60, 265 + dy),
    ...line('Amount payable', 400, 420 + dy),
    ...line(`${total} Euro`, 640, 420 + dy),
    ...line('Thank you for your business', 60, 700 + dy),
  ];
}

const acme = (): OcrWord[] => [
  ...line('ACME OFFICE SUPPLIES', 60, 40),
  ...line('Order ref', 60, 120),
  ...line('77-1', 300, 120),
  ...line('Grand sum 10.00', 400, 300),
];

describe('vendor templates learned from corrections (gateway, real Postgres)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let admin: string;
  let org: string;
  let http: ReturnType<typeof request>;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  let gateway: AdminGateway;

  beforeAll(async () => {
    gateway = await startAdminGateway('templates');
    ({ db, app, admin, org, http } = gateway);
  });

  afterAll(async () => {
    await gateway?.close();
  });

  async function invoiceWithWords(organizationId: string, words: OcrWord[]): Promise<string> {
    const documentId = await seedInvoice(db.dataSource, {
      organizationId,
      customerKey: null,
      issueDate: '2024-01-01',
      total: null,
      status: 'needs_review',
    });
    await db.dataSource.query(`UPDATE invoices SET ocr_words = $2 WHERE document_id = $1`, [documentId, JSON.stringify(words)]);
    return documentId;
  }

  const templates = (organizationId: string) =>
    db.dataSource.query(
      `SELECT vendor_key, examples, template, fingerprint FROM vendor_templates WHERE organization_id = $1 ORDER BY created_at`,
      [organizationId],
    );

  it('learns the layout of a corrected invoice: label and place of each corrected field, the answer unchanged', async () => {
    const documentId = await invoiceWithWords(org, northwind('NW-2024-0042', '05/02/2024', 'Jane Smith', '20.00'));
    const res = await http
      .patch(`/api/invoices/${documentId}`)
      .set(auth(admin))
      .send({ invoiceNumber: 'NW-2024-0042', issueDate: '2024-02-05', customerName: 'Jane Smith', total: 20 })
      .expect(200);
    // Seeded without line items: that check still fails, so the invoice stays in review (the template learns all the same).
    expect(res.body).toMatchObject({
      status: 'needs_review',
      invoice: { invoiceNumber: 'NW-2024-0042', total: 20, issues: ['missing:lineItems'] },
    });

    const [row, ...others] = await templates(org);
    expect(others).toHaveLength(0);
    expect(row.vendor_key).toMatch(/^layout:/);
    expect(row.examples).toBe(1);
    expect(row.fingerprint).toEqual(expect.arrayContaining(['northwind', 'harbour', 'reference', 'dated', 'customer']));
    expect(row.fingerprint).not.toContain('thank');
    const first = (field: string) => row.template.fields[field].observations[0];
    expect(first('invoiceNumber')).toMatchObject({ label: 'reference', relation: 'right', count: 1 });
    expect(first('issueDate')).toMatchObject({ label: 'dated', relation: 'right' });
    expect(first('customerName')).toMatchObject({ label: 'customer', relation: 'below' });
    expect(first('total')).toMatchObject({ label: 'amountpayable', relation: 'right' });
    const [invoice] = await db.dataSource.query(`SELECT vendor_key FROM invoices WHERE document_id = $1`, [documentId]);
    expect(invoice.vendor_key).toBe(row.vendor_key);

    // The same invoice corrected again is not a second example.
    await http.patch(`/api/invoices/${documentId}`).set(auth(admin)).send({ invoiceNumber: 'NW-2024-0042', total: 20 }).expect(200);
    const [again] = await templates(org);
    expect(again.examples).toBe(1);
    expect(again.template.fields.invoiceNumber.observations[0].count).toBe(1);
  });

  it('adds a later correction of the same layout to the same template (matched by fingerprint), another vendor gets its own', async () => {
    const second = await invoiceWithWords(org, northwind('NW-2024-0107', '14/03/2024', 'Olivier Martin', '331.50', 20));
    await http.patch(`/api/invoices/${second}`).set(auth(admin)).send({ invoiceNumber: 'NW-2024-0107', total: 331.5 }).expect(200);
    const other = await invoiceWithWords(org, acme());
    await http.patch(`/api/invoices/${other}`).set(auth(admin)).send({ invoiceNumber: '77-1', total: 10 }).expect(200);

    const [northwindRow, acmeRow] = await templates(org);
    expect(northwindRow.examples).toBe(2);
    expect(northwindRow.template.fields.invoiceNumber.observations[0].count).toBe(2);
    expect(northwindRow.template.fields.issueDate.observations[0].count).toBe(1);
    expect(acmeRow.examples).toBe(1);
    expect(acmeRow.template.fields.invoiceNumber.observations[0]).toMatchObject({ label: 'orderref' });
    expect(acmeRow.vendor_key).not.toBe(northwindRow.vendor_key);
  });

  it('keeps each organization to its own templates', async () => {
    const otherOrg = await seedOrganization(db.dataSource, 'Other Org');
    const uploader = await userToken(app, 'Other Org', 'uma', 'uploader');
    const documentId = await invoiceWithWords(otherOrg, northwind('NW-2024-0300', '01/06/2024', 'Ana Costa', '45.00'));
    await http.patch(`/api/invoices/${documentId}`).set(auth(uploader)).send({ total: 45 }).expect(200);
    const rows = await templates(otherOrg);
    expect(rows).toHaveLength(1);
    expect(rows[0].examples).toBe(1);
    expect((await templates(org))[0].examples).toBe(2);
  });

  it('learns nothing from corrections of line items only, of values not printed on the page, or without OCR words, and the correction still succeeds', async () => {
    const before = await templates(org);
    const documentId = await invoiceWithWords(org, northwind('NW-2024-0500', '01/07/2024', 'Li Wei', '12.00'));
    await http
      .patch(`/api/invoices/${documentId}`)
      .set(auth(admin))
      .send({ lineItems: [{ description: 'Pens', quantity: 1, unitPrice: 12, amount: 12 }] })
      .expect(200);
    expect(await templates(org)).toEqual(before);
    await http.patch(`/api/invoices/${documentId}`).set(auth(admin)).send({ total: 999.99, invoiceNumber: 'NOT-PRINTED-1' }).expect(200);
    expect(await templates(org)).toEqual(before);
    const blank = await invoiceWithWords(org, []);
    const res = await http.patch(`/api/invoices/${blank}`).set(auth(admin)).send({ total: 99 }).expect(200);
    expect(res.body.invoice.total).toBe(99);
    expect(await templates(org)).toEqual(before);
  });

  it('learns every value of an invoice whose review a person ends (an empty one: the layout prints none), and a value cleared by a correction', async () => {
    const reviewOrg = await seedOrganization(db.dataSource, 'Review Org');
    const reviewer = await userToken(app, 'Review Org', 'rita', 'admin');
    const documentId = await invoiceWithWords(reviewOrg, northwind('NW-2024-0600', '02/08/2024', 'Ana Costa', '45.00'));
    await db.dataSource.query(
      `UPDATE invoices SET invoice_number = 'NW-2024-0600', issue_date = '2024-08-02', customer_name = 'Ana Costa', total = 45,
              vendor_name = NULL, due_date = NULL WHERE document_id = $1`,
      [documentId],
    );
    // No correction: the person accepts the invoice as it is (its line items are missing), which ends its review.
    const res = await http
      .patch(`/api/invoices/${documentId}`)
      .set(auth(reviewer))
      .send({ accept: { reason: 'checked on paper' } });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('done');
    const [row] = await templates(reviewOrg);
    expect(row.examples).toBe(1);
    const fields = row.template.fields;
    expect(fields.invoiceNumber.observations[0]).toMatchObject({ label: 'reference', relation: 'right' });
    expect(fields.customerName.observations[0]).toMatchObject({ label: 'customer', relation: 'below' });
    expect(fields.total.observations[0]).toMatchObject({ label: 'amountpayable' });
    expect(fields.vendorName).toMatchObject({ absent: 1, observations: [] });
    expect(fields.dueDate).toMatchObject({ absent: 1 });

    // A correction that clears a value of an invoice of the same layout: one more invoice without it.
    const next = await invoiceWithWords(reviewOrg, northwind('NW-2024-0601', '03/08/2024', 'Li Wei', '12.00', 10));
    await http.patch(`/api/invoices/${next}`).set(auth(reviewer)).send({ vendorName: null, total: 12 }).expect(200);
    const [after] = await templates(reviewOrg);
    expect(after.examples).toBe(2);
    expect(after.template.fields.vendorName.absent).toBe(2);
    // The first example's place of the total read this invoice's total right.
    expect(after.template.fields.total.observations[0]).toMatchObject({ count: 2, hits: 1 });
  });
});
