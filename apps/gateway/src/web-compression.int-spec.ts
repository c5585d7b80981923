import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { LOGIN_FORM_PATH } from '@invoice/contracts';
import { createTestDatabase, deleteRedisPrefix, uniqueQueuePrefix, type TestDatabase } from '@invoice/testing';
import { createGateway, listenGateway } from './bootstrap.js';
import { testGatewayConfig } from './testing/gateway.harness.js';
import { buildWebApp, indexHtmlAssets, startupScripts } from './testing/web-bundle.harness.js';

/** A string only chart.js's own code holds (its date adapter's error), to find the chart library in a chunk. */
const CHART_JS_MARK = 'complete date adapter';

/** A raw GET: no client-side decompression, so the bytes on the wire are what the test sees. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((done, fail) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail);
  });
}

describe('the built web app served compressed, the chart library out of the start-up scripts (real build, gateway, PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let prefix: string;
  let app: INestApplication;
  let webDir: string;
  let base: string;

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'web-build-'));
    buildWebApp(webDir);
    db = await createTestDatabase('web_compression');
    prefix = uniqueQueuePrefix('web-compression');
    const config = testGatewayConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix, HOST: '127.0.0.1', PORT: '0' });
    app = await createGateway(config, { webDir });
    base = await listenGateway(app, { HOST: '127.0.0.1', PORT: 0 });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    rmSync(webDir, { recursive: true, force: true });
    await db?.drop();
    await deleteRedisPrefix(prefix);
  });

  it('sends each asset as brotli or gzip per Accept-Encoding, raw without it, with Vary and immutable caching', async () => {
    const assets = indexHtmlAssets(webDir).filter((f) => /\.(js|css)$/.test(f));
    expect(assets.some((f) => f.endsWith('.css'))).toBe(true);
    for (const file of assets) {
      const raw = readFileSync(join(webDir, file));
      if (raw.length < 1024) continue;
      const br = await rawGet(`${base}/${file}`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
      expect([br.status, br.headers['content-encoding']]).toEqual([200, 'br']);
      expect(br.headers.vary).toMatch(/accept-encoding/i);
      expect(br.headers['content-type']).toMatch(file.endsWith('.js') ? /javascript/ : /text\/css/);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(br.body.length).toBeLessThan(raw.length / 2);
      expect(brotliDecompressSync(br.body).equals(raw)).toBe(true);

      const gz = await rawGet(`${base}/${file}`, { 'accept-encoding': 'gzip' });
      expect([gz.status, gz.headers['content-encoding']]).toEqual([200, 'gzip']);
      expect(gz.headers.vary).toMatch(/accept-encoding/i);
      expect(gunzipSync(gz.body).equals(raw)).toBe(true);

      const plain = await rawGet(`${base}/${file}`, { 'accept-encoding': 'identity' });
      expect([plain.status, plain.headers['content-encoding']]).toEqual([200, undefined]);
      expect(plain.body.equals(raw)).toBe(true);
    }
  });

  it('keeps index.html revalidated and under the CSP', async () => {
    const page = await rawGet(`${base}/login`, { accept: 'text/html', 'accept-encoding': 'br' });
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
  });

  it("answers /login with its own page, in the reader's language: the form, its CSS inline (allowed by hash), the stylesheet after it", async () => {
    const get = async (headers: Record<string, string>) => {
      const res = await rawGet(`${base}/login`, { accept: 'text/html', 'accept-encoding': 'br', ...headers });
      expect([res.status, res.headers['content-encoding'], res.headers['cache-control']]).toEqual([200, 'br', 'no-cache']);
      expect(res.headers.vary).toMatch(/accept-language/i);
      // The page a slow phone draws before any script: a few kB on the wire.
      expect(res.body.length).toBeLessThan(8 * 1024);
      return { html: brotliDecompressSync(res.body).toString('utf8'), csp: String(res.headers['content-security-policy']) };
    };
    const { html, csp } = await get({ 'accept-language': 'en-US,en;q=0.9' });
    expect(html).toContain(`<form class="col-12 col-sm-8 col-md-5 col-lg-4 card card-body mt-4" method="post" action="${LOGIN_FORM_PATH}"`);
    expect(html).toContain('<button type="submit" class="btn btn-primary">Log in</button>');
    expect(html).toContain('<html lang="en"');
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    expect(styles[0]).toContain('.btn-primary');
    expect(styles[0]).not.toContain('.table-cards');
    const hash = `'sha256-${createHash('sha256').update(styles[0]!).digest('base64')}'`;
    expect(csp).toContain(`style-src 'self' ${hash}`);
    expect(csp).not.toContain('unsafe-inline');
    expect(html.indexOf('rel="stylesheet"')).toBeGreaterThan(html.indexOf('</form>'));

    const french = await get({ 'accept-language': 'fr-FR,fr;q=0.9' });
    expect(french.html).toContain('<button type="submit" class="btn btn-primary">Se connecter</button>');
    expect(french.html).toContain('<html lang="fr"');
    expect(french.html).not.toContain('Log in');
    // The language the app chose wins over the browser's.
    expect((await get({ 'accept-language': 'fr-FR', cookie: 'invoice_ocr_language=en' })).html).toContain('<html lang="en"');

    const shell = await rawGet(`${base}/invoices/42`, { accept: 'text/html', 'accept-encoding': 'identity' });
    expect(shell.status).toBe(200);
    expect(shell.body.toString('utf8')).toContain('<div id="root"></div>');
    expect(shell.body.toString('utf8')).not.toContain('<form');
  });

  it('leaves chart.js out of every script the login page loads, in a chunk of its own loaded by the chart pages', () => {
    const startup = startupScripts(webDir);
    expect(startup.length).toBeGreaterThan(0);
    for (const file of startup) expect(readFileSync(join(webDir, file), 'utf8')).not.toContain(CHART_JS_MARK);
    const all = readdirSync(join(webDir, 'assets')).filter((f) => f.endsWith('.js'));
    const charts = all.filter((f) => readFileSync(join(webDir, 'assets', f), 'utf8').includes(CHART_JS_MARK));
    expect(charts).toHaveLength(1);
    const pages = all.filter((f) => /^(Analytics|Monitoring)Page-/.test(f));
    expect(pages).toHaveLength(2);
    for (const page of pages) expect(startupScripts(webDir).includes(`assets/${page}`)).toBe(false);
  });

  it('keeps zod and the French strings out of the start-up scripts, and only the CSS rules the app uses', () => {
    const startup = startupScripts(webDir).map((file) => readFileSync(join(webDir, file), 'utf8'));
    const all = readdirSync(join(webDir, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(webDir, 'assets', f), 'utf8'));
    // Marks: zod's error class name, and a French string of the app.
    for (const mark of ['ZodError', 'Se déconnecter']) {
      expect(startup.filter((text) => text.includes(mark))).toEqual([]);
      expect(all.filter((text) => text.includes(mark)).length).toBeGreaterThan(0);
    }
    const css = indexHtmlAssets(webDir)
      .filter((file) => file.endsWith('.css'))
      .map((file) => readFileSync(join(webDir, file), 'utf8'))
      .join('');
    expect(css).toContain('.navbar-collapse');
    expect(css).toContain('.table-cards');
    // A Bootstrap component the app does not use.
    expect(css).not.toContain('.carousel');
    expect(css.length).toBeLessThan(80_000);
  });
});
