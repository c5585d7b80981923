import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestDatabase, deleteRedisPrefix, uniqueQueuePrefix, type TestDatabase } from '@invoice/testing';
import { startGateway, testGatewayConfig, userToken } from '../testing/gateway.harness.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../../libs/einvoice/src/__fixtures__');
const UBL = readFileSync(join(FIXTURES, 'peppol-ubl-invoice.xml'));

describe('e-invoice uploads and the XML download (real gateway, PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let prefix: string;
  let token: string;
  let other: string;

  beforeAll(async () => {
    db = await createTestDatabase('einvoiceup');
    prefix = uniqueQueuePrefix('einvoiceup');
    app = await startGateway(testGatewayConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix }));
    token = await userToken(app, 'E-invoice org', 'einv', 'uploader');
    other = await userToken(app, 'Other org', 'other', 'uploader');
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await deleteRedisPrefix(prefix);
  });

  const upload = (content: Buffer, filename: string, bearer = token) =>
    request(app.getHttpServer())
      .post('/api/invoices')
      .set('authorization', `Bearer ${bearer}`)
      .attach('files', content, { filename, contentType: 'text/plain' });

  it('accepts a UBL invoice as application/xml whatever its name and Content-Type', async () => {
    const res = await upload(UBL, 'invoice.txt');
    expect(res.status).toBe(202);
    const [row] = await db.dataSource.query(`SELECT mime_type FROM documents WHERE id = $1`, [res.body.jobs[0].documentId]);
    expect(row.mime_type).toBe('application/xml');
  });

  it.each([
    [
      'XXE',
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
      /^E-invoice XML refused: XML with a DOCTYPE/,
    ],
    [
      'billion laughs',
      '<!DOCTYPE l [<!ENTITY a "a"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><l>&b;</l>',
      /^E-invoice XML refused: XML with a DOCTYPE/,
    ],
    ['deep nesting', `${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}`, /^E-invoice XML refused: XML nests deeper than 64/],
    [
      'malformed',
      '<?xml version="1.0"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">',
      /^E-invoice XML refused: XML is not well-formed/,
    ],
    ['another XML', '<?xml version="1.0"?><note><to>x</to></note>', /root element note is not a CII/],
  ])('refuses %s with a 415 and the reason, storing nothing', async (_name, xml, reason) => {
    const before = Number((await db.dataSource.query(`SELECT count(*)::int AS n FROM documents`))[0].n);
    const res = await upload(Buffer.from(xml), 'x.xml');
    expect(res.status).toBe(415);
    expect(JSON.stringify(res.body)).toMatch(/UNSUPPORTED/);
    expect(res.body.details?.rejected?.[0]?.reason ?? res.body.message).toMatch(reason);
    expect(Number((await db.dataSource.query(`SELECT count(*)::int AS n FROM documents`))[0].n)).toBe(before);
  });

  it('serves the e-invoice XML of an invoice as a download, to its organization only; 404 when there is none', async () => {
    const res = await upload(Buffer.from(UBL.toString('utf8').replace('UBL-889', 'UBL-890')), 'rechnung.xml');
    const documentId: string = res.body.jobs[0].documentId;
    // The worker stores the XML with the invoice; here the row it writes is made by hand.
    await db.dataSource.query(
      `INSERT INTO invoices (id, document_id, organization_id, issues, ocr_text, ocr_words, ocr_confidence, ocr_duration_ms, engine_version, einvoice, einvoice_xml)
       SELECT gen_random_uuid(), id, organization_id, '[]', '', '[]', 0, 0, 'einvoice-xml', '{"syntax":"UBL","attachment":null}', $2 FROM documents WHERE id = $1`,
      [documentId, Buffer.from('<Invoice/>')],
    );
    const xml = await request(app.getHttpServer())
      .get(`/api/invoices/${documentId}/einvoice`)
      .set('authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(xml.status).toBe(200);
    expect(xml.headers['content-type']).toMatch(/^application\/xml/);
    expect(xml.headers['content-disposition']).toBe('attachment; filename="rechnung.xml"');
    expect(xml.headers['x-content-type-options']).toBe('nosniff');
    expect((xml.body as Buffer).toString()).toBe('<Invoice/>');
    expect(
      (await request(app.getHttpServer()).get(`/api/invoices/${documentId}/einvoice`).set('authorization', `Bearer ${other}`)).status,
    ).toBe(404);
    const plain = await upload(UBL, 'again.xml');
    expect(
      (
        await request(app.getHttpServer())
          .get(`/api/invoices/${plain.body.jobs[0].documentId}/einvoice`)
          .set('authorization', `Bearer ${token}`)
      ).status,
    ).toBe(404);
  });
});
