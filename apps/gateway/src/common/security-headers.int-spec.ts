import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestDatabase, deleteRedisPrefix, uniqueQueuePrefix, type TestDatabase } from '@invoice/testing';
import { createGateway } from '../bootstrap.js';
import { distinctPng, login, testGatewayConfig } from '../testing/gateway.harness.js';

/** A one-page PDF (no text layer needed: the test is about how the file is served back). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('browser-facing headers (helmet) and how uploaded files are served (real gateway, PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let prefix: string;
  let app: INestApplication;
  let webDir: string;
  let auth: { authorization: string };

  beforeAll(async () => {
    db = await createTestDatabase('headers');
    prefix = uniqueQueuePrefix('headers');
    webDir = mkdtempSync(join(tmpdir(), 'web-headers-'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
    app = await createGateway(testGatewayConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix }), { webDir });
    await app.init();
    auth = { authorization: `Bearer ${await login(app, 'admin', 'admin')}` };
  });

  afterAll(async () => {
    await app?.close();
    rmSync(webDir, { recursive: true, force: true });
    await db?.drop();
    await deleteRedisPrefix(prefix);
  });

  it('sends nosniff, a CSP that forbids framing, and no referrer on the web app, the API and its errors', async () => {
    const http = request(app.getHttpServer());
    const answers = [
      await http.get('/').set('accept', 'text/html').expect(200),
      await http.get('/invoices/123').set('accept', 'text/html').expect(200),
      await http.get('/api/invoices').set(auth).expect(200),
      await http.get('/api/invoices').expect(401),
      await http.get('/api/jobs/not-a-uuid').set(auth).expect(400),
      await http.get('/health/live').expect(200),
    ];
    for (const res of answers) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('upgrade-insecure-requests');
    }
  });

  it("lets the API documentation's inline styles through, and nothing else more", async () => {
    const res = await request(app.getHttpServer()).get('/api/docs/').expect(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('serves an uploaded image inline under its sniffed type, and a PDF as an attachment, both with nosniff', async () => {
    const http = request(app.getHttpServer());
    const upload = await http
      .post('/api/invoices')
      .set(auth)
      .attach('files', await distinctPng(3), { filename: 'page.html', contentType: 'text/html' })
      .attach('files', PDF, { filename: 'invoice.pdf', contentType: 'image/png' })
      .expect(202);
    const [image, pdf] = upload.body.jobs as { documentId: string }[];

    const shown = await http.get(`/api/invoices/${image!.documentId}/file`).set(auth).buffer(true).parse(binary).expect(200);
    expect(shown.headers['content-type']).toBe('image/png');
    expect(shown.headers['content-disposition']).toBe('inline; filename="page.html"');
    expect(shown.headers['x-content-type-options']).toBe('nosniff');

    const downloaded = await http.get(`/api/invoices/${pdf!.documentId}/file`).set(auth).buffer(true).parse(binary).expect(200);
    expect(downloaded.headers['content-type']).toBe('application/pdf');
    expect(downloaded.headers['content-disposition']).toBe('attachment; filename="invoice.pdf"');
    expect(downloaded.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(downloaded.body as Buffer, PDF)).toBe(0);
  });
});
