import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import type { Response } from 'supertest';
import { replacePageImages } from '@invoice/database';
import { seedDocument } from '@invoice/testing';
import { startAdminGateway, userToken, type AdminGateway } from '../testing/gateway.harness.js';

/** Supertest buffers image bodies (binary), so the bytes come back as a Buffer. */
const bytesOf = (res: Response) => res.body as Buffer;
const webpPage = (shade: number) =>
  sharp({ create: { width: 85, height: 110, channels: 3, background: { r: shade, g: 200, b: 255 - shade } } })
    .webp()
    .toBuffer();

describe('GET /api/invoices/:documentId/pages/:n (real Postgres and Redis)', () => {
  let gw: AdminGateway;
  let pdfId: string;
  let pngId: string;
  let pendingId: string;
  let xmlId: string;
  let png: Buffer;
  const pages: Buffer[] = [];
  const auth = (token = gw.admin) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    gw = await startAdminGateway('pages');
    const organizationName = 'Default organization';
    pdfId = (
      await seedDocument(gw.db.dataSource, Buffer.from('%PDF-1.4 two pages'), {
        organizationName,
        mimeType: 'application/pdf',
        status: 'done',
      })
    ).documentId;
    pages.push(await webpPage(10), await webpPage(240));
    await gw.db.dataSource.transaction((manager) =>
      replacePageImages(
        manager,
        gw.org,
        pdfId,
        pages.map((content, index) => ({
          pageNumber: index + 1,
          mimeType: 'image/webp',
          width: 1700,
          height: 2200,
          contentHash: `hash-${index}`,
          content,
        })),
      ),
    );
    png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#abcdef' } })
      .png()
      .toBuffer();
    pngId = (await seedDocument(gw.db.dataSource, png, { organizationName, mimeType: 'image/png', status: 'done' })).documentId;
    pendingId = (
      await seedDocument(gw.db.dataSource, Buffer.from('%PDF-1.4 not read yet'), { organizationName, mimeType: 'application/pdf' })
    ).documentId;
    xmlId = (
      await seedDocument(gw.db.dataSource, Buffer.from('<?xml version="1.0"?><Invoice/>'), {
        organizationName,
        mimeType: 'application/xml',
        status: 'done',
      })
    ).documentId;
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('serves each rendered page with its word-box size, the page count and caching headers', async () => {
    for (const [index, content] of pages.entries()) {
      const res = await gw.http
        .get(`/api/invoices/${pdfId}/pages/${index + 1}`)
        .set(auth())
        .buffer(true)
        .expect(200);
      expect(res.headers['content-type']).toBe('image/webp');
      expect(bytesOf(res).equals(content)).toBe(true);
      expect(res.headers).toMatchObject({
        'x-page-count': '2',
        'x-page-width': '1700',
        'x-page-height': '2200',
        etag: `"hash-${index}"`,
        'cache-control': 'private, no-cache',
        'x-content-type-options': 'nosniff',
      });
    }
  });

  it('answers 304 without a body when the ETag matches', async () => {
    const res = await gw.http.get(`/api/invoices/${pdfId}/pages/2`).set(auth()).set('if-none-match', 'W/"other", "hash-1"').expect(304);
    expect(res.text ?? '').toBe('');
    await gw.http.get(`/api/invoices/${pdfId}/pages/2`).set(auth()).set('if-none-match', '"hash-0"').expect(200);
  });

  it('serves a PNG upload as its own page 1, and no page 2', async () => {
    const res = await gw.http.get(`/api/invoices/${pngId}/pages/1`).set(auth()).buffer(true).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(bytesOf(res).equals(png)).toBe(true);
    expect(res.headers.etag).toBe(`"${createHash('sha256').update(png).digest('hex')}"`);
    expect(res.headers['x-page-width']).toBeUndefined();
    const missing = await gw.http.get(`/api/invoices/${pngId}/pages/2`).set(auth()).expect(404);
    expect(missing.body.message).toBe('Page 2 not found: the document has 1 page');
  });

  it('answers 404 for a page beyond the last one and for a document not rendered yet', async () => {
    expect((await gw.http.get(`/api/invoices/${pdfId}/pages/3`).set(auth()).expect(404)).body.message).toBe(
      'Page 3 not found: the document has 2 pages',
    );
    expect((await gw.http.get(`/api/invoices/${pendingId}/pages/1`).set(auth()).expect(404)).body.message).toMatch(
      /^Page 1 has no image: the document is queued/,
    );
  });

  it('answers 404 naming the XML download for a bare XML e-invoice, which has no page', async () => {
    const res = await gw.http.get(`/api/invoices/${xmlId}/pages/1`).set(auth()).expect(404);
    expect(res.body.message).toBe(`A bare XML e-invoice has no page image: its XML is at /api/invoices/${xmlId}/einvoice`);
  });

  it('answers 400 naming n for anything but a page number, and for a malformed document id', async () => {
    for (const n of ['0', '-1', 'abc', '1.5', '01', '1e3', '99999', '%20']) {
      const res = await gw.http.get(`/api/invoices/${pdfId}/pages/${n}`).set(auth()).expect(400);
      expect(res.body.message).toMatch(/\bn must be/);
    }
    await gw.http.get(`/api/invoices/not-a-uuid/pages/1`).set(auth()).expect(400);
  });

  it("answers 404 for another organization's document, whatever the page, and 401 without a token", async () => {
    const other = await userToken(gw.app, 'Other organization', 'otto', 'admin');
    for (const [id, n] of [
      [pdfId, 1],
      [pdfId, 3],
      [pngId, 1],
    ] as const) {
      const res = await gw.http.get(`/api/invoices/${id}/pages/${n}`).set(auth(other)).expect(404);
      expect(res.body.message).toBe(`Invoice ${id} not found`);
    }
    await gw.http.get(`/api/invoices/${pdfId}/pages/1`).expect(401);
  });
});
