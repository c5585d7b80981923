import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { AnalyticsOverviewResponse, InvoiceListResponse, InvoiceSummary } from '@invoice/contracts';
import {
  createTestDatabase,
  deleteRedisPrefix,
  seedInvoice,
  seedOrganization,
  uniqueQueuePrefix,
  type TestDatabase,
} from '@invoice/testing';
import { createGateway } from './bootstrap.js';
import { distinctPng, login, testGatewayConfig, userToken } from './testing/gateway.harness.js';

/** What the web app needs from the gateway: the original file, sorted and filtered lists, the analytics overview, and the app served at `/`. */
describe('gateway routes for the web app (real Postgres and Redis)', () => {
  let db: TestDatabase;
  let prefix: string;
  let app: INestApplication;
  let webApp: INestApplication;
  let webDir: string;
  let token: string;
  const auth = () => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    db = await createTestDatabase('web_support');
    prefix = uniqueQueuePrefix('web-support');
    const config = testGatewayConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix });
    // A directory that has no index.html: the gateway serves no web app.
    app = await createGateway(config, { webDir: join(tmpdir(), 'no-web-app-here') });
    await app.init();
    token = await login(app, 'admin', 'admin');

    webDir = mkdtempSync(join(tmpdir(), 'web-dist-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(webDir, 'assets', 'app-1234.js'), 'console.log(1)');
    webApp = await createGateway(config, { webDir });
    await webApp.init();

    const organizationId = await seedOrganization(db.dataSource, 'Default organization');
    const rows: [string, string, string, number, string?, string?][] = [
      ['id:a', 'Alpha SA', '2026-01-05', 100],
      ['id:a', 'Alpha SA', '2026-01-20', 50],
      ['id:b', 'Beta SARL', '2026-03-02', 400],
      ['id:c', 'Gamma Ltd', '2026-03-15', 25],
      ['id:c', 'Gamma Ltd', '2026-04-01', 75, 'EUR', 'needs_review'],
      ['id:d', 'Delta GmbH', '2026-03-03', 999, 'USD'],
    ];
    for (const [customerKey, customerName, issueDate, total, currency, status] of rows) {
      await seedInvoice(db.dataSource, {
        organizationId,
        customerKey,
        customerName,
        issueDate,
        total,
        currency,
        status: status as 'needs_review' | undefined,
      });
    }
  });

  afterAll(async () => {
    await app?.close();
    await webApp?.close();
    rmSync(webDir, { recursive: true, force: true });
    await db?.drop();
    await deleteRedisPrefix(prefix);
  });

  describe('GET /api/invoices/:documentId/file', () => {
    it('answers the stored bytes with their sniffed type, only to the organization', async () => {
      const png = await distinctPng(31);
      const upload = await request(app.getHttpServer())
        .post('/api/invoices')
        .set(auth())
        .attach('files', png, { filename: 'scan.txt', contentType: 'text/plain' })
        .expect(202);
      const { documentId } = upload.body.jobs[0];
      const res = await request(app.getHttpServer())
        .get(`/api/invoices/${documentId}/file`)
        .set(auth())
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(Buffer.compare(res.body as Buffer, png)).toBe(0);

      const stranger = await userToken(app, 'Other organization', 'outsider', 'viewer');
      await request(app.getHttpServer())
        .get(`/api/invoices/${documentId}/file`)
        .set({ authorization: `Bearer ${stranger}` })
        .expect(404);
      await request(app.getHttpServer()).get(`/api/invoices/${documentId}/file`).expect(401);
      await request(app.getHttpServer()).get('/api/invoices/not-a-uuid/file').set(auth()).expect(400);
    });
  });

  describe('GET /api/invoices sorting and filters', () => {
    const list = async (query: string) =>
      (await request(app.getHttpServer()).get(`/api/invoices?${query}`).set(auth()).expect(200)).body as InvoiceListResponse;

    /** Every page of a query, following nextCursor. */
    const allPages = async (query: string) => {
      const items: InvoiceSummary[] = [];
      let cursor: string | null = null;
      do {
        const page: InvoiceListResponse = await list(`${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return items;
    };

    it('sorts by total both ways, seeded rows first and rows without a total last, pages neither overlapping nor skipping', async () => {
      const desc = await allPages('sort=total&order=desc');
      const totals = desc.map((i) => i.total);
      expect(totals.slice(0, 6)).toEqual([999, 400, 100, 75, 50, 25]);
      expect(new Set(desc.map((i) => i.documentId)).size).toBe(desc.length);
      const asc = await allPages('sort=total&order=asc');
      expect(asc.map((i) => i.total).filter((t) => t !== null)).toEqual([25, 50, 75, 100, 400, 999]);
      expect(asc.length).toBe(desc.length);
    });

    it('sorts by customer name and issue date', async () => {
      expect((await list('sort=customerName&order=asc&minTotal=0')).items.map((i) => i.customerName)).toEqual([
        'Alpha SA',
        'Alpha SA',
        'Beta SARL',
        'Delta GmbH',
        'Gamma Ltd',
        'Gamma Ltd',
      ]);
      expect((await list('sort=issueDate&order=desc&limit=2')).items.map((i) => i.issueDate)).toEqual(['2026-04-01', '2026-03-15']);
    });

    it('filters by customer and total range, together with status', async () => {
      expect((await list('customer=gamma')).items.map((i) => i.total).sort()).toEqual([25, 75]);
      expect((await list('minTotal=50&maxTotal=100&sort=total&order=asc')).items.map((i) => i.total)).toEqual([50, 75, 100]);
      expect((await list('customer=gamma&status=needs_review')).items.map((i) => i.total)).toEqual([75]);
      expect((await list('customer=100%25')).items).toEqual([]);
    });

    it('filters by issue date range, as a month of the analytics charts opens it', async () => {
      expect((await list('issuedFrom=2026-03-01&issuedTo=2026-03-31&sort=total&order=asc')).items.map((i) => i.total)).toEqual([
        25, 400, 999,
      ]);
      expect(
        (await list('issuedFrom=2026-03-01&issuedTo=2026-03-31&status=done&sort=total&order=asc')).items.map((i) => i.issueDate),
      ).toEqual(['2026-03-15', '2026-03-02', '2026-03-03']);
      expect((await list('issuedTo=2026-01-05')).items.map((i) => i.total)).toEqual([100]);
      await request(app.getHttpServer()).get('/api/invoices?issuedFrom=2026-02-30').set(auth()).expect(400);
    });

    it('keeps keyset paging for the default order, and refuses a cursor of another sort', async () => {
      const pages = await allPages('sort=createdAt&order=desc');
      expect(pages.length).toBeGreaterThanOrEqual(6);
      const offsetCursor = (await list('sort=total&limit=1')).nextCursor!;
      const res = await request(app.getHttpServer()).get(`/api/invoices?cursor=${offsetCursor}`).set(auth()).expect(400);
      expect(res.body.message).toMatch(/cursor/);
      await request(app.getHttpServer()).get('/api/invoices?sort=password').set(auth()).expect(400);
      await request(app.getHttpServer()).get('/api/invoices?minTotal=abc').set(auth()).expect(400);
    });
  });

  describe('GET /api/analytics/overview', () => {
    const overview = async (query = '') =>
      (await request(app.getHttpServer()).get(`/api/analytics/overview${query}`).set(auth()).expect(200)).body as AnalyticsOverviewResponse;

    it('sums done invoices of the main currency per month, counts every invoice, and ranks customers', async () => {
      const answer = await overview();
      expect(answer.currency).toBe('EUR');
      expect(answer.months).toEqual([
        { month: '2026-01', revenue: 150, invoices: 2 },
        // Delta's USD invoice counts as an invoice, not as revenue.
        { month: '2026-03', revenue: 425, invoices: 3 },
        // Gamma's April invoice needs review: counted, not summed.
        { month: '2026-04', revenue: 0, invoices: 1 },
      ]);
      expect(answer.topCustomers).toEqual([
        { customerKey: 'id:b', customerName: 'Beta SARL', revenue: 400, invoices: 1 },
        { customerKey: 'id:a', customerName: 'Alpha SA', revenue: 150, invoices: 2 },
        { customerKey: 'id:c', customerName: 'Gamma Ltd', revenue: 25, invoices: 1 },
      ]);
      // The headline figures are the bars added up; the average and the customers over the summed invoices (4 done in EUR).
      expect(answer.totals).toEqual({ revenue: 575, invoices: 6, averageInvoice: 575 / 4, customers: 3 });
    });

    it('limits to an issue date range and a number of customers', async () => {
      const answer = await overview('?from=2026-03-01&to=2026-03-31&top=1');
      expect(answer.months).toEqual([{ month: '2026-03', revenue: 425, invoices: 3 }]);
      expect(answer.topCustomers.map((c) => c.customerKey)).toEqual(['id:b']);
      expect(answer.totals).toEqual({ revenue: 425, invoices: 3, averageInvoice: 212.5, customers: 2 });
      expect({ from: answer.from, to: answer.to }).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    });

    it('refuses a reversed range, and shows another organization nothing', async () => {
      const res = await request(app.getHttpServer()).get('/api/analytics/overview?from=2026-05-01&to=2026-01-01').set(auth()).expect(400);
      expect(res.body.message).toMatch(/from/);
      const stranger = await userToken(app, 'Empty organization', 'lonely', 'viewer');
      const empty = (
        await request(app.getHttpServer())
          .get('/api/analytics/overview')
          .set({ authorization: `Bearer ${stranger}` })
          .expect(200)
      ).body;
      expect(empty).toEqual({
        currency: null,
        from: null,
        to: null,
        totals: { revenue: 0, invoices: 0, averageInvoice: null, customers: 0 },
        months: [],
        topCustomers: [],
      });
    });
  });

  describe('the web app at /', () => {
    it('serves index.html for the app routes and the assets as files', async () => {
      const http = request(webApp.getHttpServer());
      for (const path of ['/', '/invoices/123', '/review']) {
        const res = await http.get(path).set('accept', 'text/html').expect(200);
        expect(res.text).toContain('<div id="root">');
        expect(res.headers['cache-control']).toBe('no-cache');
      }
      const asset = await http.get('/assets/app-1234.js').expect(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);
      expect(asset.headers['cache-control']).toMatch(/immutable/);
    });

    it('leaves the API, health and metrics alone', async () => {
      const http = request(webApp.getHttpServer());
      const miss = await http.get('/api/nothing').set('accept', 'text/html').expect(404);
      expect(miss.body.code).toBe('NOT_FOUND');
      await http.get('/health/live').expect(200).expect('content-type', /json/);
      await http
        .get('/metrics')
        .expect(200)
        .expect('content-type', /text\/plain/);
      await http.get('/api/invoices').set('accept', 'text/html').expect(401);
      // A script asking for JSON at an unknown path gets no HTML page.
      await http.get('/unknown.json').set('accept', 'application/json').expect(404);
    });

    it('serves nothing at / when the app was not built', async () => {
      await request(app.getHttpServer()).get('/').set('accept', 'text/html').expect(404);
    });
  });
});
