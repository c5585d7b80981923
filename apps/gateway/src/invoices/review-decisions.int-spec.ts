import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { seedInvoice, type TestDatabase } from '@invoice/testing';
import type { InvoiceResponse } from '@invoice/contracts';
import { startAdminGateway, userToken, type AdminGateway } from '../testing/gateway.harness.js';

describe('review outcomes: line items corrected, reject / not an invoice, undo of the latest save (gateway, real Postgres)', () => {
  let gateway: AdminGateway;
  let db: TestDatabase;
  let admin: string;
  let org: string;
  let http: ReturnType<typeof request>;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const get = async (documentId: string): Promise<InvoiceResponse> =>
    (await http.get(`/api/invoices/${documentId}`).set(auth(admin)).expect(200)).body;

  beforeAll(async () => {
    gateway = await startAdminGateway('review_outcomes');
    ({ db, admin, org, http } = gateway);
  });
  afterAll(async () => {
    await gateway?.close();
  });

  /** An invoice in review whose line items are wrong: 2 x 50 printed as 90, the total 100. */
  async function inReview(): Promise<string> {
    const documentId = await seedInvoice(db.dataSource, {
      organizationId: org,
      customerKey: 'name:acme',
      customerName: 'Acme',
      issueDate: '2026-03-02',
      total: 100,
      status: 'needs_review',
    });
    await db.dataSource.query(
      `UPDATE invoices SET invoice_number = 'F-1', issues = '["line_amount_mismatch:1","total_mismatch","low_confidence:total"]',
              field_evidence = '{"total":{"confidence":0.4,"wordIndexes":[3],"source":"ocr"}}' WHERE document_id = $1`,
      [documentId],
    );
    const [{ id }] = await db.dataSource.query(`SELECT id FROM invoices WHERE document_id = $1`, [documentId]);
    await db.dataSource.query(
      `INSERT INTO invoice_line_items (invoice_id, organization_id, position, description, quantity, unit_price, amount) VALUES ($1, $2, 0, 'Paper', 2, 50, 90), ($1, $2, 1, 'Ink', 1, 10, 10)`,
      [id, org],
    );
    return documentId;
  }

  it('corrects, reorders and removes line items through PATCH, audited, and undoes it back to the state before', async () => {
    const documentId = await inReview();
    const items = [
      { description: 'Ink', quantity: 1, unitPrice: 10, amount: 10 },
      { description: 'Paper', quantity: 2, unitPrice: 45, amount: 90 },
    ];
    const saved = await http.patch(`/api/invoices/${documentId}`).set(auth(admin)).send({ lineItems: items }).expect(200);
    expect(saved.body).toMatchObject({ status: 'done', invoice: { lineItems: items, issues: [] } });
    const record = saved.body.invoice.corrections.at(-1);
    expect(record).toMatchObject({
      id: expect.any(String),
      undoOf: null,
      changes: {
        lineItems: {
          from: [
            { description: 'Paper', quantity: 2, unitPrice: 50, amount: 90 },
            { description: 'Ink', quantity: 1, unitPrice: 10, amount: 10 },
          ],
          to: items,
        },
        status: { from: 'needs_review', to: 'done' },
      },
    });

    // A row removed: the sum no longer holds, so it goes back to review with the check named.
    const removed = await http
      .patch(`/api/invoices/${documentId}`)
      .set(auth(admin))
      .send({ lineItems: items.slice(0, 1) })
      .expect(200);
    expect(removed.body).toMatchObject({ status: 'needs_review', invoice: { issues: ['total_mismatch'] } });
    // Only the latest save can be undone.
    await http.post(`/api/invoices/${documentId}/undo`).set(auth(admin)).send({ correctionId: record.id }).expect(409);
    const latest = removed.body.invoice.corrections.at(-1);
    const undone = await http.post(`/api/invoices/${documentId}/undo`).set(auth(admin)).send({ correctionId: latest.id }).expect(200);
    expect(undone.body).toMatchObject({ status: 'done', invoice: { lineItems: items, issues: [] } });
    expect(undone.body.invoice.corrections.at(-1)).toMatchObject({
      undoOf: latest.id,
      changes: { lineItems: { from: items.slice(0, 1), to: items } },
    });
    // An undo is not undone.
    const undoRecord = undone.body.invoice.corrections.at(-1);
    await http.post(`/api/invoices/${documentId}/undo`).set(auth(admin)).send({ correctionId: undoRecord.id }).expect(409);
  });

  it("undoes a line item correction back to an e-invoice line's unit and VAT rate", async () => {
    const documentId = await inReview();
    await db.dataSource.query(
      `UPDATE invoice_line_items SET unit = 'C62', tax_rate = 19 WHERE invoice_id = (SELECT id FROM invoices WHERE document_id = $1)`,
      [documentId],
    );
    const stored = (await get(documentId)).invoice!.lineItems;
    expect(stored[0]).toEqual({ description: 'Paper', quantity: 2, unitPrice: 50, amount: 90, unit: 'C62', taxRate: 19 });
    const saved = await http
      .patch(`/api/invoices/${documentId}`)
      .set(auth(admin))
      .send({ lineItems: [{ description: 'Paper', quantity: 2, unitPrice: 45, amount: 90 }] })
      .expect(200);
    const undone = await http
      .post(`/api/invoices/${documentId}/undo`)
      .set(auth(admin))
      .send({ correctionId: saved.body.invoice.corrections.at(-1).id })
      .expect(200);
    expect(undone.body.invoice.lineItems).toEqual(stored);
  });

  it('undoes the first save completely: values, evidence, checks, status, and no original extraction kept', async () => {
    const documentId = await inReview();
    const before = await get(documentId);
    const saved = await http
      .patch(`/api/invoices/${documentId}`)
      .set(auth(admin))
      .send({ total: 101, customerName: 'Acme SARL' })
      .expect(200);
    expect(saved.body.invoice.fieldEvidence.total.source).toBe('person');
    const undone = await http
      .post(`/api/invoices/${documentId}/undo`)
      .set(auth(admin))
      .send({ correctionId: saved.body.invoice.corrections.at(-1).id })
      .expect(200);
    const { corrections: _after, ...restored } = undone.body.invoice;
    const { corrections: _before, ...original } = before.invoice!;
    expect(restored).toEqual(original);
    expect(undone.body.status).toBe('needs_review');
    const [row] = await db.dataSource.query(`SELECT customer_key FROM invoices WHERE document_id = $1`, [documentId]);
    expect(row.customer_key).toBe('name:acme');
  });

  it('undoes an acceptance: the invoice is back in review, without it', async () => {
    const documentId = await inReview();
    const accepted = await http
      .patch(`/api/invoices/${documentId}`)
      .set(auth(admin))
      .send({ accept: { reason: 'Agreed with the vendor' } })
      .expect(200);
    expect(accepted.body.status).toBe('done');
    expect(accepted.body.invoice.corrections.at(-1).changes).toMatchObject({
      status: { from: 'needs_review', to: 'done' },
      reviewAcceptance: { from: null },
    });
    const undone = await http
      .post(`/api/invoices/${documentId}/undo`)
      .set(auth(admin))
      .send({ correctionId: accepted.body.invoice.corrections.at(-1).id })
      .expect(200);
    expect(undone.body).toMatchObject({ status: 'needs_review', invoice: { reviewAcceptance: null } });
  });

  it('rejects or marks as not an invoice: status rejected, recorded, out of the review queue; undo or a correction brings it back', async () => {
    const documentId = await inReview();
    await http.post(`/api/invoices/${documentId}/reject`).set(auth(admin)).send({ outcome: 'maybe' }).expect(400);
    await http.post(`/api/invoices/${documentId}/reject`).set(auth(admin)).send({ outcome: 'rejected', extra: 1 }).expect(400);
    const rejected = await http
      .post(`/api/invoices/${documentId}/reject`)
      .set(auth(admin))
      .send({ outcome: 'not_invoice', reason: 'A delivery note' })
      .expect(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      invoice: {
        reviewRejection: { outcome: 'not_invoice', reason: 'A delivery note', username: 'admin', rejectedAt: expect.any(String) },
      },
    });
    expect(rejected.body.invoice.corrections.at(-1).changes).toMatchObject({
      status: { from: 'needs_review', to: 'rejected' },
      reviewRejection: { from: null },
    });
    await http.post(`/api/invoices/${documentId}/reject`).set(auth(admin)).send({ outcome: 'rejected' }).expect(409);
    const queue = await http.get('/api/invoices').query({ status: 'needs_review' }).set(auth(admin)).expect(200);
    expect(queue.body.items.map((i: { documentId: string }) => i.documentId)).not.toContain(documentId);
    const listed = await http.get('/api/invoices').query({ status: 'rejected' }).set(auth(admin)).expect(200);
    expect(listed.body.items.map((i: { documentId: string }) => i.documentId)).toEqual([documentId]);

    const undone = await http
      .post(`/api/invoices/${documentId}/undo`)
      .set(auth(admin))
      .send({ correctionId: rejected.body.invoice.corrections.at(-1).id })
      .expect(200);
    expect(undone.body).toMatchObject({ status: 'needs_review', invoice: { reviewRejection: null } });

    // Rejected again, then corrected: the correction decides the status and lifts the rejection.
    await http.post(`/api/invoices/${documentId}/reject`).set(auth(admin)).send({ outcome: 'rejected' }).expect(200);
    const items = [
      { description: 'Paper', quantity: 2, unitPrice: 45, amount: 90 },
      { description: 'Ink', quantity: 1, unitPrice: 10, amount: 10 },
    ];
    const corrected = await http.patch(`/api/invoices/${documentId}`).set(auth(admin)).send({ lineItems: items }).expect(200);
    expect(corrected.body).toMatchObject({ status: 'done', invoice: { reviewRejection: null } });
    expect(corrected.body.invoice.corrections.at(-1).changes).toMatchObject({
      status: { from: 'rejected', to: 'done' },
      reviewRejection: { to: null },
    });
  });

  it('lets only the author or an admin undo, and refuses viewers, strangers, bad bodies and documents being read again', async () => {
    const documentId = await inReview();
    const uma = await userToken(gateway.app, 'Default organization', 'uma', 'uploader');
    const ulf = await userToken(gateway.app, 'Default organization', 'ulf', 'uploader');
    const vic = await userToken(gateway.app, 'Default organization', 'vic', 'viewer');
    const saved = await http.patch(`/api/invoices/${documentId}`).set(auth(uma)).send({ total: 100.5 }).expect(200);
    const correctionId = saved.body.invoice.corrections.at(-1).id;
    await http.post(`/api/invoices/${documentId}/undo`).set(auth(vic)).send({ correctionId }).expect(403);
    await http.post(`/api/invoices/${documentId}/reject`).set(auth(vic)).send({ outcome: 'rejected' }).expect(403);
    const other = await http.post(`/api/invoices/${documentId}/undo`).set(auth(ulf)).send({ correctionId }).expect(403);
    expect(other.body.message).toMatch(/author or an admin/);
    const bad = await http.post(`/api/invoices/${documentId}/undo`).set(auth(uma)).send({ correctionId: 'nope' }).expect(400);
    expect(bad.body.message).toMatch(/correctionId/);
    const outsider = await userToken(gateway.app, 'Other organization', 'olga', 'admin');
    await http.post(`/api/invoices/${documentId}/undo`).set(auth(outsider)).send({ correctionId }).expect(404);
    await http.post(`/api/invoices/${documentId}/reject`).set(auth(outsider)).send({ outcome: 'rejected' }).expect(404);
    // While the document is read again, nothing is decided on it.
    await db.dataSource.query(`UPDATE documents SET status = 'queued' WHERE id = $1`, [documentId]);
    await http.post(`/api/invoices/${documentId}/undo`).set(auth(uma)).send({ correctionId }).expect(409);
    await http.post(`/api/invoices/${documentId}/reject`).set(auth(uma)).send({ outcome: 'rejected' }).expect(409);
    await db.dataSource.query(`UPDATE documents SET status = 'done' WHERE id = $1`, [documentId]);
    await http.post(`/api/invoices/${documentId}/undo`).set(auth(uma)).send({ correctionId }).expect(200);
  });
});
